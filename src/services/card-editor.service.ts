import { SendError, type OutgoingButton } from '../domain/chat-adapter.js';
import { decryptAddress } from '../domain/privacy.js';
import type { Platform } from '../domain/inbound.js';
import type { ClaimCardRow, ModeratorChatRow } from '../db/schema/index.js';
import type { ChatPacer } from '../queues/chat-pacer.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { AdapterRegistry } from './outbound.service.js';
import { retryDelayMs } from './outbound.service.js';
import { bookAheadMs, paceRules } from './platform-pacing.js';
import type { ChatMigrationService } from './chat-migration.service.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface CardContent {
  text: string;
  buttons: OutgoingButton[][] | null;
}

/**
 * Editing a review card in place, without ever breaking the routing of its claim. An edit takes a slot of the
 * same Redis pacer as every send to that chat (a burst of reports re-rendering one card stays inside Telegram's
 * per-group limit); whatever the platform answers stays with this card: a deleted card is posted again, a
 * migrated group is followed, a 429 or an outage re-renders the claim later (after `retry_after`), anything
 * else is logged. It never throws for the platform's answer.
 */
export function createCardEditor(
  deps: Pick<ServiceDeps, 'repos' | 'secrets' | 'config' | 'logger' | 'producers'>,
  parts: { adapters: AdapterRegistry; outbox: Outbox; pacer?: ChatPacer; migrations?: ChatMigrationService },
) {
  const rules = paceRules(deps.config);
  const log = deps.logger.child({ svc: 'card-editor' });

  /** The claim is rendered again later: the card then shows whatever is current. */
  async function rerenderLater(claimId: number, delayMs: number, reason: string): Promise<void> {
    log.info({ claimId, delayMs, reason }, 'card edit postponed');
    await deps.producers.review(claimId, `retry${Date.now()}`, { delayMs: Math.max(1, Math.ceil(delayMs)) });
  }

  async function repost(card: ClaimCardRow, chat: ModeratorChatRow, content: CardContent): Promise<void> {
    const key = `card-c${card.claimId}-m${chat.id}-r${Date.now()}`;
    await deps.repos.moderation.replaceCardMessage(card.id, key);
    await parts.outbox.send({ key, platform: chat.platform as Platform, chatId: chat.chatId, purpose: 'card', body: content.text, ...(content.buttons ? { buttons: content.buttons } : {}) });
    log.info({ claimId: card.claimId, moderatorChatId: chat.id }, 'card message gone; posted a new card');
  }

  return {
    async edit(card: ClaimCardRow, chat: ModeratorChatRow, messageId: string, content: CardContent, attempt = 0): Promise<void> {
      const platform = chat.platform as Platform;
      const adapter = parts.adapters[platform];
      if (!adapter?.edit || adapter.state() !== 'ready') return;
      const chatRow = await deps.repos.people.findChatById(chat.chatId);
      if (!chatRow) return;
      if (parts.pacer) {
        const pace = await parts.pacer.reserve(
          [
            { key: `${platform}:all`, rule: rules[platform].all },
            { key: `${platform}:${chatRow.chatKey}`, rule: rules[platform][chatRow.kind] },
          ],
          `edit-${card.id}-${Date.now()}`,
          bookAheadMs(platform),
        );
        if (pace.waitMs > 0) return rerenderLater(card.claimId, pace.waitMs, 'chat pacing');
        if (pace.aheadMs > 0) await sleep(pace.aheadMs);
      }
      const address = decryptAddress(deps.secrets.contactKey, chatRow.addressEnc);
      try {
        await adapter.edit(address, messageId, { text: content.text, ...(content.buttons ? { buttons: content.buttons } : {}) });
        if (!card.platformMessageId) await deps.repos.moderation.setCardMessage(card.id, messageId);
      } catch (err) {
        if (!(err instanceof SendError)) throw err;
        switch (err.kind) {
          case 'message_gone':
            return repost(card, chat, content);
          case 'migrated':
            if (!err.migratedTo || !parts.migrations || attempt > 0) return void log.warn({ claimId: card.claimId, err: err.message }, 'card edit failed');
            await parts.migrations.migrate({ platform, fromChatId: address, toChatId: err.migratedTo });
            return this.edit(card, chat, messageId, content, attempt + 1);
          case 'rate_limited':
            return rerenderLater(card.claimId, err.retryAfterMs ?? 1_000, err.message);
          case 'transient':
            return rerenderLater(card.claimId, err.retryAfterMs ?? retryDelayMs(4), err.message);
          case 'rejected':
          case 'permanent':
            log.warn({ claimId: card.claimId, moderatorChatId: chat.id, err: err.message }, 'card edit refused; the card stays as it was');
            return;
        }
      }
    },
  };
}

export type CardEditor = ReturnType<typeof createCardEditor>;
