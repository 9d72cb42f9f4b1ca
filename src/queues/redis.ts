import { Redis } from 'ioredis';

/** BullMQ workers need maxRetriesPerRequest: null so a Redis outage blocks instead of failing jobs. */
export function createRedis(url: string, role: 'worker' | 'client' = 'client'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
