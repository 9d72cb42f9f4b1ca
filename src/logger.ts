import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config/config.js';
import { safeError } from './observability/safe-error.js';

/** The CLI logs to stderr: its stdout is a data stream (`saring check`). */
export function createLogger(config: Pick<Config, 'logLevel'>, opts: { stderr?: boolean; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'saring' },
      // Database errors quote SQL parameters: logged as their code only (see safe-error.ts).
      serializers: { err: safeError },
      // Reporter texts and ids never go to logs in clear; only ids of our own rows do.
      redact: { paths: ['*.text', '*.rawText', '*.chatId', '*.address', 'req.headers.authorization'], censor: '[redacted]' },
    },
    opts.destination ?? (opts.stderr ? pino.destination(2) : undefined),
  );
}
