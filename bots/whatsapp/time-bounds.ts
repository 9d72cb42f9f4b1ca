import type { AdapterTimers } from './adapter-options.js';

/**
 * Time limits on calls into the browser, which may never answer: whatsapp-web.js navigates with
 * `page.goto(…, { timeout: 0 })`, and destroy() of a hung Chromium can hang too.
 */

/** `p`, or a rejection after `ms` on the adapter's clock (`onTimeout` is told first). */
export function raceTimeout<T>(p: Promise<T>, ms: number, timers: AdapterTimers, onTimeout: () => void): Promise<T> {
  let handle: unknown;
  const timeout = new Promise<never>((_, reject) => {
    handle = timers.setTimeout(() => {
      onTimeout();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([p, timeout]).finally(() => timers.clearTimeout(handle));
}

/**
 * Waits for `p` at most `ms` of real time (closing a browser is real time even under a test clock); a failure
 * or a timeout goes to `onProblem`, never thrown.
 */
export async function settleWithin(p: Promise<unknown>, ms: number, onProblem: (err: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took over ${ms} ms`)), ms);
  });
  await Promise.race([p, timeout])
    .catch(onProblem)
    .finally(() => clearTimeout(timer));
}
