import type { WaMessage } from './client-types.js';

/**
 * The full ids of recent group messages, so a reply can quote them. WhatsApp Web finds a quoted message only by
 * its whole serialized key (Utils.js WWebJS.sendMessage → Msg.get / getMessagesById), which in a group is
 * `false_<group>_<id>_<author>`: it holds the author's number, so Saring stores only the short id at rest and
 * keeps the full one here, in memory, for the reply that follows within seconds (shy mode). Bounded; after a
 * restart or eviction the reply goes unquoted, as the page itself would send it with a key it cannot find.
 */
export function createQuoteIds(max = 20_000) {
  const ids = new Map<string, string>();
  const key = (chatId: string, id: string) => `${chatId}\u0000${id}`;
  return {
    remember(m: Pick<WaMessage, 'from' | 'id'>): void {
      if (!m.id?._serialized) return;
      ids.set(key(m.from, m.id.id), m.id._serialized);
      // Map keeps insertion order: the first key is the oldest message.
      if (ids.size > max) ids.delete(ids.keys().next().value as string);
    },
    fullId(chatId: string, id: string): string | undefined {
      return ids.get(key(chatId, id));
    },
  };
}

export type QuoteIds = ReturnType<typeof createQuoteIds>;
