import pLimit from 'p-limit';
import type { PaceResult } from './chat-pacer.js';

/**
 * Sends that only a platform's overall window refused wait for it here, in arrival order, still holding their
 * ledger lease. Parking each of them instead cost a lease release, a queue round trip and a fresh lease per
 * refusal: under a burst that was more than one extra pass per message, and every pass a Redis script and two
 * PostgreSQL statements that slowed the very sends that were waiting.
 *
 * Only the head of the line asks the pacer (Redis decides the slot, so several processes still share one
 * window); the rest wait in memory behind it. A send that would wait past `maxWaitMs` gets its refusal back,
 * and the caller parks it as before. A per-chat refusal (blockedBy > 0) is never waited out here: a group's
 * window can be a minute long.
 */
export interface PlatformLine {
  reserve(ask: () => Promise<PaceResult>): Promise<PaceResult>;
  /** Sends waiting now (for the metrics and tests). */
  waiting(): number;
}

export interface PlatformLineOptions {
  maxWaitMs: number;
  /** Clock and timer seams for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const overallWindowFull = (pace: PaceResult) => pace.waitMs > 0 && pace.blockedBy === 0;

export function createPlatformLine(opts: PlatformLineOptions): PlatformLine {
  const line = pLimit(1);
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function waitOut(ask: () => Promise<PaceResult>, first: PaceResult | null, deadline: number): Promise<PaceResult> {
    let pace = first ?? (await ask());
    while (overallWindowFull(pace) && now() + pace.waitMs <= deadline) {
      await sleep(pace.waitMs);
      pace = await ask();
    }
    return pace;
  }

  return {
    async reserve(ask) {
      const deadline = now() + opts.maxWaitMs;
      // With nobody waiting a send asks at once; with a line it joins the line rather than jump it.
      if (line.activeCount + line.pendingCount === 0) {
        const first = await ask();
        if (!overallWindowFull(first)) return first;
        return line(() => waitOut(ask, first, deadline));
      }
      return line(() => waitOut(ask, null, deadline));
    },
    waiting: () => line.activeCount + line.pendingCount,
  };
}
