import { parseArgs } from 'node:util';
import type { PrivacyService } from '../services/privacy.service.js';

const DURATION = /^(\d+)\s*(d|h)$/i;

/** "180d" / "12h" → the moment that long ago; null for an age before year 1 (no date PostgreSQL or Date can hold). */
export function parseAge(input: string, now = new Date()): Date | null {
  const m = DURATION.exec(input.trim());
  if (!m) return null;
  const ms = Number(m[1]) * (m[2]!.toLowerCase() === 'd' ? 86_400_000 : 3_600_000);
  const before = new Date(now.getTime() - ms);
  return Number.isNaN(before.getTime()) || before.getUTCFullYear() < 1 ? null : before;
}

/** `saring purge --older-than 180d`: texts of decided reports older than that are removed; aggregates stay. */
export async function runPurge(privacy: PrivacyService, args: string[], out: (l: string) => void): Promise<number> {
  // Both `--older-than 180d` and `--older-than=180d`, as people type them.
  const { values } = parseArgs({ args, options: { 'older-than': { type: 'string' } }, strict: false, allowPositionals: true });
  const age = values['older-than'];
  const before = typeof age === 'string' && age ? parseAge(age) : null;
  if (!before) {
    out('usage: saring purge --older-than 180d');
    return 64;
  }
  const r = await privacy.purge(before);
  out(`purged texts of ${r.reports} reports (${r.claims} claim texts replaced) and ${r.messages} sent messages older than ${before.toISOString()}`);
  return 0;
}

/**
 * `saring rotate-pseudonyms`: PSEUDONYM_SECRET is the current secret, NEW_PSEUDONYM_SECRET the new one
 * (secrets never go on the command line, where `ps` and shell history would keep them).
 */
export async function runRotate(privacy: PrivacyService, newSecret: string | undefined, out: (l: string) => void): Promise<number> {
  if (!newSecret) {
    out('set NEW_PSEUDONYM_SECRET to the new secret (and PSEUDONYM_SECRET to the current one), stop the service, then run: saring rotate-pseudonyms');
    return 64;
  }
  const r = await privacy.rotatePseudonyms(newSecret);
  out(`re-keyed ${r.residents} residents and ${r.chats} chats; ${r.unlinked} residents without a private chat keep their old pseudonym`);
  out('now restart Saring with PSEUDONYM_SECRET set to the new secret');
  return 0;
}
