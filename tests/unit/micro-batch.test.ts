import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from '../../src/queues/micro-batch.js';
import { reportsPerClaim } from '../../src/services/analyze.service.js';

/** A timer the test fires by hand: batches close by size or when the test says time has passed. */
function manualSchedule() {
  const pending: Array<{ fn: () => void; live: boolean }> = [];
  return {
    schedule: (fn: () => void) => {
      const entry = { fn, live: true };
      pending.push(entry);
      return { cancel: () => void (entry.live = false) };
    },
    fire() {
      for (const e of pending.splice(0)) if (e.live) e.fn();
    },
    live: () => pending.filter((e) => e.live).length,
  };
}

describe('micro-batcher', () => {
  it('closes a batch at maxSize without waiting, and each caller gets its own result', async () => {
    const batches: number[][] = [];
    const timer = manualSchedule();
    const b = createMicroBatcher<number, string>({
      maxSize: 3,
      maxWaitMs: 5,
      schedule: timer.schedule,
      run: async (items) => (batches.push(items), new Map(items.map((i) => [i, `r${i}`]))),
      runOne: async () => 'alone',
    });
    const results = await Promise.all([1, 2, 3].map((i) => b.submit(i)));
    expect(results).toEqual(['r1', 'r2', 'r3']);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(timer.live()).toBe(0);
  });

  it('closes a smaller batch when its wait is over', async () => {
    const batches: number[][] = [];
    const timer = manualSchedule();
    const b = createMicroBatcher<number, number>({
      maxSize: 10,
      maxWaitMs: 5,
      schedule: timer.schedule,
      run: async (items) => (batches.push(items), new Map(items.map((i) => [i, i * 10]))),
      runOne: async () => -1,
    });
    const a = b.submit(7);
    const c = b.submit(8);
    expect(b.pending()).toBe(2);
    timer.fire();
    expect(await Promise.all([a, c])).toEqual([70, 80]);
    expect(batches).toEqual([[7, 8]]);
    expect(b.pending()).toBe(0);
  });

  it('a failing batch is retried item by item, so only the bad item fails', async () => {
    const timer = manualSchedule();
    const errors: number[] = [];
    const b = createMicroBatcher<number, string>({
      maxSize: 3,
      maxWaitMs: 5,
      schedule: timer.schedule,
      run: async (items) => {
        if (items.includes(2)) throw new Error('batch broke');
        return new Map(items.map((i) => [i, 'batch']));
      },
      runOne: async (i) => {
        if (i === 2) throw new Error('bad report');
        return `alone ${i}`;
      },
      onBatchError: (_err, size) => errors.push(size),
    });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => b.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[0]).toMatchObject({ value: 'alone 1' });
    expect(settled[2]).toMatchObject({ value: 'alone 3' });
    expect(errors).toEqual([3]);
  });

  it('a batch of one that fails rejects without a second try', async () => {
    let tries = 0;
    const timer = manualSchedule();
    const b = createMicroBatcher<number, string>({
      maxSize: 5,
      maxWaitMs: 5,
      schedule: timer.schedule,
      run: async () => (tries++, Promise.reject(new Error('down'))),
      runOne: async () => (tries++, 'never'),
    });
    const p = b.submit(1);
    timer.fire();
    await expect(p).rejects.toThrow('down');
    expect(tries).toBe(1);
  });

  it('an item the batch left out (not in its results) goes alone', async () => {
    const timer = manualSchedule();
    const b = createMicroBatcher<number, string>({
      maxSize: 2,
      maxWaitMs: 5,
      schedule: timer.schedule,
      run: async () => new Map([[1, 'batch']]),
      runOne: async (i) => `alone ${i}`,
    });
    expect(await Promise.all([b.submit(1), b.submit(2)])).toEqual(['batch', 'alone 2']);
  });
});

describe('reportsPerClaim', () => {
  it('counts each claim once per report and skips reports that joined none', () => {
    expect([...reportsPerClaim([5, 3, 5, null, 5, 3, null])]).toEqual([
      [5, 3],
      [3, 2],
    ]);
    expect(reportsPerClaim([]).size).toBe(0);
  });
});
