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
