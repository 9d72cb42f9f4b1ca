import type { OutgoingButton } from '../../src/domain/chat-adapter.js';

export interface OfferedChoices {
  /** Id of the bot message that listed the choices (its last part, where the numbered lines are). */
  messageId: string;
  choices: OutgoingButton[];
}

/**
 * The numbered choices recently offered in each chat, so a reply "1" can become a callback. A bare
 * digit answers the latest offer; a digit sent as a quote-reply answers the quoted offer, so a
 * moderator can answer an older card in a busy group. Async and keyed by chat id so it can move to
 * Redis (one hash per chat with a TTL) when the adapter runs in more than one process; the in-memory
 * version is enough for the one WhatsApp session we hold.
 */
export interface ChoiceStore {
  remember(chatId: string, offered: OfferedChoices): Promise<void>;
  /** The latest offer in the chat, or with `messageId` the offer made by that bot message. */
  lookup(chatId: string, messageId?: string): Promise<OfferedChoices | undefined>;
}

export function createMemoryChoiceStore(opts: { ttlMs?: number; maxChats?: number; perChat?: number; now?: () => number } = {}): ChoiceStore {
  // A day: choices are answered within minutes; older digits are more likely plain text.
  const ttlMs = opts.ttlMs ?? 24 * 60 * 60_000;
  const maxChats = opts.maxChats ?? 10_000;
  // A moderators' group can have a few dozen open cards; older ones are answered on the dashboard.
  const perChat = opts.perChat ?? 30;
  const now = opts.now ?? Date.now;
  /** Per chat, offers oldest first. */
  const entries = new Map<string, Array<OfferedChoices & { at: number }>>();
  return {
    async remember(chatId, offered) {
      const list = (entries.get(chatId) ?? []).filter((e) => e.messageId !== offered.messageId);
      list.push({ ...offered, at: now() });
      if (list.length > perChat) list.splice(0, list.length - perChat);
      entries.delete(chatId);
      entries.set(chatId, list);
      // Map keeps insertion order: the first key is the least recently offered chat.
      if (entries.size > maxChats) entries.delete(entries.keys().next().value as string);
    },
    async lookup(chatId, messageId) {
      const list = entries.get(chatId);
      if (!list) return undefined;
      const fresh = list.filter((e) => now() - e.at <= ttlMs);
      if (fresh.length === 0) {
        entries.delete(chatId);
        return undefined;
      }
      if (fresh.length !== list.length) entries.set(chatId, fresh);
      const e = messageId === undefined ? fresh[fresh.length - 1] : fresh.find((x) => x.messageId === messageId);
      return e && { messageId: e.messageId, choices: e.choices };
    },
  };
}
