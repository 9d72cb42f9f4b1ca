import { clarificationUrl } from './answer-card.js';
import { safeQuote } from './safe-quote.js';
import type { Messages } from './messages/id.js';
import type { VerdictCode } from './verdict.js';

/** One message stays readable on a phone: the most reported claims, the rest behind the public list's link. */
export const DIGEST_MAX_ITEMS = 10;
/** A digest line quotes the approved summary, short: the public page has the rest. */
export const DIGEST_SUMMARY_CHARS = 140;
export const WEEK_MS = 7 * 24 * 3600_000;
/** Indonesia has no daylight saving: Asia/Jakarta (WIB) is always UTC+7. */
const WIB_OFFSET_MS = 7 * 3600_000;

export interface DigestItem {
  claimId: number;
  verdict: VerdictCode;
  summary: string;
}

/** The week a digest covers: the 7 days before the trigger. */
export function digestWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - WEEK_MS), to: now };
}

/**
 * ISO week of the trigger in WIB, e.g. "2026-W49": part of the ledger key, so a second trigger in the same
 * week (a retry, a restart, a second worker) finds the row already there and sends nothing.
 */
export function isoWeekOf(now: Date): string {
  const local = new Date(now.getTime() + WIB_OFFSET_MS);
  const weekday = local.getUTCDay() || 7;
  // The ISO year and week are those of the Thursday of the same week.
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - weekday);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "3 Des 2026" in WIB, with the catalogue's month names. */
export function digestDate(d: Date, t: Messages): string {
  const local = new Date(d.getTime() + WIB_OFFSET_MS);
  return `${local.getUTCDate()} ${t.digest.months[local.getUTCMonth()]} ${local.getUTCFullYear()}`;
}

/** The region a KIM group's digest covers: its kabupaten (hoaxes travel between neighbouring desa). */
export function digestRegionOfGroup(regionCode: string): string {
  return regionCode.split('.').slice(0, 2).join('.');
}

/**
 * The weekly digest as one message (pure): a header with the week, one line per claim (stamp, scam-safe
 * summary, public link), "and N more" with the public list when there were more than fit, and a closing.
 * Summaries are moderator-approved already; safeQuote still defangs links and masks numbers, because a
 * summary may name the scam's link or number and this text is forwarded far.
 */
export function composeDigest(
  input: { from: Date; to: Date; items: DigestItem[]; total: number; publicUrl: string | undefined; closing?: string },
  t: Messages,
): string {
  const items = input.items.slice(0, DIGEST_MAX_ITEMS);
  const lines = items.map((item, i) => {
    const url = clarificationUrl(input.publicUrl, item.claimId);
    const line = `${i + 1}. ${t.verdictLabels[item.verdict]} ${safeQuote(item.summary, DIGEST_SUMMARY_CHARS)}`;
    return url ? `${line}\n${url}` : line;
  });
  const more = input.total - items.length;
  const listUrl = input.publicUrl ? `${input.publicUrl.replace(/\/+$/, '')}/klarifikasi` : null;
  return [
    t.digest.header(digestDate(input.from, t), digestDate(input.to, t)),
    t.digest.intro,
    '',
    lines.join('\n\n'),
    ...(more > 0 ? ['', t.digest.more(more, listUrl)] : []),
    '',
    input.closing ?? t.digest.closing,
  ].join('\n');
}
