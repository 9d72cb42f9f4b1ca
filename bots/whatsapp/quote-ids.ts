import type { WaMessage } from './client-types.js';

/** Long enough for the reply that follows a group message (shy mode answers within seconds, a queue backlog within minutes). */
const KEEP_MS = 15 * 60_000;

/**
 * The full ids of recent group messages, so a reply can quote them. WhatsApp Web finds a quoted message only by
 * its whole serialized key (Utils.js WWebJS.sendMessage → Msg.get / getMessagesById), which in a group is
 * `false_<group>_<id>_<author>`: it holds the author's number, so Saring stores only the short id at rest and
 * keeps the full one here, in memory, for the reply that follows — and only for KEEP_MS, since it is a number.
 * Bounded in count too; after a restart, expiry or eviction the reply goes unquoted, as the page itself would
 * send it with a key it cannot find.
 */
export function createQuoteIds(opts: { max?: number; keepMs?: number; now?: () => number } = {}) {
  const max = opts.max ?? 20_000;
  const keepMs = opts.keepMs ?? KEEP_MS;
  const now = opts.now ?? Date.now;
  const ids = new Map<string, { full: string; at: number }>();
  const key = (chatId: string, id: string) => `${chatId}\u0000${id}`;
  // Map keeps insertion order, which is arrival order: the oldest entries are first.
  const forgetOld = () => {
    for (const [k, v] of ids) {
      if (ids.size <= max && now() - v.at <= keepMs) break;
      ids.delete(k);
    }
  };
  return {
    remember(m: Pick<WaMessage, 'from' | 'id'>): void {
      if (!m.id?._serialized) return;
      const k = key(m.from, m.id.id);
      ids.delete(k);
      ids.set(k, { full: m.id._serialized, at: now() });
      forgetOld();
    },
    fullId(chatId: string, id: string): string | undefined {
      forgetOld();
      return ids.get(key(chatId, id))?.full;
    },
    /** Entries held now (for the tests). */
    size: () => ids.size,
  };
}

export type QuoteIds = ReturnType<typeof createQuoteIds>;
