import type { Redis } from 'ioredis';

/**
 * Pacing shared by every worker process: sliding windows in Redis (server clock), checked and
 * recorded atomically across several keys, so "≤ 30/s overall", "≤ 1/s per chat" and "≤ 20/min per
 * group" all hold however many workers send.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local blocker = 0
for i, key in ipairs(KEYS) do
  local base = (i - 1) * 3
  local minInterval = tonumber(ARGV[base + 1])
  local window = tonumber(ARGV[base + 2])
  local maxInWindow = tonumber(ARGV[base + 3])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  local w = 0
  if last[2] and now - tonumber(last[2]) < minInterval then
    w = minInterval - (now - tonumber(last[2]))
  end
  if maxInWindow > 0 and redis.call('ZCARD', key) >= maxInWindow then
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    w = math.max(w, tonumber(first[2]) + window - now + 1)
  end
  if w > wait then
    wait = w
    blocker = i
  end
end
if wait > 0 then return {wait, blocker} end
local token = ARGV[#ARGV]
for i, key in ipairs(KEYS) do
  local base = (i - 1) * 3
  redis.call('ZADD', key, now, token)
  redis.call('PEXPIRE', key, math.max(tonumber(ARGV[base + 2]), tonumber(ARGV[base + 1])) + 1000)
end
return {0, 0}
`;

export interface PaceRule {
  /** Minimum gap between two sends under this key. */
  minIntervalMs: number;
  /** At most maxInWindow sends in any windowMs (0 = no window limit). */
  windowMs: number;
  maxInWindow: number;
}

export interface PaceKey {
  key: string;
  rule: PaceRule;
}

export interface PaceResult {
  /** 0: go now (recorded in every window); else how long to wait. */
  waitMs: number;
  /** Index in the keys given of the window that said wait. */
  blockedBy: number;
}

export interface ChatPacer {
  reserve(keys: PaceKey[], token: string): Promise<PaceResult>;
}

export function createChatPacer(redis: Redis, prefix: string): ChatPacer {
  return {
    async reserve(keys, token) {
      const args = keys.flatMap(({ rule }) => [rule.minIntervalMs, Math.max(rule.windowMs, rule.minIntervalMs), rule.maxInWindow]);
      const [wait, blocker] = (await redis.eval(RESERVE, keys.length, ...keys.map((k) => `${prefix}:pace:${k.key}`), ...args, token)) as [number, number];
      return { waitMs: Number(wait), blockedBy: Number(blocker) - 1 };
    },
  };
}
