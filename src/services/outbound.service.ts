import { decryptAddress } from '../domain/privacy.js';
import { SendError, type ChatAdapter } from '../domain/chat-adapter.js';
import type { Platform } from '../domain/inbound.js';
import type { ChatRow } from '../db/schema/index.js';
import type { LeaseExtras } from '../db/repositories/outbound.repository.js';
import type { ChatPacer } from '../queues/chat-pacer.js';
import { createPlatformLine } from '../queues/platform-line.js';
import type { ServiceDeps } from './deps.js';
import type { ChatMigrationService } from './chat-migration.service.js';
import { TICKET_PURPOSES, type ReplyLatencyObserver } from '../observability/metrics.js';
import { dailyCapWait, dayBefore, whatsappBroadcastRule } from './whatsapp-broadcast-policy.js';
import type { MediaService } from './media.service.js';
import type { OutgoingFile } from '../domain/chat-adapter.js';
import { nextCardStep, type CardStep } from '../domain/answer-card.js';
import type { AnswerCards } from './answer-card.service.js';
import { retryWhileStorageDown } from '../db/transient.js';
import { safeMessage } from '../observability/safe-error.js';
import { bookAheadMs, paceRules } from './platform-pacing.js';

export type DeliveryOutcome =
  | { kind: 'sent'; messageId: string }
  /** The platform took it; its server's acceptance comes later (see delivery.service). */
  | { kind: 'unconfirmed'; messageId: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'later'; delayMs: number; reason: string; scope?: 'platform' }
  | { kind: 'failed'; reason: string };

/** Long enough for one send (Telegram answers in well under a second), short enough to recover a crash quickly. */
const LEASE_MS = 15_000;
/** How long a sent message's "sent" is retried while the database is away (a restart takes seconds). */
const RECORD_SENT_MAX_WAIT_MS = 5 * 60_000;
/** Transient failures back off from 1 s, doubling, to this; the reconciler re-queues a row when it is due. */
export const MAX_RETRY_DELAY_MS = 10 * 60_000;
export const retryDelayMs = (attemptsSoFar: number): number => Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** Math.min(attemptsSoFar, 20));

/**
 * The longest a send waits in line for Telegram's overall window (see platform-line.ts), holding its lease: well
 * inside LEASE_MS, and longer than a full line of one process's concurrent sends takes at 30/s.
 */
const PLATFORM_LINE_MAX_WAIT_MS = 3_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Chats whose send details are kept in memory (a broadcast to every KIM group of a province fits). */
const CHAT_CACHE_SIZE = 20_000;

export type AdapterRegistry = Partial<Record<Platform, ChatAdapter>>;

/**
 * Pipeline's last stage: one ledger row → one platform message. The ledger decides whether it still
 * has to go; pacing and the platform's 429s turn into "later", never into a lost or doubled message.
 */
export function createOutboundService(
  deps: Pick<ServiceDeps, 'repos' | 'secrets' | 'config' | 'logger' | 'now'>,
  parts: { adapters: AdapterRegistry; pacer: ChatPacer; metrics?: ReplyLatencyObserver; migrations?: ChatMigrationService; media?: MediaService; cards?: AnswerCards },
) {
  const rules = paceRules(deps.config);
  const now = () => deps.now?.() ?? new Date();
  const telegramLine = createPlatformLine({ maxWaitMs: PLATFORM_LINE_MAX_WAIT_MS });
  /** Send details per chat id; see chatOf. */
  const chats = new Map<number, Pick<ChatRow, 'id' | 'chatKey' | 'kind' | 'addressEnc'>>();
  // One WhatsApp broadcast message in flight at a time: the number has one sending process (its browser
  // session), so this makes "count the last 24 h, then send" atomic for the daily cap.
  let waBroadcastBusy = false;
  const service = {
    async deliver(outboundId: number, key: string): Promise<DeliveryOutcome> {
      const held = { slot: false };
      try {
        return await service.deliverRow(outboundId, key, held);
      } finally {
        if (held.slot) waBroadcastBusy = false;
      }
    },

    async deliverRow(outboundId: number, key: string, held: { slot: boolean }): Promise<DeliveryOutcome> {
      // Lease first: one round trip takes and reads the row; only a refusal needs a second look.
      // Only one worker sends a row at a time, even when Redis lost its jobs and they were queued again.
      const row = await deps.repos.outbound.lease(outboundId, LEASE_MS);
      if (!row) {
        const current = await deps.repos.outbound.findByKey(key);
        if (!current || current.id !== outboundId) return { kind: 'skipped', reason: 'no such ledger row' };
        if (current.state !== 'queued') return { kind: 'skipped', reason: `already ${current.state}` };
        return { kind: 'later', delayMs: 2_000, reason: 'held by another worker' };
      }
      if (row.idempotencyKey !== key) {
        await deps.repos.outbound.release(row.id);
        return { kind: 'skipped', reason: 'no such ledger row' };
      }
      const adapter = parts.adapters[row.platform as Platform];
      if (!adapter || adapter.state() !== 'ready') {
        await deps.repos.outbound.release(row.id);
        return { kind: 'later', delayMs: 5_000, reason: `${row.platform} adapter not ready` };
      }
      const chat = await chatOf(row.chatId, row);
      if (!chat) return fail(row.id, 'chat row missing');

      const platform = row.platform as Platform;
      const waBroadcast = platform === 'whatsapp' && row.purpose === 'broadcast';
      if (waBroadcast) {
        if (waBroadcastBusy) {
          await deps.repos.outbound.release(row.id);
          return { kind: 'later', delayMs: 1_000 + Math.floor(Math.random() * 500), reason: 'another whatsapp broadcast message in flight' };
        }
        waBroadcastBusy = held.slot = true;
        const policy = deps.config.whatsapp.broadcast;
        const wait = dailyCapWait(policy, await deps.repos.outbound.countPlatformSentSince('whatsapp', 'broadcast', dayBefore(deps.now?.() ?? new Date())));
        if (wait > 0) {
          await deps.repos.outbound.release(row.id);
          return { kind: 'later', delayMs: wait, reason: 'whatsapp daily broadcast cap' };
        }
      }
      // The clarification card travels with the answer; without one to be had, the text goes alone. Read before
      // the pacing slot: a first render takes a moment, and the slot must stay right before the request.
      const card = row.cardVerdictId !== null && !row.cardDone && parts.cards ? await parts.cards.forVerdict(row.cardVerdictId) : undefined;
      // The slot is taken last, right before the request, so the rate Telegram sees is the rate reserved.
      const ask = () =>
        parts.pacer.reserve(
          [
            { key: `${platform}:all`, rule: rules[platform].all },
            { key: `${platform}:${chat.chatKey}`, rule: rules[platform][chat.kind] },
            // WhatsApp broadcasts keep a longer, jittered gap between themselves (replies are not held up).
            ...(waBroadcast ? [{ key: 'whatsapp:broadcast', rule: whatsappBroadcastRule(deps.config.whatsapp.broadcast, key) }] : []),
          ],
          key,
          // Telegram slots are booked a little ahead so its window never idles between two sends; WhatsApp's
          // number keeps its own human pace in the adapter and books only what is free now.
          bookAheadMs(platform),
        );
      // Telegram's overall window is waited out in line, lease held; WhatsApp's slow per-number pace is not.
      const pace = platform === 'telegram' ? await telegramLine.reserve(ask) : await ask();
      if (pace.waitMs > 0) {
        await deps.repos.outbound.release(row.id);
        // Telegram's overall window stayed full past the line's bound: the worker pauses as a whole rather than
        // parking every job.
        // (WhatsApp's slow per-number pace parks its own jobs only, so it never holds Telegram back.)
        if (pace.blockedBy === 0 && platform === 'telegram') return { kind: 'later', delayMs: pace.waitMs, reason: 'platform rate', scope: 'platform' };
        // A little jitter keeps jobs parked for one chat from waking in the same millisecond.
        return { kind: 'later', delayMs: pace.waitMs + Math.floor(Math.random() * 25), reason: 'chat pacing' };
      }

      // The lease (15 s) outlives the wait (≤ 300 ms): nobody else sends this row meanwhile.
      if (pace.aheadMs > 0) await sleep(pace.aheadMs);

      let file: OutgoingFile | undefined;
      let text = row.body;
      let step: CardStep = 'text';
      if (row.mediaId !== null) {
        file = await fileOf(row.mediaId);
        // The file was erased (/hapus) before it went out: nothing of it is sent.
        if (!file) return fail(row.id, 'media erased');
      } else if (card) {
        step = nextCardStep({ wantsCard: true, cardDone: row.cardDone, hasCard: true, body: row.body });
        if (step !== 'text') file = card.file;
        if (step === 'card-first') text = card.shortCaption;
      }
      // The buttons go on the message that carries the text: the captioned card, or the text after the card.
      const buttons = step === 'card-first' ? null : row.buttons;

      try {
        const sent = await adapter.send({
          chatId: decryptAddress(deps.secrets.contactKey, chat.addressEnc),
          text,
          ...(file ? { file } : {}),
          ...(buttons ? { buttons } : {}),
          ...(row.replyToMessageId ? { replyToMessageId: row.replyToMessageId } : {}),
          ...(row.forceReply ? { forceReply: true } : {}),
        });
        // "Sent" means the platform's server accepted it; WhatsApp may only have it in the page so far.
        // The message is out: if PostgreSQL is away right now, recording that is waited out here rather
        // than failing the job, whose retry would lease the row again and send it a second time.
        const record = (what: () => Promise<unknown>) =>
          retryWhileStorageDown(what, RECORD_SENT_MAX_WAIT_MS, (err, attempt) => {
            if (attempt === 0) deps.logger.warn({ outboundId: row.id, err: safeMessage(err) }, 'sent, but the database is away: recording it once it is back');
          });
        if (step === 'card-first') {
          // The card is out; the text (with the buttons) is the next send from this row, in its own pacing slot.
          await record(() => deps.repos.outbound.markCardDone(row.id));
          return { kind: 'later', delayMs: 0, reason: 'card sent; the text follows' };
        }
        if (sent.accepted === false) {
          await record(() => deps.repos.outbound.markUnconfirmed(row.id, sent.messageId));
          return { kind: 'unconfirmed', messageId: sent.messageId };
        }
        await record(() => deps.repos.outbound.markSent(row.id, sent.messageId));
        observeTicketLatency(row.purpose, row.reportReceivedMs);
        return { kind: 'sent', messageId: sent.messageId };
      } catch (err) {
        if (!(err instanceof SendError)) {
          await deps.repos.outbound.release(row.id);
          throw err;
        }
        switch (err.kind) {
          case 'permanent':
            // A group that blocked or removed the bot stops receiving broadcasts instead of failing forever.
            if (chat.kind === 'group' && (await deps.repos.groups.deactivate(chat.id, err.message))) {
              deps.logger.warn({ chatId: chat.id }, 'KIM group marked inactive after a permanent send failure');
            }
            return fail(row.id, err.message);
          case 'rejected':
          case 'message_gone':
            if (step !== 'text') {
              // The platform refused the picture, not the answer: the text goes on its own next.
              deps.logger.warn({ outboundId: row.id, reason: err.message }, 'clarification card refused; sending the text alone');
              await deps.repos.outbound.markCardDone(row.id);
              return { kind: 'later', delayMs: 0, reason: 'card refused; the text follows' };
            }
            // This message was refused (its content), not the chat: the group stays registered.
            return fail(row.id, err.message);
          case 'migrated':
            return followMigration(row.id, row.chatId, platform, err);
          case 'rate_limited':
          case 'transient':
            return retryLater(row, err);
        }
      }
    },

    /** Called when the queue gives up on a job: the ledger must say so, with the reason. */
    async giveUp(outboundId: number, reason: string): Promise<void> {
      await deps.repos.outbound.markFailed(outboundId, reason);
    },
  };
  return service;

  /** Message received → ticket sent (the receipt time comes with the lease). */
  function observeTicketLatency(purpose: string, receivedMs: number | null): void {
    if (!parts.metrics || receivedMs === null || !TICKET_PURPOSES.has(purpose)) return;
    parts.metrics.observeReplyLatency(purpose, (Date.now() - receivedMs) / 1000);
  }

  /**
   * What a send needs of a chat (its key, kind and encrypted address) never changes while the service runs
   * (rotate-pseudonyms re-keys with the service stopped), so it is read once per chat, not once per message.
   */
  async function chatOf(id: number, leased?: LeaseExtras): Promise<Pick<ChatRow, 'id' | 'chatKey' | 'kind' | 'addressEnc'> | undefined> {
    const cached = chats.get(id);
    if (cached) return cached;
    // The lease read the chat's details already; only a caller without them looks the chat up.
    const row =
      leased?.chatKey && leased.chatKind && leased.chatAddressEnc
        ? { id, chatKey: leased.chatKey, kind: leased.chatKind, addressEnc: leased.chatAddressEnc }
        : await deps.repos.people.findChatById(id);
    if (!row) return undefined;
    if (chats.size >= CHAT_CACHE_SIZE) chats.delete(chats.keys().next().value as number);
    const kept = { id: row.id, chatKey: row.chatKey, kind: row.kind, addressEnc: row.addressEnc };
    chats.set(id, kept);
    return kept;
  }

  /**
   * Outbox semantics: a network error, a 5xx or a 429 keeps the row queued with the time of its next try, so an
   * outage of minutes or hours delays replies instead of losing them. Only past the retry horizon is it given up.
   */
  async function retryLater(row: { id: number; attempts: number; createdAt: Date }, err: SendError): Promise<DeliveryOutcome> {
    const at = now();
    if (at.getTime() - row.createdAt.getTime() > deps.config.outboundRetryHours * 3_600_000) return fail(row.id, `gave up after ${deps.config.outboundRetryHours} h: ${err.message}`);
    const delayMs = err.kind === 'rate_limited' ? (err.retryAfterMs ?? 1_000) : (err.retryAfterMs ?? retryDelayMs(row.attempts));
    await deps.repos.outbound.scheduleRetry(row.id, err.message, new Date(at.getTime() + delayMs));
    return { kind: 'later', delayMs, reason: err.message };
  }

  /** The group became a supergroup: its row takes the new id, and the same message goes there at once. */
  async function followMigration(id: number, chatId: number, platform: Platform, err: SendError): Promise<DeliveryOutcome> {
    chats.delete(chatId);
    const row = await deps.repos.people.findChatById(chatId);
    if (!row || !err.migratedTo || !parts.migrations) return fail(id, err.message);
    await parts.migrations.migrate({ platform, fromChatId: decryptAddress(deps.secrets.contactKey, row.addressEnc), toChatId: err.migratedTo });
    await deps.repos.outbound.release(id);
    return { kind: 'later', delayMs: 0, reason: 'chat migrated' };
  }

  async function fileOf(mediaId: number): Promise<OutgoingFile | undefined> {
    const object = parts.media ? await deps.repos.media.findObject(mediaId) : undefined;
    const shown = object && (await parts.media!.forDisplay(object));
    if (!object || !shown) return undefined;
    const photo = shown.mime === 'image/jpeg' && object.phash !== null;
    const ext = photo ? 'jpg' : (object.mime?.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin');
    return { data: shown.data, mime: shown.mime, filename: `laporan-${object.id}.${ext}`, kind: photo ? 'photo' : 'document' };
  }

  async function fail(id: number, reason: string): Promise<DeliveryOutcome> {
    await deps.repos.outbound.markFailed(id, reason);
    deps.logger.warn({ outboundId: id, reason }, 'outbound message failed permanently');
    return { kind: 'failed', reason };
  }
}

export type OutboundService = ReturnType<typeof createOutboundService>;
