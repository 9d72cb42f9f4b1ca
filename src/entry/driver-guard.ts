import type { Logger } from 'pino';

/**
 * postgres@3.4.9 can throw from a setImmediate after a server restart closed the socket
 * (`Cannot read properties of null (reading 'write')` in connection.js nextWrite; upstream
 * porsager/postgres#1154, #1208). Nothing can catch it, and it would take the whole service down while
 * PostgreSQL is merely restarting; the affected query fails and is retried like any other. This guard
 * swallows exactly that error and nothing else: any other uncaught exception still ends the process.
 */
export function guardPostgresDriver(logger: Logger, opts: { exitOnOther?: boolean } = {}): void {
  const exitOnOther = opts.exitOnOther ?? true;
  process.on('uncaughtException', (err) => {
    if (err instanceof TypeError && /reading 'write'/.test(err.message) && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')) {
      logger.warn({ err: err.message }, 'postgres driver lost its socket during a server restart; continuing');
      return;
    }
    if (!exitOnOther) return;
    logger.fatal({ err: err.stack ?? String(err) }, 'uncaught exception');
    process.exit(1);
  });
}
