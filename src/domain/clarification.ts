import { VERDICT_LABELS, type VerdictCode } from './verdict.js';

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
    verdict.clarification.slice(0, 700),
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

/** What a KIM group receives in a Diskominfo broadcast. */
export function broadcastMessage(
  verdict: PublishedVerdict,
  claimText: string,
  closing = 'Mohon bantu luruskan bila pesan ini muncul di grup lain. Saring sebelum sharing.',
): string {
  const claim = claimText.length > 300 ? `${claimText.slice(0, 300)}…` : claimText;
  const lines = [
    `📢 KLARIFIKASI RESMI DISKOMINFO — ${VERDICT_LABELS[verdict.verdict]}`,
    '',
    `Pesan yang beredar: "${claim}"`,
    '',
    verdict.clarification.slice(0, 700),
  ];
  if (verdict.sources[0]) lines.push('', `Sumber: ${verdict.sources[0]}`);
  lines.push('', closing);
  return lines.join('\n');
}
