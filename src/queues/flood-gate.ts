import type { Redis } from 'ioredis';

/**
 * Fixed-window counters in Redis: how many times a key was hit in the current window. Used to stop
 * floods (one resident, one group) before they reach Postgres.
 */
export interface FloodGate {
  hit(key: string, windowSec: number): Promise<number>;
}

export function createFloodGate(redis: Redis, prefix: string): FloodGate {
  return {
    async hit(key, windowSec) {
      const bucket = Math.floor(Date.now() / 1000 / windowSec);
      const k = `${prefix}:flood:${key}:${bucket}`;
      const [[, count]] = (await redis.multi().incr(k).expire(k, windowSec * 2).exec()) as [[unknown, number], unknown];
      return count;
    },
  };
}
