import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a presented secret and the expected one. Both are hashed first, so the
 * comparison runs over equal-length digests and neither the content nor the length of the secret
 * leaks through timing (timingSafeEqual itself throws on unequal lengths).
 */
export function secretsEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
