import type { InboundMessage } from './inbound.js';
import { classifyChatter, type ChatterKind } from './small-talk.js';

/** Longest text we keep for one report; longer input is truncated, not rejected. */
export const MAX_REPORT_CHARS = 20_000;

/** Commands and where they make sense; anything else gets a hint in private and silence in groups. */
export const COMMANDS = {
  start: { private: true, group: true },
  bantuan: { private: true, group: true },
  status: { private: true, group: false },
  desa: { private: true, group: false },
  masuk: { private: true, group: false },
  moderasi: { private: false, group: true },
  daftar: { private: false, group: true },
  berhenti: { private: true, group: true },
  langganan: { private: true, group: false },
  mode: { private: false, group: true },
  ringkasan: { private: false, group: true },
  hapus: { private: true, group: false },
  bahasa: { private: true, group: false },
} as const;
export type CommandName = keyof typeof COMMANDS;
const ALIASES: Record<string, CommandName> = { help: 'bantuan', login: 'masuk', stop: 'berhenti', delete: 'hapus', language: 'bahasa', digest: 'ringkasan' };

export type Intent =
  | { kind: 'report'; text: string; truncated: boolean }
  | { kind: 'command'; name: CommandName; args: string }
  /** Talk or a bare question, not something to check: answered, never stored as a report. */
  | { kind: 'chatter'; topic: ChatterKind }
  | { kind: 'reply'; key: 'unknownCommand' | 'unsupportedMedia' | 'emptyMessage' | 'noWords' | 'groupOnlyPrivate' }
  | { kind: 'ignore'; reason: string };

/** Video and voice notes are reports (kept for moderators, not matched); stickers and locations say nothing to check. */
const TEXTLESS_MEDIA = new Set(['sticker', 'other']);

/** Decide what an inbound message asks for. Pure: no I/O, so every branch is unit-tested. */
export function classifyInbound(msg: InboundMessage): Intent {
  if (msg.sender.isBot) return { kind: 'ignore', reason: 'from a bot' };
  const text = cleanText(msg.text);

  if (msg.command) {
    const raw = msg.command.name.toLowerCase();
    const name = ALIASES[raw] ?? (Object.hasOwn(COMMANDS, raw) ? (raw as CommandName) : undefined);
    const allowed = name && COMMANDS[name][msg.chat.kind];
    if (!name || !allowed) {
      if (msg.chat.kind === 'group') return { kind: 'ignore', reason: 'command not for groups' };
      return name === 'moderasi' ? { kind: 'command', name, args: '' } : { kind: 'reply', key: 'unknownCommand' };
    }
    return { kind: 'command', name, args: truncateSafely(cleanText(msg.command.args), 200) };
  }

  // In groups the bot speaks only when addressed by a command (adapters only pass those through).
  if (msg.chat.kind === 'group') return { kind: 'ignore', reason: 'group chatter' };

  if (!text) {
    if (msg.media && TEXTLESS_MEDIA.has(msg.media.kind)) return { kind: 'reply', key: 'unsupportedMedia' };
    if (msg.media) return { kind: 'report', text: '', truncated: false };
    return { kind: 'reply', key: 'emptyMessage' };
  }
  // A picture is something to check whatever its caption says; a text alone may be only talk.
  const chatter = msg.media ? null : classifyChatter(text);
  if (chatter) return { kind: 'chatter', topic: chatter };
  // Only emoji or symbols ("🔥🔥🔥", "/", "/@@@") say nothing a moderator could check.
  if (!msg.media && !/[\p{L}\p{N}]/u.test(text)) return { kind: 'reply', key: 'noWords' };
  const truncated = text.length > MAX_REPORT_CHARS;
  return { kind: 'report', text: truncated ? truncateSafely(text, MAX_REPORT_CHARS) : text, truncated };
}

/**
 * Postgres text cannot hold NUL, and lone surrogates break UTF-8 encoding: both are dropped here so
 * nothing half-stores. Other control characters but newline and tab are removed too, and so are
 * zero-width characters at either end (a message of only those is empty, not a report).
 */
export function cleanText(raw: string): string {
  return raw
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    // Bidirectional overrides let a text display differently from what it is (spoofing in moderators' cards).
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g, '');
}

function truncateSafely(text: string, max: number): string {
  const cut = text.slice(0, max);
  // Never end on the first half of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Whitespace/case normalisation: identical texts from different residents share one claim. */
export function basicNormalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
