import { broadcastMessage } from '../domain/clarification.js';
import { withShareLink } from '../domain/answer-card.js';
import type { Platform } from '../domain/inbound.js';
import { messagesFor } from '../domain/messages/index.js';
import type { Messages } from '../domain/messages/id.js';
import type { VerdictRow } from '../db/schema/index.js';
import { whatsappBroadcastBody } from './whatsapp-broadcast-policy.js';

/** What every target of one broadcast is told: the verdict, the claim as quoted, and the public page's link. */
export interface BroadcastContent {
  broadcastId: number;
  verdict: VerdictRow;
  /** The approved summary when there is one, else the claim's text. */
  quoted: string;
  /** The share line in the reader's language, or null when the claim has no public page. */
  shareLine: (t: Messages) => string | null;
}

/**
 * The text one target receives. Written once here for the start of a broadcast and for erasure, which
 * re-renders the rows still queued: a re-render that composed it differently lost the link and, on WhatsApp,
 * the greeting and closing that keep a number from sending one identical text to every group.
 * `variant`: the target's place in the fan-out (consecutive targets get different WhatsApp wording).
 */
export function broadcastBodyFor(content: BroadcastContent, target: { platform: Platform; lang: string | null | undefined; variant: number }): string {
  const t = messagesFor(target.lang);
  const body = (closing?: string) => withShareLink(broadcastMessage(content.verdict, content.quoted, closing, t), content.shareLine(t));
  return target.platform === 'whatsapp' ? whatsappBroadcastBody(body, content.broadcastId, target.variant, t) : body();
}
