import type { Redis } from 'ioredis';

/**
 * Pacing shared by every worker process: sliding windows in Redis (server clock), checked and
 * recorded atomically across several keys, so "≤ 30/s overall", "≤ 1/s per chat" and "≤ 20/min per
 * group" all hold however many workers send.
 *
 * A caller may book a slot up to `aheadMs` in the future and wait for it itself. That is what keeps
 * the platform's window full under a burst: a sender that only takes a slot when one is free *now*
 * finds it one round trip (job fetch, lease, pacer) after it freed, and those gaps added up to a
 * quarter of Telegram's rate. Booked slots are never earlier than the last one of a key, so each
 * key's entries stay in time order and "the entry that must leave the window" is found by index.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ahead = tonumber(ARGV[#ARGV - 1])
local slot = now
local blocker = 0
local keep = 0
for i, key in ipairs(KEYS) do
  local base = (i - 1) * 3
  local minInterval = tonumber(ARGV[base + 1])
  local window = tonumber(ARGV[base + 2])
  local maxInWindow = tonumber(ARGV[base + 3])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local earliest = now
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if last[2] then earliest = math.max(earliest, tonumber(last[2]) + minInterval) end
  if maxInWindow > 0 then
    local count = redis.call('ZCARD', key)
    if count >= maxInWindow then
      local leaving = redis.call('ZRANGE', key, count - maxInWindow, count - maxInWindow, 'WITHSCORES')
      earliest = math.max(earliest, tonumber(leaving[2]) + window + 1)
    end
  end
  if earliest > slot then
    slot = earliest
    blocker = i
  end
  keep = math.max(keep, window, minInterval)
end
if slot - now > ahead then return {tostring(slot - now - ahead), blocker, '0'} end
local token = ARGV[#ARGV]
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, slot, token)
  redis.call('PEXPIRE', key, math.ceil(keep + ahead) + 1000)
end
return {'0', 0, tostring(slot - now)}
`;

export interface PaceRule {
  /** Minimum gap between two sends under this key (may be fractional: 1000/30 spaces 30/s evenly). */
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
  /** 0: a slot is booked in every window (see aheadMs); else how long to wait before asking again. */
  waitMs: number;
  /** Index in the keys given of the window that said wait. */
  blockedBy: number;
  /** With waitMs 0: the booked slot is this far from now; the caller sends then, not before. */
  aheadMs: number;
}

export interface ChatPacer {
  /** `aheadMs` (default 0): how far in the future a slot may be booked. */
  reserve(keys: PaceKey[], token: string, aheadMs?: number): Promise<PaceResult>;
}

export function createChatPacer(redis: Redis, prefix: string): ChatPacer {
  return {
    async reserve(keys, token, aheadMs = 0) {
      const args = keys.flatMap(({ rule }) => [rule.minIntervalMs, Math.max(rule.windowMs, rule.minIntervalMs), rule.maxInWindow]);
      const [wait, blocker, ahead] = (await redis.eval(RESERVE, keys.length, ...keys.map((k) => `${prefix}:pace:${k.key}`), ...args, aheadMs, token)) as [string, number, string];
      return { waitMs: Math.ceil(Number(wait)), blockedBy: Number(blocker) - 1, aheadMs: Math.ceil(Number(ahead)) };
    },
  };
}
