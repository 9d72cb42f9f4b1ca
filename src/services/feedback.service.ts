import type { CallbackAction } from '../db/repositories/moderation.repository.js';
import type { ModeratorChatRow, OutboundRow } from '../db/schema/index.js';
import { decideFeedback, type FeedbackReply } from '../domain/answer-feedback.js';
import type { Platform } from '../domain/inbound.js';
import { id as t } from '../domain/messages/id.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';

type FeedbackAction = Extract<CallbackAction, { kind: 'feedback' }>;

/**
 * "Membantu 👍 / Tidak 👎" under an answer. The button is a token bound to the resident's chat (checked by the
 * caller) and names the resident and the verdict; a tap by anyone else is refused. The first tap per resident
 * and verdict is stored; 👎 from FEEDBACK_REOPEN_THRESHOLD residents on the verdict in force sends the claim
 * back to the moderators (status in_review, a message in their chat, the card re-rendered with the note).
 */
export function createFeedbackService(deps: ServiceDeps, parts: { outbox: Outbox }) {
  const log = deps.logger.child({ svc: 'feedback' });
  return {
    async tap(action: FeedbackAction, residentId: number): Promise<{ reply: FeedbackReply; text: string } | 'refused'> {
      if (action.residentId !== residentId) return 'refused';
      const verdict = await deps.repos.verdicts.findById(action.verdictId);
      if (!verdict) return 'refused';
      const result = await deps.db.transaction(async (tx) => {
        // The claim's row lock serialises the taps on its answers: the threshold is crossed exactly once.
        const claim = await deps.repos.claims.lockById(verdict.claimId, tx);
        if (!claim) return undefined;
        const recorded = await deps.repos.feedback.record({ verdictId: verdict.id, claimId: claim.id, residentId, helpful: action.helpful }, tx);
        const counts = await deps.repos.feedback.countsForVerdict(verdict.id, tx);
        const current = (await deps.repos.claims.currentVerdict(claim.id, tx))?.id === verdict.id;
        const decision = decideFeedback({
          helpful: action.helpful,
          recorded,
          current,
          unhelpfulCount: counts.unhelpful,
          threshold: deps.config.feedbackReopenThreshold,
          claimVerified: claim.status === 'verified',
        });
        if (decision.reopen) {
          await deps.repos.claims.setStatus(claim.id, 'in_review', tx);
          // Its review time starts now: the SLA sweep must not escalate it at once for its first routing's age.
          if (claim.routedRegion) await deps.repos.claimReview.setRouting(claim.id, claim.routedRegion, deps.now?.() ?? new Date(), null, tx);
          await deps.repos.claims.touch(claim.id, tx);
          await deps.repos.audit.record({ actor: 'system', action: 'claim.reopen_feedback', subject: `claim:${claim.id}`, data: { verdictId: verdict.id, unhelpful: counts.unhelpful } }, tx);
        }
        return { decision, claim, unhelpful: counts.unhelpful };
      });
      if (!result) return 'refused';
      if (result.decision.reopen) {
        log.info({ claimId: result.claim.id, verdictId: verdict.id, unhelpful: result.unhelpful }, 'claim re-opened by residents feedback');
        await tellModerators(result.claim.id, result.claim.routedRegion, verdict.id, result.unhelpful);
        // The card shows the note and the verdict buttons again (review queue re-render).
        await deps.producers.review(result.claim.id, `feedback-v${verdict.id}`);
      }
      return { reply: result.decision.reply, text: t.answer[result.decision.reply] };
    },
  };

  /** An edited card notifies no one: the moderators' chats of the claim get a message of their own, once each. */
  async function tellModerators(claimId: number, routedRegion: string | null, verdictId: number, unhelpful: number): Promise<void> {
    const chats = new Map<number, ModeratorChatRow>();
    for (const card of await deps.repos.moderation.cardsOf(claimId)) {
      const chat = await deps.repos.moderation.moderatorChatById(card.moderatorChatId);
      if (chat) chats.set(chat.id, chat);
    }
    if (routedRegion) for (const chat of await deps.repos.moderation.moderatorChatsFor([routedRegion])) chats.set(chat.id, chat);
    const rows: OutboundRow[] = [];
    for (const chat of chats.values()) {
      rows.push(
        await parts.outbox.stage({
          key: `reopen-c${claimId}-v${verdictId}-m${chat.id}`,
          platform: chat.platform as Platform,
          chatId: chat.chatId,
          purpose: 'moderation',
          body: t.feedbackReopened(claimId, unhelpful),
        }),
      );
    }
    await parts.outbox.dispatch(rows);
  }
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
