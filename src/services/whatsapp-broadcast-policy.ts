import { createHash } from 'node:crypto';
import { id, type Messages } from '../domain/messages/id.js';
import type { Config } from '../config/config.js';
import type { PaceRule } from '../queues/chat-pacer.js';

/**
 * WhatsApp bans numbers that send the same text to many chats in a burst (DESIGN "Platform limits").
 * Broadcasts from the one number therefore: vary the greeting and closing per group (catalogue
 * wording), keep a longer gap with a per-message random part, and stop at a daily cap — messages past
 * it wait in the ledger for the next day's room; they are never failed.
 */
export type BroadcastPolicy = Config['whatsapp']['broadcast'];

const DAY_MS = 24 * 60 * 60_000;

/**
 * The text one group receives: a greeting and a closing chosen by the group's place in the fan-out
 * (consecutive groups always differ in both; the two lists have coprime lengths, so a pair comes back
 * only every 20 groups).
 */
export function whatsappBroadcastBody(message: (closing: string) => string, broadcastId: number, index: number, t: Messages = id): string {
  const { greetings, closings } = t.broadcastVariants;
  const greeting = greetings[(broadcastId + index) % greetings.length]!;
  const closing = closings[(broadcastId + index) % closings.length]!;
  return `${greeting}\n\n${message(closing)}`;
}

/**
 * The gap before this broadcast message: the configured floor plus a part in 0..jitter drawn from the
 * message's key, so a message kept waiting asks for the same gap each time it comes back.
 */
export function whatsappBroadcastRule(policy: BroadcastPolicy, key: string): PaceRule {
  const draw = createHash('sha256').update(key).digest().readUInt32BE(0) / 0x1_0000_0000;
  return { minIntervalMs: policy.minIntervalMs + Math.floor(draw * policy.jitterMs), windowMs: 0, maxInWindow: 0 };
}

/** How long to wait when the number already sent `sentLastDay` broadcast messages in the last 24 h; 0 = go. */
export function dailyCapWait(policy: BroadcastPolicy, sentLastDay: number): number {
  // Checked again every hour: room frees up as the oldest sends of the window age out.
  return sentLastDay >= policy.dailyCap ? 60 * 60_000 : 0;
}

export function dayBefore(now: Date): Date {
  return new Date(now.getTime() - DAY_MS);
}
