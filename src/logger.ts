import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/config.js';

/** pino-pretty is a dev dependency: present after `npm ci`, absent from the production image. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * A person at a terminal reads lines, a log collector reads JSON: pretty-print only when stdout is a
 * TTY outside production. The CLI logs to stderr: its stdout is a data stream (`saring check`).
 */
export function createLogger(config: Pick<Config, 'logLevel'> & { env?: Config['env'] }, opts: { stderr?: boolean } = {}): Logger {
  const fd = opts.stderr ? 2 : 1;
  const tty = opts.stderr ? process.stderr.isTTY : process.stdout.isTTY;
  let destination: DestinationStream | undefined;
  if (tty && config.env !== 'production' && prettyAvailable()) {
    destination = pino.transport({ target: 'pino-pretty', options: { destination: fd, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } });
  } else if (opts.stderr) {
    destination = pino.destination(2);
  }
  return pino(
    {
      level: config.logLevel,
      base: { service: 'saring' },
      // Reporter texts and ids never go to logs in clear; only ids of our own rows do.
      redact: { paths: ['*.text', '*.rawText', '*.chatId', '*.address', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
