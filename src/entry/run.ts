import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../logger.js';
import { startSaring, type RunningSaring, type Roles, type StartOverrides } from './service.js';
import { guardPostgresDriver } from './driver-guard.js';
import { containUnhandledRejections } from './failure-containment.js';
import { isWhatsAppPageFailure } from '../../bots/whatsapp/index.js';
import { checkDependencies } from './dependencies.js';
import { EmbeddedDatabaseBusyError } from '../db/embedded.js';

/**
 * Process entry: load config (a bad value stops here, naming the variable), start, stop on signals.
 * `overrides` only for tests that run the real entry with a stand-in WhatsApp client.
 */
export async function run(roles: Roles, overrides: StartOverrides = {}): Promise<RunningSaring> {
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
  const problems = await checkDependencies({ redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, waitMs: config.startupWaitMs, mediaBucket: config.media.s3 });
  if (problems.length > 0) {
    // One plain line per missing server, on stderr, then a non-zero exit: no reconnect loop.
    for (const p of problems) console.error(p.message);
    process.exit(69);
  }
  const containment = containUnhandledRejections(logger);
  guardPostgresDriver(logger, { containment });
  const started: { saring?: RunningSaring } = {};
  // Registered before start: the browser can fail while the rest is still starting.
  containment.register({
    name: 'whatsapp adapter',
    owns: (reason) => config.whatsapp.enabled && isWhatsAppPageFailure(reason),
    contain: (reason) => started.saring?.whatsapp?.containFailure(reason),
  });
  let running: RunningSaring;
  try {
    running = await startSaring(config, logger, roles, overrides);
  } catch (err) {
    if (err instanceof EmbeddedDatabaseBusyError) {
      console.error(err.message);
      process.exit(75);
    }
    throw err;
  }
  started.saring = running;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  if (config.workerSlot !== undefined && process.send) {
    // A worker child of `npm start` (see worker-processes.ts): it reports its statement count, and when its
    // parent is gone (even SIGKILLed: the IPC channel closes) it drains and stops instead of working on alone.
    const report = setInterval(() => process.send?.({ kind: 'saring-worker-stats', statements: running.database.statements() }), 1_000);
    report.unref();
    process.once('disconnect', () => (clearInterval(report), shutdown('parent process gone')));
  }
  return running;
}
