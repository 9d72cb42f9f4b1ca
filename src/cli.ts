import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createLogger } from './logger.js';
import { connectDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { createRepositories, type Repositories } from './db/repositories/index.js';
import { createMediaService } from './services/media.service.js';
import { createDiskMediaStore, createMediaStore, createOcrPool } from './media/index.js';
import { createNlp } from './nlp/index.js';
import { createClaimCatalog } from './services/claim-catalog.js';
import { createClaimImportService } from './services/claim-import.service.js';
import { runCheck } from './cli/check.command.js';
import { runImportRegions } from './cli/regions.command.js';
import { runStaff, STAFF_USAGE } from './cli/staff.command.js';
import { runRetrain } from './cli/retrain.command.js';
import { moveMediaPreflight, parseMoveMediaArgs, runMoveMedia } from './cli/media.command.js';
import { createModelKeeper } from './services/hoax-model.service.js';
import { createAnswerExtras } from './services/answer-extras.js';
import { resolveSecrets } from './config/secrets.js';
import { createRegionsService } from './services/regions.service.js';
import { createStaffService } from './services/staff.service.js';
import { createPrivacyService } from './services/privacy.service.js';
import { runPurge, runRotate } from './cli/privacy.command.js';
import { createErasureService } from './services/erasure.service.js';
import { reportErasedHooks } from './services/erasure-hooks.js';
import { createProducers } from './queues/queues.js';
import { createRedis } from './queues/redis.js';
import { checkDependencies } from './entry/dependencies.js';
import { EmbeddedDatabaseBusyError } from './db/embedded.js';
import { BUNDLED_REGIONS_FILE } from './services/bundled-regions.js';

const USAGE = `saring — command line for Saring

  saring migrate                 apply the migrations in drizzle/
  saring import-claims FILE      import verified claims (JSON Lines: id, text, verdict, clarification, sources, region, images)
  saring check                   JSON Lines {"id","text"} or {"id","image"} on stdin → one verdict line per input on stdout
  saring import-regions [FILE]   import Kemendagri regions (CSV code,name, or .csv.gz), idempotent;
                                 no FILE: the bundled list (first start imports it when the table is empty)
  saring staff add --name NAME --role admin|diskominfo|moderator --region CODE [--telegram-id N]
                                 add a staff account; prints its API token once
  saring staff list              every staff account with its role, region and state
  saring staff disable ID        end an account at once (token, dashboard sessions, chat link)
  saring staff code ID           a new one-time /masuk code for linking a chat account
  saring staff rotate ID         a new API token; the old one stops working at once
  saring purge --older-than 180d remove texts of decided reports older than that (aggregates stay)
  saring retrain                 refit the hoax model on the corpus + this deployment's published verdicts; it goes
                                 live only if not worse on the held-out check (exit 3: refused, old model stays)
  saring rotate-pseudonyms       re-key residents from PSEUDONYM_SECRET to NEW_PSEUDONYM_SECRET (service stopped)
  saring move-media [--from-dir DIR] [--dry-run] [--delete-local] [--concurrency N]
                                 copy the pictures the database names from MEDIA_DIR (or DIR) to the MEDIA_STORE=s3
                                 bucket; skips what is there (rerunnable, safe beside the service); exit 1: some failed
  saring help                    this text

Reads DATABASE_URL (unset: the embedded PGlite under DATA_DIR) from the environment; see .env.example.`;

/** Pictures for import-claims and check: the service's own store and readers; OCR workers start only if a picture comes. */
function cliMedia(config: Config, repos: Repositories, logger: Logger) {
  const ocr = createOcrPool(config.media.ocrWorkers ? { workers: config.media.ocrWorkers } : {});
  const service = createMediaService(
    { repos, logger },
    { store: createMediaStore(config.media), ocr, adapters: {}, limits: { maxBytes: config.media.maxBytes, maxPixels: config.media.maxPixels } },
  );
  return { service, close: () => ocr.close() };
}

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  // `saring staff add --help` is someone asking, not a mistake: the usage, exit 0, nothing opened.
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(command === 'staff' ? STAFF_USAGE : USAGE);
    return 0;
  }
  const config = loadConfig();
  // Refused before the database is opened: a wrong flag, a store that is not a bucket, a bucket that does not answer.
  let move: { fromDir: string } | undefined;
  const moveArgs = command === 'move-media' ? parseMoveMediaArgs(argv.slice(argv.indexOf('move-media') + 1)) : undefined;
  if (moveArgs) {
    if ('error' in moveArgs) {
      console.error(moveArgs.error);
      return 64;
    }
    const ready = await moveMediaPreflight(config.media, moveArgs);
    if ('code' in ready) {
      console.error(ready.message);
      return ready.code;
    }
    move = ready;
  }
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel, env: config.env }, { stderr: true });
  if (config.databaseUrl) {
    const problems = await checkDependencies({ redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, waitMs: Math.min(config.startupWaitMs, 5_000), skipRedis: true });
    if (problems.length > 0) {
      for (const p of problems) console.error(p.message);
      return 69;
    }
  }
  let database;
  try {
    // Beside a running `npm start` on the embedded database, go through that service's socket.
    database = await connectDatabase(config, logger, { shareRunning: true });
  } catch (err) {
    if (err instanceof EmbeddedDatabaseBusyError) {
      console.error(err.message);
      return 75;
    }
    throw err;
  }
  try {
    switch (command) {
      case 'migrate':
        await runMigrations(database.db);
        console.log('migrations applied');
        return 0;
      case 'import-claims': {
        const file = rest[0];
        if (!file || !existsSync(file)) {
          console.error(file ? `file not found: ${file}` : 'usage: saring import-claims FILE');
          return 66;
        }
        await runMigrations(database.db);
        const repos = createRepositories(database.db);
        const media = cliMedia(config, repos, logger);
        const importer = createClaimImportService({ db: database.db, repos }, createNlp(), media.service);
        const summary = await importer
          .importLines(createInterface({ input: createReadStream(file), crlfDelay: Infinity }), { baseDir: dirname(resolve(file)) })
          .finally(() => media.close());
        console.log(`added ${summary.added}, updated ${summary.updated}, rejected ${summary.rejected.length}`);
        for (const r of summary.rejected) console.log(`  line ${r.line}: ${r.reason}`);
        return summary.rejected.length > 0 && summary.added + summary.updated === 0 ? 65 : 0;
      }
      case 'check': {
        const nlp = createNlp();
        const repos = createRepositories(database.db);
        const catalog = createClaimCatalog(nlp, repos.claims, logger, repos.reports);
        await catalog.refresh();
        // The same model and local memory the workers score with.
        await createModelKeeper(nlp, repos, logger).refresh();
        const media = cliMedia(config, repos, logger);
        await runCheck(config, nlp, catalog, process.stdin, (line) => process.stdout.write(line + '\n'), media.service).finally(() => media.close());
        return 0;
      }
      case 'retrain': {
        await runMigrations(database.db);
        const repos = createRepositories(database.db);
        return await runRetrain(repos, config.hoaxModel.corpusDir ? { corpusDir: config.hoaxModel.corpusDir } : {}, (l) => console.log(l));
      }
      case 'import-regions': {
        // No file: the bundled Kemendagri list (what first start imports).
        const file = rest[0] ?? BUNDLED_REGIONS_FILE;
        if (!existsSync(file)) {
          console.error(`file not found: ${file}`);
          return 66;
        }
        await runMigrations(database.db);
        const regions = createRegionsService({ db: database.db, repos: createRepositories(database.db) });
        return await runImportRegions(regions, file, (line) => console.log(line));
      }
      case 'staff': {
        await runMigrations(database.db);
        const repos = createRepositories(database.db);
        const staff = createStaffService({ db: database.db, repos, secrets: resolveSecrets(config) });
        const regions = createRegionsService({ db: database.db, repos });
        // Re-parse strictly: the top-level parse treats "--name X" as a flag plus a positional.
        return await runStaff(argv.slice(argv.indexOf('staff') + 1), { staff, regions }, { out: (l) => console.log(l), err: (l) => console.error(l) });
      }
      case 'purge':
      case 'rotate-pseudonyms': {
        await runMigrations(database.db);
        // The purge re-renders moderators' cards through the review queue of the running service.
        const redis = createRedis(config.redisUrl);
        redis.on('error', () => undefined);
        const producers = createProducers(redis, config.queuePrefix);
        try {
          const repos = createRepositories(database.db);
          const deps = { db: database.db, repos, producers, logger };
          const erasure = createErasureService(deps, { extras: createAnswerExtras({ config, repos }), onReportErased: reportErasedHooks({ config, logger }) });
          const privacy = createPrivacyService({ ...deps, secrets: resolveSecrets(config) }, { erasure });
          return command === 'purge'
            ? await runPurge(privacy, argv, (l) => console.log(l))
            : await runRotate(privacy, config.newPseudonymSecret, (l) => console.log(l));
        } finally {
          await producers.close();
          redis.disconnect();
        }
      }
      case 'move-media': {
        if (!move || !moveArgs || 'error' in moveArgs) return 64;
        await runMigrations(database.db);
        const repos = createRepositories(database.db);
        const stores = { from: createDiskMediaStore(move.fromDir), to: createMediaStore(config.media), media: repos.media };
        return await runMoveMedia(stores, moveArgs, (l) => console.log(l), (l) => console.error(l));
      }
      default:
        console.error(`unknown command: ${command}\n\n${USAGE}`);
        return 64;
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
