import { describe, expect, it } from 'vitest';
import { createPlatformLine } from '../../src/queues/platform-line.js';
import type { PaceResult } from '../../src/queues/chat-pacer.js';

/**
 * A platform window of one send per `gapMs` on a clock the test owns: sleeping moves the clock. Records who
 * asked, and when each got its slot.
 */
function virtualWindow(gapMs: number) {
  let clock = 0;
  let nextFree = 0;
  const asks: string[] = [];
  const granted: Array<{ who: string; at: number }> = [];
  return {
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
      await Promise.resolve();
    },
    ask:
      (who: string, blockedBy = 0) =>
      async (): Promise<PaceResult> => {
        asks.push(who);
        if (nextFree > clock) return { waitMs: nextFree - clock, blockedBy, aheadMs: 0 };
        nextFree = clock + gapMs;
        granted.push({ who, at: clock });
        return { waitMs: 0, blockedBy: -1, aheadMs: 0 };
      },
    asks,
    granted,
  };
}

describe('platform line', () => {
  it('lets a burst wait out a full overall window in arrival order, only the head asking the pacer', async () => {
    const w = virtualWindow(34);
    const line = createPlatformLine({ maxWaitMs: 3_000, now: w.now, sleep: w.sleep });
    const who = ['a', 'b', 'c', 'd', 'e', 'f'];
    const results = await Promise.all(who.map((x) => line.reserve(w.ask(x))));
    expect(results.every((r) => r.waitMs === 0)).toBe(true);
    expect(w.granted.map((g) => g.who)).toEqual(who);
    // Each send was spaced by the window, none early.
    expect(w.granted.map((g) => g.at)).toEqual([0, 34, 68, 102, 136, 170]);
    // a asks once; b was refused once before it knew of a line; the rest asked only at their turn, once after
    // each sleep: nobody polled while someone else was at the head.
    expect(w.asks.length).toBeLessThanOrEqual(who.length * 2);
    expect(line.waiting()).toBe(0);
  });

  it('gives a per-chat refusal back at once: a group window can be a minute long', async () => {
    const w = virtualWindow(60_000);
    const line = createPlatformLine({ maxWaitMs: 3_000, now: w.now, sleep: w.sleep });
    await line.reserve(w.ask('first'));
    const refused = await line.reserve(w.ask('second', 1));
    expect(refused).toEqual({ waitMs: 60_000, blockedBy: 1, aheadMs: 0 });
    expect(w.now()).toBe(0);
  });

  it('gives the overall refusal back when waiting for it would pass the bound, so the caller parks the send', async () => {
    const w = virtualWindow(2_000);
    const line = createPlatformLine({ maxWaitMs: 3_000, now: w.now, sleep: w.sleep });
    const [a, b, c] = await Promise.all([line.reserve(w.ask('a')), line.reserve(w.ask('b')), line.reserve(w.ask('c'))]);
    expect(a!.waitMs).toBe(0);
    // b waits 2 s for its slot; c's slot would be 4 s away, past its bound of 3 s from when it came.
    expect(b!.waitMs).toBe(0);
    expect(c).toMatchObject({ blockedBy: 0 });
    expect(c!.waitMs).toBeGreaterThan(0);
    expect(w.granted.map((g) => g.who)).toEqual(['a', 'b']);
  });
});
