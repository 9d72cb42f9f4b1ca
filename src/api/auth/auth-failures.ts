import { createHash } from 'node:crypto';

/**
 * Failed authentications counted per client address and per credential prefix, in fixed windows, in
 * this process's memory (no Redis: the guard must hold while Redis is down, and it decides before a
 * credential is even looked up). Past the limit the caller gets 429 before any check runs — so
 * guessing tokens costs the same whether they are right or wrong — and the audit log receives one
 * row when a key starts failing and one when it is limited, not one per guess.
 */
export interface AuthFailureLimits {
  /** Failures one client address may make per window. */
  perAddress: number;
  /** Failures one credential prefix may collect per window (many addresses guessing one token). */
  perPrefix: number;
  windowMs: number;
}

export const AUTH_FAILURE_LIMITS: AuthFailureLimits = { perAddress: 10, perPrefix: 10, windowMs: 15 * 60_000 };

/** What the audit log should say about one failure: at most two rows per key and window. */
export type FailureAudit = { kind: 'first'; key: string } | { kind: 'limited'; key: string; failures: number } | { kind: 'none' };

export interface AuthFailureGuard {
  /** True when the address or the credential's prefix is over its limit in this window. */
  limited(address: string, credential: string | undefined): boolean;
  /** Count one failure; says which audit row (if any) it deserves. */
  failed(address: string, credential: string | undefined): FailureAudit[];
}

const PREFIX_CHARS = 12;
const MAX_KEYS = 50_000;

/** A credential's prefix, hashed: enough to group guesses at one token, never the token itself. */
export function credentialPrefix(credential: string): string {
  return createHash('sha256').update(credential.slice(0, PREFIX_CHARS)).digest('hex').slice(0, 16);
}

export function createAuthFailureGuard(limits: AuthFailureLimits = AUTH_FAILURE_LIMITS, now: () => number = Date.now): AuthFailureGuard {
  const windows = new Map<string, { start: number; count: number }>();
  const keysOf = (address: string, credential: string | undefined) => [
    { key: `addr:${address}`, max: limits.perAddress },
    ...(credential ? [{ key: `prefix:${credentialPrefix(credential)}`, max: limits.perPrefix }] : []),
  ];
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && now() - w.start < limits.windowMs) return w;
    windows.delete(key);
    return undefined;
  };
  return {
    limited(address, credential) {
      return keysOf(address, credential).some(({ key, max }) => (current(key)?.count ?? 0) >= max);
    },
    failed(address, credential) {
      return keysOf(address, credential).map(({ key, max }) => {
        let w = current(key);
        if (!w) {
          // Bounded memory: the oldest windows go first (a Map iterates in insertion order).
          if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value!);
          w = { start: now(), count: 0 };
          windows.set(key, w);
        }
        w.count++;
        // A new prefix per guess is the normal case for a guesser: only addresses get a "first" row.
        if (w.count === 1 && key.startsWith('addr:')) return { kind: 'first', key } as const;
        if (w.count === max) return { kind: 'limited', key, failures: w.count } as const;
        return { kind: 'none' } as const;
      });
    },
  };
}
