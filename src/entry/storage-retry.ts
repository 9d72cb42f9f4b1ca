import { safeMessage } from '../observability/safe-error.js';
import type { Logger } from 'pino';

/**
 * A Postgres restart must not lose a resident's message: intake is retried with backoff for a while
 * before the adapter gives up (and, in webhook mode, lets Telegram redeliver).
 */
export function withStorageRetry<T>(fn: (input: T) => Promise<void>, logger: Logger, maxWaitMs = 20_000) {
  return async (input: T): Promise<void> => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(input);
      } catch (err) {
        if (!isTransient(err) || Date.now() - started > maxWaitMs) throw err;
        const delay = Math.min(2_000, 100 * 2 ** attempt);
        logger.warn({ err: safeMessage(err), attempt, delay }, 'storage unavailable; retrying intake');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
}

function isTransient(err: unknown): boolean {
  // drizzle wraps the driver's error: look down the cause chain for the connection-level code.
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isTransientCode((e as { code?: unknown }).code)) return true;
  }
  return false;
}

function isTransientCode(raw: unknown): boolean {
  const code = typeof raw === 'string' ? raw : '';
  // Connection-level failures and server shutdown/startup states; not constraint or syntax errors.
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'].includes(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P03'
  );
}
