import type { Redis } from 'ioredis';

/**
 * Per-chat pacing shared by every worker process: a sliding window in Redis (server clock), so
 * "≤ 1/s per chat" and "≤ 20/min per group" hold however many workers send.
 * Returns 0 when the send may go now (and records it), else how many ms to wait.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local minInterval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local maxInWindow = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and now - tonumber(last[2]) < minInterval then
  return minInterval - (now - tonumber(last[2]))
end
if maxInWindow > 0 and redis.call('ZCARD', KEYS[1]) >= maxInWindow then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(first[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;

export interface PaceRule {
  /** Minimum gap between two sends to the same chat. */
  minIntervalMs: number;
  /** At most maxInWindow sends in windowMs (0 = no window limit). */
  windowMs: number;
  maxInWindow: number;
}

export interface ChatPacer {
  reserve(chatKey: string, rule: PaceRule, token: string): Promise<number>;
}

export function createChatPacer(redis: Redis, prefix: string): ChatPacer {
  return {
    async reserve(chatKey, rule, token) {
      const wait = await redis.eval(
        RESERVE,
        1,
        `${prefix}:pace:${chatKey}`,
        rule.minIntervalMs,
        Math.max(rule.windowMs, rule.minIntervalMs),
        rule.maxInWindow,
        token,
      );
      return Number(wait);
    },
  };
}
