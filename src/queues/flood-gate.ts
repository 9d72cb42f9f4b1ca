import type { Redis } from 'ioredis';

/**
 * Fixed-window counters in Redis: how many times a key was hit in the current window. Used to stop
 * floods (one resident, one group) before they reach Postgres.
 */
const GATE_TIMEOUT_MS = 300;

export interface FloodGate {
  hit(key: string, windowSec: number): Promise<number>;
}

/**
 * The gate runs before a report is stored, so it must never hold one: on its own fail-fast
 * connection (createRedis 'gate'), any Redis error or timeout counts as the first hit (fail open).
 * A flood during an outage gets through; a resident's report never waits on Redis.
 */
export function createFloodGate(redis: Redis, prefix: string, onError: (err: unknown) => void = () => undefined): FloodGate {
  return {
    async hit(key, windowSec) {
      const bucket = Math.floor(Date.now() / 1000 / windowSec);
      const k = `${prefix}:flood:${key}:${bucket}`;
      let timer: NodeJS.Timeout | undefined;
      try {
        const counted = redis.multi().incr(k).expire(k, windowSec * 2).exec();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`flood gate: no answer from Redis within ${GATE_TIMEOUT_MS} ms`)), GATE_TIMEOUT_MS);
        });
        counted.catch(() => undefined);
        const [[, count]] = (await Promise.race([counted, timeout])) as [[unknown, number], unknown];
        return count;
      } catch (err) {
        onError(err);
        return 1;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
