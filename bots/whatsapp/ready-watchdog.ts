import type { AdapterTimers } from './adapter-options.js';

/**
 * The one timer that says "this should have happened by now": `ready` after `authenticated`, CONNECTED
 * after TIMEOUT/OPENING. whatsapp-web.js emits nothing when either never comes, so without it the adapter
 * would wait for ever. Armed again, it starts over; on expiry `onExpired` gets a reason naming what did not happen.
 */
export interface ReadyWatchdog {
  arm(what: string): void;
  disarm(): void;
}

export function createReadyWatchdog(timers: AdapterTimers, ms: number, onExpired: (reason: string) => void): ReadyWatchdog {
  let handle: unknown;
  const disarm = () => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
  };
  return {
    arm(what) {
      disarm();
      handle = timers.setTimeout(() => {
        handle = undefined;
        onExpired(`${what} within ${Math.round(ms / 1000)} s`);
      }, ms);
    },
    disarm,
  };
}
