import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { decryptAddress, encryptAddress } from '../../domain/privacy.js';

export interface SessionStore {
  /** A new session for this staff token; returns the random id the cookie carries. */
  create(token: string): Promise<string>;
  /** The staff token behind a session id, sliding its expiry; undefined when unknown or expired. */
  resolve(id: string): Promise<string | undefined>;
  destroy(id: string): Promise<void>;
}

export const SESSION_TTL_SECONDS = 8 * 3600;

/**
 * Dashboard sessions in Redis, shared by every API process. The cookie holds only a random id;
 * Redis keys are the id's hash and the value is the staff token sealed with CONTACT_KEY, so a Redis
 * dump yields neither usable cookies nor tokens. Resolving goes through the token (staff.byToken),
 * so disabling an account ends its sessions at once.
 */
export function createRedisSessionStore(redis: Redis, prefix: string, key: Buffer, ttl = SESSION_TTL_SECONDS): SessionStore {
  const keyOf = (id: string) => `${prefix}:session:${createHash('sha256').update(id).digest('base64url')}`;
  return {
    async create(token) {
      const id = randomBytes(32).toString('base64url');
      await redis.set(keyOf(id), encryptAddress(key, token), 'EX', ttl);
      return id;
    },
    async resolve(id) {
      const k = keyOf(id);
      const sealed = await redis.get(k);
      if (!sealed) return undefined;
      await redis.expire(k, ttl);
      try {
        return decryptAddress(key, sealed);
      } catch {
        return undefined;
      }
    },
    async destroy(id) {
      await redis.del(keyOf(id));
    },
  };
}
