import { VERDICT_LABELS, type VerdictCode } from './verdict.js';
import { cutAtWord, safeClarification, safeQuote } from './safe-quote.js';

export interface PublishedVerdict {
  verdict: VerdictCode;
  kind: 'community' | 'official';
  clarification: string;
  sources: string[];
}

/** The short answer a resident receives for a verified claim: label, text, source, ticket. */
export function clarificationMessage(
  verdict: PublishedVerdict,
  ticket: string,
): string {
  const who = verdict.kind === 'official' ? 'Klarifikasi resmi Diskominfo' : 'Hasil pemeriksaan pengurus KIM';
  const lines = [
    `${VERDICT_LABELS[verdict.verdict]} — ${who}`,
    '',
    cutAtWord(safeClarification(verdict.clarification), 700),
  ];
  if (verdict.sources[0]) lines.push('', `Sumber: ${verdict.sources[0]}`);
  lines.push('', `Tiket: ${ticket}`);
  return lines.join('\n');
}

/** Sent once to residents who were told an earlier verdict that has now changed. */
export function correctionMessage(previous: PublishedVerdict, current: PublishedVerdict, ticket: string): string {
  return [
    `RALAT untuk tiket ${ticket}: hasil pemeriksaan berubah dari ${VERDICT_LABELS[previous.verdict]} menjadi ${VERDICT_LABELS[current.verdict]}.`,
    '',
    clarificationMessage(current, ticket),
  ].join('\n');
}

/**
 * What a KIM group receives in a Diskominfo broadcast. `claimText` is the claim's approved summary when it has
 * one; either way it is quoted scam-safe: a broadcast must never hand every group the scam's link or number.
 */
export function broadcastMessage(verdict: PublishedVerdict, claimText: string): string {
  const lines = [
    `📢 KLARIFIKASI RESMI DISKOMINFO — ${VERDICT_LABELS[verdict.verdict]}`,
    '',
    `Pesan yang beredar: "${safeQuote(claimText, 300)}"`,
    '',
    cutAtWord(safeClarification(verdict.clarification), 700),
  ];
  if (verdict.sources[0]) lines.push('', `Sumber: ${verdict.sources[0]}`);
  lines.push('', 'Mohon bantu luruskan bila pesan ini muncul di grup lain. Saring sebelum sharing.');
  return lines.join('\n');
}
