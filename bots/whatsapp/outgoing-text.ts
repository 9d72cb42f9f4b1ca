import type { OutgoingButton } from '../../src/domain/chat-adapter.js';

/**
 * WhatsApp accepts ~65k characters, but long walls of text are unreadable on a phone and some
 * clients truncate them; 4000 keeps parts comparable to Telegram's limit.
 */
export const WA_PART_CHARS = 4000;

/**
 * Splits a long text into parts of at most `max` characters, preferring paragraph breaks, then
 * line breaks, then sentence ends, then spaces; a word is cut only when it alone exceeds `max`.
 */
export function splitText(text: string, max = WA_PART_CHARS): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // Do not accept a break in the first quarter: that would make many tiny parts.
  const floor = Math.floor(max / 4);
  for (const sep of [/\n\s*\n/g, /\n/g, /[.!?…](?=\s)/g, /\s/g]) {
    let best = -1;
    for (const m of window.matchAll(sep)) {
      const end = sep.source.startsWith('[') ? m.index + m[0].length : m.index;
      if (end <= max && end > floor) best = end;
    }
    if (best > 0) return best;
  }
  // One enormous word (a URL, base64): cut it, but never between the halves of a surrogate pair.
  return /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
}

/**
 * WhatsApp has no inline buttons (the Business API does; WhatsApp Web does not), so choices become
 * numbered text lines the resident answers with a digit.
 */
export function renderChoices(text: string, buttons: OutgoingButton[][] | undefined): { text: string; choices: OutgoingButton[] } {
  const choices = (buttons ?? []).flat();
  if (choices.length === 0) return { text, choices };
  const lines = choices.map((b, i) => `Balas ${i + 1} untuk ${b.text}`);
  return { text: `${text.trimEnd()}\n\n${lines.join('\n')}`, choices };
}

/**
 * We store the short message id (`_serialized` embeds the phone number). In a private chat the full
 * id is rebuilt; a group id also needs the quoted author, which only `fullId` (the adapter's memory of
 * recent group messages, see quote-ids.ts) knows: without it a group reply goes unquoted.
 */
export function quoteOf(chatId: string, kind: 'private' | 'group', replyTo: string, fullId?: string): { quotedMessageId?: string } {
  if (replyTo.includes('_')) return { quotedMessageId: replyTo };
  if (kind === 'private') return { quotedMessageId: `false_${chatId}_${replyTo}` };
  return fullId ? { quotedMessageId: fullId } : {};
}
