import { WaAck, type WaMessage } from './client-types.js';

export type DeliveryStatus = 'error' | 'server' | 'device' | 'read' | 'played';

/** MessageAck (whatsapp-web.js src/util/Constants.js) → the ledger's words; PENDING is no news. */
export function deliveryOf(ack: number): DeliveryStatus | undefined {
  if (ack <= WaAck.ERROR) return 'error';
  if (ack === WaAck.SERVER) return 'server';
  if (ack === WaAck.DEVICE) return 'device';
  if (ack === WaAck.READ) return 'read';
  if (ack >= WaAck.PLAYED) return 'played';
  return undefined;
}

interface Tracked {
  /** The ledger's message id (the first part's `id.id`). */
  messageId: string;
  ack: number;
  at: number;
  waiters: Array<(ack: number) => void>;
}

/** How long a sent message's acks are followed (read receipts can come hours later). */
const FOLLOW_MS = 24 * 60 * 60_000;
const MAX_TRACKED = 20_000;

/**
 * Follows the acks of messages this client sent. `sendMessage` resolves at ACK_PENDING (the message
 * is only in the page, Utils.js WWebJS.sendMessage → addAndSendMsgToChat); the server's acceptance and
 * later receipts arrive as `message_ack` (Client.js onMessageAckEvent, from the page's Msg change:ack).
 */
export function createAckTracker(now: () => number) {
  const byId = new Map<string, Tracked>();

  function prune(): void {
    const old = now() - FOLLOW_MS;
    for (const [k, v] of byId) {
      if (v.at >= old && byId.size <= MAX_TRACKED) break;
      byId.delete(k);
    }
  }

  return {
    /** A part of a message just handed to WhatsApp Web. */
    track(part: Pick<WaMessage, 'id' | 'ack'>, messageId: string): void {
      prune();
      const known = byId.get(part.id._serialized);
      byId.set(part.id._serialized, { messageId, ack: Math.max(known?.ack ?? WaAck.PENDING, part.ack ?? WaAck.PENDING), at: now(), waiters: known?.waiters ?? [] });
    },

    /** A `message_ack`: the ledger id it belongs to, when this client sent it. */
    update(msg: Pick<WaMessage, 'id'>, ack: number): { messageId: string; ack: number } | undefined {
      const key = msg.id._serialized;
      const t = byId.get(key);
      if (!t) {
        // An ack can overtake sendMessage's own answer: keep it for track() to find.
        byId.set(key, { messageId: '', ack, at: now(), waiters: [] });
        return undefined;
      }
      // Acks only grow, except an error.
      t.ack = ack <= WaAck.ERROR ? ack : Math.max(t.ack, ack);
      for (const w of t.waiters.splice(0)) w(t.ack);
      return t.messageId ? { messageId: t.messageId, ack: t.ack } : undefined;
    },

    /**
     * Resolves with the lowest ack of the parts once every part is at least at the server (or one
     * failed), or when `timeout` fires first with what is known then.
     */
    async accepted(parts: Array<Pick<WaMessage, 'id'>>, timeout: Promise<void>): Promise<number> {
      const one = (p: Pick<WaMessage, 'id'>) =>
        new Promise<number>((resolve) => {
          const t = byId.get(p.id._serialized);
          if (!t || t.ack >= WaAck.SERVER || t.ack <= WaAck.ERROR) return resolve(t?.ack ?? WaAck.PENDING);
          t.waiters.push(resolve);
        });
      const current = () => Math.min(...parts.map((p) => byId.get(p.id._serialized)?.ack ?? WaAck.PENDING));
      const all = Promise.all(parts.map(one)).then((acks) => (acks.some((a) => a <= WaAck.ERROR) ? WaAck.ERROR : Math.min(...acks)));
      return Promise.race([all, timeout.then(current)]);
    },
  };
}

export type AckTracker = ReturnType<typeof createAckTracker>;
