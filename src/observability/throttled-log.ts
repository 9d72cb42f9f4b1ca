import type { Logger } from 'pino';

export const LOG_THROTTLE_MS = 30_000;

/**
 * Repeated failures of one kind (a lost Redis reconnecting every few hundred ms on a dozen
 * connections) are logged once per interval per key, with how many were left out since: an outage
 * is one line every half minute, not thousands.
 */
export interface ThrottledLog {
  warn(key: string, obj: Record<string, unknown>, msg: string): void;
  error(key: string, obj: Record<string, unknown>, msg: string): void;
}

export function createThrottledLog(logger: Logger, opts: { intervalMs?: number; now?: () => number } = {}): ThrottledLog {
  const interval = opts.intervalMs ?? LOG_THROTTLE_MS;
  const now = opts.now ?? Date.now;
  const seen = new Map<string, { at: number; suppressed: number }>();
  const emit = (level: 'warn' | 'error') => (key: string, obj: Record<string, unknown>, msg: string) => {
    const t = now();
    const last = seen.get(key);
    if (last && t - last.at < interval) {
      last.suppressed++;
      return;
    }
    seen.set(key, { at: t, suppressed: 0 });
    logger[level]({ ...obj, ...(last?.suppressed ? { suppressed: last.suppressed, sinceMs: t - last.at } : {}) }, msg);
  };
  return { warn: emit('warn'), error: emit('error') };
}
