import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logger.js';
import { connectDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';

const USAGE = `saring — command line for Saring

  saring migrate                 apply the migrations in drizzle/ to DATABASE_URL (or the embedded PGlite)
  saring help                    this text

Reads DATABASE_URL and REDIS_URL from the environment (see .env.example).`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command] = positionals;
  if (!command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  const config = loadConfig();
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  switch (command) {
    case 'migrate': {
      const database = await connectDatabase(config, logger);
      try {
        await runMigrations(database.db);
        console.log('migrations applied');
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
