import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducers } from '../../src/queues/queues.js';
import { createRedis } from '../../src/queues/redis.js';
import { createReviewWorker } from '../../workers/review.worker.js';
import type { RoutingService } from '../../src/services/routing.service.js';
import { REDIS_URL } from '../helpers/services.js';
import { waitFor } from '../helpers/wait.js';

/** The weekly digest is a BullMQ job scheduler on the review queue, in Jakarta time; the review worker runs it. */
describe('weekly digest schedule', () => {
  const redis = createRedis(REDIS_URL);
  const prefix = `saring-test-${randomBytes(4).toString('hex')}`;
  const producers = createProducers(redis, prefix);
  const workerRedis = createRedis(REDIS_URL, 'worker');
  afterAll(async () => {
    await Promise.all(Object.values(producers.queues).map((q) => q.obliterate({ force: true })));
    await producers.close();
    redis.disconnect();
    workerRedis.disconnect();
  });

  it('schedules Monday 07:00 WIB (00:00 UTC), and removes it when turned off', async () => {
    await producers.scheduleDigest('0 7 * * 1');
    const scheduler = await producers.queues.review.getJobScheduler('digest');
    expect(scheduler).toMatchObject({ pattern: '0 7 * * 1', tz: 'Asia/Jakarta' });
    const next = new Date(scheduler!.next!);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 0, 0]);
    await producers.scheduleDigest(null);
    expect(await producers.queues.review.getJobScheduler('digest')).toBeUndefined();
  });

  it('a digest job reaches the digest function', async () => {
    const calls: number[] = [];
    const routing = { routeClaim: async () => undefined, escalateOverdue: async () => 0 } as unknown as RoutingService;
    const worker = createReviewWorker({ connection: workerRedis, prefix, concurrency: 1, logger: pino({ level: 'silent' }) }, routing, undefined, async () => {
      calls.push(Date.now());
      return { chats: 0, digests: 0 };
    });
    try {
      await producers.queues.review.add('digest', { kind: 'digest' });
      await waitFor(() => calls.length === 1, { what: 'digest job run', timeoutMs: 20_000 });
    } finally {
      await worker.close();
    }
  });
});
