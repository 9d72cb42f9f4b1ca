/**
 * Which database errors mean "the server is away for now" (restart, failover, network) rather than
 * "this statement is wrong": those are worth waiting out; the others are not.
 */
export function isTransientStorageError(err: unknown): boolean {
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

/**
 * Runs `fn` again while the database is away, with backoff capped at 2 s, for at most `maxWaitMs`;
 * any other error, or the time running out, is thrown. `onRetry` hears each wait (for a log line).
 */
export async function retryWhileStorageDown<T>(fn: () => Promise<T>, maxWaitMs: number, onRetry?: (err: unknown, attempt: number, delayMs: number) => void): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransientStorageError(err) || Date.now() - started > maxWaitMs) throw err;
      const delay = Math.min(2_000, 100 * 2 ** attempt);
      onRetry?.(err, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
