import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducers } from '../../src/queues/queues.js';
import { createRedis } from '../../src/queues/redis.js';
import { REDIS_URL } from '../helpers/services.js';

/** The nightly retrain is a BullMQ job scheduler on the review queue, in Jakarta time; "off" removes it. */
describe('nightly retrain schedule', () => {
  const redis = createRedis(REDIS_URL);
  const producers = createProducers(redis, `saring-test-${randomBytes(4).toString('hex')}`);
  afterAll(async () => {
    await Promise.all(Object.values(producers.queues).map((q) => q.obliterate({ force: true })));
    await producers.close();
    redis.disconnect();
  });

  it('schedules the retrain at the cron time in Asia/Jakarta, and removes it when turned off', async () => {
    await producers.scheduleRetrain('30 2 * * *');
    const scheduler = await producers.queues.review.getJobScheduler('retrain');
    expect(scheduler).toMatchObject({ pattern: '30 2 * * *', tz: 'Asia/Jakarta' });
    // 02:30 WIB is 19:30 UTC.
    const next = new Date(scheduler!.next!);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([19, 30]);
    await producers.scheduleRetrain(null);
    expect(await producers.queues.review.getJobScheduler('retrain')).toBeUndefined();
  });
});
