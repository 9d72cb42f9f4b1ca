import type { Logger } from 'pino';
import { retryWhileStorageDown } from '../db/transient.js';
import { safeMessage } from '../observability/safe-error.js';

/**
 * A Postgres restart must not lose a resident's message: intake is retried with backoff for a while
 * before the adapter gives up (and, in webhook mode, lets Telegram redeliver).
 */
export function withStorageRetry<T>(fn: (input: T) => Promise<void>, logger: Logger, maxWaitMs = 20_000) {
  return (input: T): Promise<void> =>
    retryWhileStorageDown(() => fn(input), maxWaitMs, (err, attempt, delay) => logger.warn({ err: safeMessage(err), attempt, delay }, 'storage unavailable; retrying intake'));
}
