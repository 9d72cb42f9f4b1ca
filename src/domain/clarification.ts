import type { VerdictCode } from './verdict.js';
import { cutAtWord, safeClarification, safeQuote } from './safe-quote.js';
import { id, type Messages } from './messages/id.js';

export interface PublishedVerdict {
  verdict: VerdictCode;
  kind: 'community' | 'official';
  clarification: string;
  sources: string[];
}

/**
 * The short answer a resident receives for a verified claim: label, text, source, ticket — in the
 * resident's language (`m`, from messagesFor). The clarification itself is the moderator's own words.
 */
export function clarificationMessage(verdict: PublishedVerdict, ticket: string, m: Messages = id): string {
  const who = verdict.kind === 'official' ? m.answer.official : m.answer.community;
  const lines = [`${m.verdictLabels[verdict.verdict]} — ${who}`, '', cutAtWord(safeClarification(verdict.clarification), 700)];
  if (verdict.sources[0]) lines.push('', m.answer.source(verdict.sources[0]));
  lines.push('', m.answer.ticket(ticket));
  return lines.join('\n');
}

/** Sent once to residents who were told an earlier verdict that has now changed. */
export function correctionMessage(previous: PublishedVerdict, current: PublishedVerdict, ticket: string, m: Messages = id): string {
  return [
    m.answer.correction(ticket, m.verdictLabels[previous.verdict], m.verdictLabels[current.verdict]),
    '',
    clarificationMessage(current, ticket, m),
  ].join('\n');
}

/**
 * What a KIM group receives in a Diskominfo broadcast. `claimText` is the claim's approved summary when it has
 * one; either way it is quoted scam-safe: a broadcast must never hand every group the scam's link or number.
 * `closing`: WhatsApp groups each get their own closing line (see whatsapp-broadcast-policy.ts).
 */
export function broadcastMessage(verdict: PublishedVerdict, claimText: string, closing?: string, m: Messages = id): string {
  const lines = [
    m.broadcast.header(m.verdictLabels[verdict.verdict]),
    '',
    m.broadcast.circulating(safeQuote(claimText, 300)),
    '',
    cutAtWord(safeClarification(verdict.clarification), 700),
  ];
  if (verdict.sources[0]) lines.push('', m.answer.source(verdict.sources[0]));
  closing ??= m.broadcast.closing;
  lines.push('', closing);
  return lines.join('\n');
}
