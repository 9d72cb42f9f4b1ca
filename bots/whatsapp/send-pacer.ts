/**
 * A floor between any two messages this WhatsApp number sends, whatever the chat. The outbound
 * service already spaces messages per chat through Redis; this is the per-number guard against the
 * bulk-sending pattern that gets numbers banned (DESIGN "Platform limits": ≤ 1 per 3 s, with jitter).
 */
export interface SendPacerOptions {
  /** Least gap between two sends (default 3000 ms). */
  minGapMs?: number;
  /** Random extra gap 0..jitterMs added to every slot, so sends do not tick like a machine. */
  jitterMs?: number;
  /** A caller that would wait longer than this is told to come back later instead of queueing here. */
  maxWaitMs?: number;
  now?: () => number;
  random?: () => number;
}

/** `slotsAt`: epoch ms at which each part may go out. */
export type Reservation = { ok: true; slotsAt: number[] } | { ok: false; retryAfterMs: number };

export function createSendPacer(opts: SendPacerOptions = {}) {
  const minGap = opts.minGapMs ?? 3_000;
  const jitter = opts.jitterMs ?? 1_500;
  const maxWait = opts.maxWaitMs ?? 15_000;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  let nextFree = 0;

  return {
    /**
     * Reserves `count` consecutive slots (the parts of one long message) or none at all. Synchronous,
     * so concurrent send() calls in this process never take the same slot.
     */
    reserve(count = 1): Reservation {
      const t = now();
      const first = Math.max(t, nextFree);
      if (first - t > maxWait) return { ok: false, retryAfterMs: first - t };
      const slotsAt: number[] = [];
      let slot = first;
      for (let i = 0; i < count; i++) {
        slotsAt.push(slot);
        slot += minGap + Math.floor(random() * jitter);
      }
      nextFree = slot;
      return { ok: true, slotsAt };
    },
  };
}

export type SendPacer = ReturnType<typeof createSendPacer>;
