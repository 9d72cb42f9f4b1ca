import type { WaLidAndPhone, WhatsAppClientLike } from './client-types.js';

/** A person's ids: the phone form (`628…@c.us`) when WhatsApp tells it, the hidden-number form (`…@lid`). */
export interface WaPerson {
  /** The one id Saring keys the person by: the phone form when known, else the id we were given. */
  id: string;
  /** The person's other ids (the lid when `id` is the phone form). */
  aliases: string[];
}

const PERSON = /^[^@\s]+@(c\.us|lid)$/;
const MAX_CACHED = 50_000;

/**
 * One identity per person across `@c.us` and `@lid`. In LID-addressed groups `Message.author` is `…@lid`
 * while the same person writes privately from `628…@c.us` (or also from a lid), and GroupChat.participants
 * may list either form. The library's `getContactLidAndPhone` (Client.js → Utils.js
 * WWebJS.enforceLidAndPnRetrieval) maps one to the other; pairs never change, so they are cached.
 */
export function createLidMap(lookupTimeoutMs = 10_000) {
  const cache = new Map<string, WaLidAndPhone>();

  async function pairOf(client: WhatsAppClientLike, userId: string): Promise<WaLidAndPhone | undefined> {
    const hit = cache.get(userId);
    if (hit) return hit;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), lookupTimeoutMs);
      timer.unref();
    });
    // The library types both fields as strings; its page code returns {} for an unknown lid.
    const lookup = client.getContactLidAndPhone([userId]).then((r) => r[0] as Partial<WaLidAndPhone> | undefined);
    const found = await Promise.race([lookup, timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    if (!found?.lid || !found.pn) return undefined;
    const pair = { lid: found.lid, pn: found.pn };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(pair.lid, pair);
    cache.set(pair.pn, pair);
    return pair;
  }

  return {
    /** The person behind `userId`; in doubt (lookup failed, not a person id) just `userId` itself. */
    async person(client: WhatsAppClientLike | undefined, userId: string): Promise<WaPerson> {
      if (!client || !PERSON.test(userId)) return { id: userId, aliases: [] };
      const pair = await pairOf(client, userId);
      if (!pair?.pn) return { id: userId, aliases: [] };
      return { id: pair.pn, aliases: [pair.lid, userId].filter((x, i, all): x is string => Boolean(x) && x !== pair.pn && all.indexOf(x) === i) };
    },

    /** Every id `userId` may appear under (itself first). */
    async idsOf(client: WhatsAppClientLike | undefined, userId: string): Promise<string[]> {
      const p = await this.person(client, userId);
      return [...new Set([userId, p.id, ...p.aliases])];
    },
  };
}

export type LidMap = ReturnType<typeof createLidMap>;
