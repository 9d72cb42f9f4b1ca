import { decryptAddress } from '../domain/privacy.js';
import { SendError, type ChatAdapter } from '../domain/chat-adapter.js';
import type { Platform } from '../domain/inbound.js';
import type { ChatPacer, PaceRule } from '../queues/chat-pacer.js';
import type { ServiceDeps } from './deps.js';
import { TICKET_PURPOSES, type ReplyLatencyObserver } from '../observability/metrics.js';

export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'later'; delayMs: number; reason: string; scope?: 'platform' }
  | { kind: 'failed'; reason: string };

/** Long enough for one send (Telegram answers in well under a second), short enough to recover a crash quickly. */
const LEASE_MS = 15_000;

export type AdapterRegistry = Partial<Record<Platform, ChatAdapter>>;

/**
 * Pipeline's last stage: one ledger row → one platform message. The ledger decides whether it still
 * has to go; pacing and the platform's 429s turn into "later", never into a lost or doubled message.
 */
export function createOutboundService(
  deps: Pick<ServiceDeps, 'repos' | 'secrets' | 'config' | 'logger'>,
  parts: { adapters: AdapterRegistry; pacer: ChatPacer; metrics?: ReplyLatencyObserver },
) {
  const rules = paceRules(deps.config);
  return {
    async deliver(outboundId: number, key: string): Promise<DeliveryOutcome> {
      const row = await deps.repos.outbound.findByKey(key);
      if (!row || row.id !== outboundId) return { kind: 'skipped', reason: 'no such ledger row' };
      if (row.state !== 'queued') return { kind: 'skipped', reason: `already ${row.state}` };
      const adapter = parts.adapters[row.platform as Platform];
      if (!adapter || adapter.state() !== 'ready') {
        return { kind: 'later', delayMs: 5_000, reason: `${row.platform} adapter not ready` };
      }
      const chat = await deps.repos.people.findChatById(row.chatId);
      if (!chat) return fail(row.id, 'chat row missing');

      const platform = row.platform as Platform;
      // Only one worker sends a row at a time, even when Redis lost its jobs and they were queued again.
      if (!(await deps.repos.outbound.lease(row.id, LEASE_MS))) return { kind: 'later', delayMs: 2_000, reason: 'held by another worker' };
      // The slot is taken last, right before the request, so the rate Telegram sees is the rate reserved.
      const pace = await parts.pacer.reserve(
        [
          { key: `${platform}:all`, rule: rules[platform].all },
          { key: `${platform}:${chat.chatKey}`, rule: rules[platform][chat.kind] },
        ],
        key,
      );
      if (pace.waitMs > 0) {
        await deps.repos.outbound.release(row.id);
        // Telegram's overall window is full: the worker pauses as a whole rather than parking every job.
        // (WhatsApp's slow per-number pace parks its own jobs only, so it never holds Telegram back.)
        if (pace.blockedBy === 0 && platform === 'telegram') return { kind: 'later', delayMs: pace.waitMs, reason: 'platform rate', scope: 'platform' };
        // A little jitter keeps jobs parked for one chat from waking in the same millisecond.
        return { kind: 'later', delayMs: pace.waitMs + Math.floor(Math.random() * 25), reason: 'chat pacing' };
      }

      try {
        const sent = await adapter.send({
          chatId: decryptAddress(deps.secrets.contactKey, chat.addressEnc),
          text: row.body,
          ...(row.buttons ? { buttons: row.buttons } : {}),
          ...(row.replyToMessageId ? { replyToMessageId: row.replyToMessageId } : {}),
        });
        await deps.repos.outbound.markSent(row.id, sent.messageId);
        await observeTicketLatency(row.purpose, row.reportId);
        return { kind: 'sent', messageId: sent.messageId };
      } catch (err) {
        if (!(err instanceof SendError)) {
          await deps.repos.outbound.release(row.id);
          throw err;
        }
        if (err.kind === 'permanent') {
          // A group that blocked or removed the bot stops receiving broadcasts instead of failing forever.
          if (chat.kind === 'group' && (await deps.repos.groups.deactivate(chat.id, err.message))) {
            deps.logger.warn({ chatId: chat.id }, 'KIM group marked inactive after a permanent send failure');
          }
          return fail(row.id, err.message);
        }
        await deps.repos.outbound.recordAttempt(row.id, err.message);
        if (err.kind === 'rate_limited') return { kind: 'later', delayMs: err.retryAfterMs ?? 1_000, reason: err.message };
        throw err;
      }
    },

    /** Called when the queue gives up on a job: the ledger must say so, with the reason. */
    async giveUp(outboundId: number, reason: string): Promise<void> {
      await deps.repos.outbound.markFailed(outboundId, reason);
    },
  };

  /** Message received → ticket sent; one primary-key read, and never a reason to fail a delivery. */
  async function observeTicketLatency(purpose: string, reportId: number | null): Promise<void> {
    if (!parts.metrics || reportId === null || !TICKET_PURPOSES.has(purpose)) return;
    const report = await deps.repos.reports.findById(reportId).catch(() => undefined);
    if (report) parts.metrics.observeReplyLatency(purpose, (Date.now() - report.receivedAt.getTime()) / 1000);
  }

  async function fail(id: number, reason: string): Promise<DeliveryOutcome> {
    await deps.repos.outbound.markFailed(id, reason);
    deps.logger.warn({ outboundId: id, reason }, 'outbound message failed permanently');
    return { kind: 'failed', reason };
  }
}

function paceRules(config: ServiceDeps['config']): Record<Platform, Record<'private' | 'group' | 'all', PaceRule>> {
  const tg = config.telegram.rate;
  const perChat = Math.ceil(1000 / tg.chatPerSec);
  // WhatsApp numbers get banned for bulk sending: one message per 3 s from the number, whoever the chat.
  const waAll: PaceRule = { minIntervalMs: config.whatsapp.minIntervalMs, windowMs: 0, maxInWindow: 0 };
  const waChat: PaceRule = { minIntervalMs: 1_000, windowMs: 0, maxInWindow: 0 };
  return {
    telegram: {
      // A window a tenth longer than a second absorbs jitter between our reservation and Telegram's clock.
      all: { minIntervalMs: 0, windowMs: 1_100, maxInWindow: Math.max(1, Math.floor(tg.globalPerSec)) },
      private: { minIntervalMs: perChat, windowMs: 0, maxInWindow: 0 },
      group: { minIntervalMs: perChat, windowMs: 60_000, maxInWindow: tg.groupPerMin },
    },
    whatsapp: { all: waAll, private: waChat, group: waChat },
  };
}

export type OutboundService = ReturnType<typeof createOutboundService>;
