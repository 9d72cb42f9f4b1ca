import { Redis } from 'ioredis';

/**
 * BullMQ workers need maxRetriesPerRequest: null so a Redis outage blocks instead of failing jobs.
 * `gate` is for checks that must fail fast and open (flood counters on the intake path): no offline
 * queue, one short command timeout, so a lost Redis answers an error at once instead of holding a
 * resident's report.
 */
export function createRedis(url: string, role: 'worker' | 'client' | 'gate' = 'client'): Redis {
  if (role === 'gate') {
    return new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 250, enableReadyCheck: true, lazyConnect: false });
  }
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
