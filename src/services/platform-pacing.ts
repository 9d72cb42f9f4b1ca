/** The platforms' rate limits as the pacer's rules, shared by sends (outbound.service) and card edits (card-editor). */
import type { Platform } from '../domain/inbound.js';
import type { PaceRule } from '../queues/chat-pacer.js';
import type { ServiceDeps } from './deps.js';

/**
 * How far ahead a Telegram send may book its slot: about nine sends of the global ceiling wait in memory,
 * ready to go the moment their slot comes, enough to cover the round trips (job fetch, lease, pacer) that
 * left the window idle. Not more: on a stalled event loop every sleeping send wakes at once, and a full
 * second of them arrived at the emulator as 40 in one second.
 */
const TELEGRAM_BOOK_AHEAD_MS = 300;
/**
 * How far ahead a send or a card edit on this platform may book its pacing slot. Edits book exactly as sends do:
 * an edit that only took a slot free *now* lost every race to the sends booked ahead of it, and in a busy group
 * a merged claim's card was never edited.
 */
export const bookAheadMs = (platform: Platform): number => (platform === 'telegram' ? TELEGRAM_BOOK_AHEAD_MS : 0);
/**
 * Sends are spaced evenly a hair under the ceiling (30/s → one every 34 ms): bursts inside a second
 * are what Telegram answers with 429, and the 2 % margin absorbs jitter between our clock and theirs.
 */
const GLOBAL_SPACING_MARGIN = 1.02;

/** The platforms' rate limits, as pacer rules: one overall window and one per chat kind. */
export function paceRules(config: ServiceDeps['config']): Record<Platform, Record<'private' | 'group' | 'all', PaceRule>> {
  const tg = config.telegram.rate;
  const perChat = Math.ceil(1000 / tg.chatPerSec);
  // WhatsApp numbers get banned for bulk sending: one message per 3 s from the number, whoever the chat.
  const waAll: PaceRule = { minIntervalMs: config.whatsapp.minIntervalMs, windowMs: 0, maxInWindow: 0 };
  const waChat: PaceRule = { minIntervalMs: 1_000, windowMs: 0, maxInWindow: 0 };
  return {
    telegram: {
      // Even spacing at the ceiling (see GLOBAL_SPACING_MARGIN); the one-second window is the hard bound on top.
      all: { minIntervalMs: (1000 / tg.globalPerSec) * GLOBAL_SPACING_MARGIN, windowMs: 1_000, maxInWindow: Math.max(1, Math.floor(tg.globalPerSec)) },
      private: { minIntervalMs: perChat, windowMs: 0, maxInWindow: 0 },
      group: { minIntervalMs: perChat, windowMs: 60_000, maxInWindow: tg.groupPerMin },
    },
    whatsapp: { all: waAll, private: waChat, group: waChat },
  };
}
