/**
 * What a report's links add to the text that is matched and scored: the title and description of each page,
 * and the addresses the links led to (so a shortened link to a lookalike site is judged by where it goes).
 * The resident's own text stays first and unchanged; this is only the analysed text.
 */
import type { LinkPreview } from './link-previewer.js';

/** Most redirect targets appended per link: the final one and any a shortener passed through. */
const MAX_HOPS_APPENDED = 5;

export function textWithLinks(ownText: string, previews: readonly LinkPreview[]): string {
  const lines: string[] = [];
  for (const p of previews) {
    if (p.title) lines.push(p.title);
    if (p.description && p.description !== p.title) lines.push(p.description);
    // Where the link went, written as a link so the same extraction finds it (a host alone may lack a known TLD).
    const targets = [...new Set(p.hops.slice(1))].filter((h) => h !== p.url && !ownText.includes(h)).slice(-MAX_HOPS_APPENDED);
    for (const h of targets) lines.push(`http://${h}`);
  }
  return lines.length ? `${ownText}\n\n${lines.join('\n')}` : ownText;
}
