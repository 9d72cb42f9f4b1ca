import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../logger.js';
import { startSaring, type Roles } from './service.js';
import { guardPostgresDriver } from './driver-guard.js';
import { checkDependencies } from './dependencies.js';
import { EmbeddedDatabaseBusyError } from '../db/embedded.js';

/** Process entry: load config (a bad value stops here, naming the variable), start, stop on signals. */
export async function run(roles: Roles): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config);
  const problems = await checkDependencies({ redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, waitMs: config.startupWaitMs });
  if (problems.length > 0) {
    // One plain line per missing server, on stderr, then a non-zero exit: no reconnect loop.
    for (const p of problems) console.error(p.message);
    process.exit(69);
  }
  guardPostgresDriver(logger);
  let saring;
  try {
    saring = await startSaring(config, logger, roles);
  } catch (err) {
    if (err instanceof EmbeddedDatabaseBusyError) {
      console.error(err.message);
      process.exit(75);
    }
    throw err;
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    saring.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
