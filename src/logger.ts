import { pino, type Logger } from 'pino';
import type { Config } from './config/config.js';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'saring' },
    // Reporter texts and ids never go to logs in clear; only ids of our own rows do.
    redact: { paths: ['*.text', '*.rawText', '*.chatId', '*.address', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
