import type { Logger } from 'pino';
import type { FailureContainment } from './failure-containment.js';

/**
 * postgres@3.4.9 can throw from a setImmediate after a server restart closed the socket
 * (`Cannot read properties of null (reading 'write')` in connection.js nextWrite; upstream
 * porsager/postgres#1154, #1208). Nothing can catch it, and it would take the whole service down while
 * PostgreSQL is merely restarting; the affected query fails and is retried like any other. This guard
 * swallows exactly that error, hands what a registered part (the WhatsApp adapter) claims to that part
 * (see failure-containment.ts), and any other uncaught exception still ends the process.
 */
export function guardPostgresDriver(logger: Logger, opts: { exitOnOther?: boolean; containment?: FailureContainment } = {}): void {
  const exitOnOther = opts.exitOnOther ?? true;
  process.on('uncaughtException', (err) => {
    if (err instanceof TypeError && /reading 'write'/.test(err.message) && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')) {
      logger.warn({ err: err.message }, 'postgres driver lost its socket during a server restart; continuing');
      return;
    }
    // A throw from a browser event listener of whatsapp-web.js is the adapter's, like its rejections.
    if (opts.containment?.tryContain(err, 'uncaught exception')) return;
    if (!exitOnOther) return;
    logger.fatal({ err: err.stack ?? String(err) }, 'uncaught exception');
    process.exit(1);
  });
}
