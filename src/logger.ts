import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';

/** The CLI logs to stderr: its stdout is a data stream (`saring check`). */
export function createLogger(config: Pick<Config, 'logLevel'>, opts: { stderr?: boolean } = {}): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'saring' },
      // Reporter texts and ids never go to logs in clear; only ids of our own rows do.
      redact: { paths: ['*.text', '*.rawText', '*.chatId', '*.address', 'req.headers.authorization'], censor: '[redacted]' },
    },
    opts.stderr ? pino.destination(2) : undefined,
  );
}
