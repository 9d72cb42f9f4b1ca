import { id as t } from '../domain/messages/id.js';
import { canReviewClaim, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { clarificationMessage } from '../domain/clarification.js';
import { cleanText } from '../domain/conversation.js';
import { VERDICT_LABELS } from '../domain/verdict.js';
import type { InboundCallback, InboundMessage, Platform } from '../domain/inbound.js';
import type { ChatRow, StaffRow, VerdictDraftRow } from '../db/schema/index.js';
import { SUMMARY_MAX, safeQuote } from '../domain/safe-quote.js';
import type { CallbackAction } from '../db/repositories/moderation.repository.js';
import { jobIdOf } from '../queues/queues.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { IdentityService } from './identity.service.js';
import type { StaffService } from './staff.service.js';
import { publicSummaryOf, type VerdictService } from './verdict.service.js';
import type { ClaimMergeService } from './claim-merge.service.js';
import type { SuggestionService } from './suggestion.service.js';
import { formatTicket } from '../domain/ticket.js';
import { isRegionAction, type RegionPicker } from './region-picker.service.js';
import type { RegionNames } from './region-names.service.js';
import { linkCodeHash, normalizeLinkCode } from './link-code.js';
import type { FeedbackService } from './feedback.service.js';

const DRAFT_TTL_MS = 30 * 60_000;
/** `/masuk` attempts one person, or one code prefix, gets per flood window. */
export const MASUK_ATTEMPTS = 5;
const URL_RE = /https?:\/\/[^\s<>"']+/i;

const actorOf = (s: StaffRow): Actor => ({ id: s.id, role: s.role, regionCode: s.regionCode });

/**
 * Moderators work from their chat: a verdict button → the bot asks for the clarification and one
 * source link → preview → confirm → published. Every button is a server-side token bound to its chat;
 * the staff member pressing it must be linked and cover the claim's region. Anything else does nothing
 * and is logged.
 */
export function createModerationService(
  deps: ServiceDeps,
  parts: {
    outbox: Outbox;
    identity: IdentityService;
    staff: StaffService;
    verdicts: VerdictService;
    merges: ClaimMergeService;
    suggestions: SuggestionService;
    picker: RegionPicker;
    names: RegionNames;
    feedback: FeedbackService;
  },
) {
  const { moderation } = deps.repos;
  const log = deps.logger.child({ svc: 'moderation' });

  const say = (chat: ChatRow, key: string, body: string, buttons?: Array<Array<{ text: string; data: string }>>) =>
    parts.outbox.send({ key, platform: chat.platform as Platform, chatId: chat.id, purpose: 'moderation', body, ...(buttons ? { buttons } : {}) });
  /**
   * A question the moderator answers by writing: sent with force_reply, so the answer is a reply to the bot, which
   * a Telegram bot in privacy mode receives (it gets no other plain group message).
   */
  const ask = (chat: ChatRow, key: string, body: string) =>
    parts.outbox.send({ key, platform: chat.platform as Platform, chatId: chat.id, purpose: 'moderation', body, forceReply: true });

  async function refuse(reason: string, cb: InboundCallback, extra: Record<string, unknown> = {}): Promise<void> {
    log.warn({ platform: cb.platform, reason, ...extra }, 'callback refused');
    await deps.repos.audit.record({ actor: `${cb.platform}-user`, action: 'callback.refused', data: { reason, ...extra } });
  }

  async function startDraft(action: Extract<CallbackAction, { kind: 'verdict' }>, staff: StaffRow, chat: ChatRow, cb: InboundCallback) {
    const claim = await deps.repos.claims.findById(action.claimId);
    if (!claim || !canReviewClaim(actorOf(staff), claim)) return refuse('claim outside staff region', cb, { staffId: staff.id, claimId: action.claimId });
    const draft = await moderation.createDraft({ claimId: claim.id, staffId: staff.id, chatId: chat.id, verdict: action.verdict });
    await ask(chat, jobIdOf('draft', draft.id, 'ask'), t.staff.askClarification(claim.id, VERDICT_LABELS[action.verdict]));
  }

  async function finishDraft(action: Extract<CallbackAction, { kind: 'confirm' | 'cancel' }>, staff: StaffRow, chat: ChatRow, cb: InboundCallback) {
    const draft = await moderation.draftById(action.draftId);
    // The owner is checked BEFORE the single-use token is spent: another staff member's refused tap
    // must leave the moderator's own [Terbitkan] working.
    if (!draft || draft.staffId !== staff.id || draft.chatId !== chat.id || draft.state !== 'awaiting_confirm') {
      return refuse('draft not confirmable by this staff', cb, { staffId: staff.id, draftId: action.draftId });
    }
    // Confirm/cancel are single-use: a replayed tap finds the token spent.
    if (!(await moderation.consumeToken(cb.data))) return refuse('replayed single-use token', cb, { staffId: staff.id });
    if (action.kind === 'cancel') {
      await moderation.updateDraft(draft.id, { state: 'cancelled' });
      return void (await say(chat, jobIdOf('draft', draft.id, 'cancel'), t.staff.cancelled));
    }
    try {
      const result = await parts.verdicts.publish({
        claimId: draft.claimId,
        verdict: draft.verdict,
        clarification: draft.clarification ?? '',
        sources: draft.source ? [draft.source] : [],
        // Null: the pre-fill the preview showed.
        ...(draft.summary ? { summary: draft.summary } : {}),
        actor: actorOf(staff),
      });
      await moderation.updateDraft(draft.id, { state: 'published' });
      await say(chat, jobIdOf('draft', draft.id, 'done'), t.staff.published(draft.claimId, result.answered, result.corrected));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await moderation.updateDraft(draft.id, { state: 'cancelled' });
      await say(chat, jobIdOf('draft', draft.id, 'refused'), t.staff.refused + err.message);
    }
  }

  /**
   * The preview a moderator confirms: the answer residents get, and the summary the public page will show
   * (their own, else the claim's text with personal data masked), with a button to replace that summary.
   */
  async function sendPreview(draft: VerdictDraftRow, staff: StaffRow, chat: ChatRow, key: string): Promise<void> {
    const claim = await deps.repos.claims.findById(draft.claimId);
    const kind = staff.role === 'moderator' ? 'community' : 'official';
    const answer = clarificationMessage({ verdict: draft.verdict, kind, clarification: draft.clarification ?? '', sources: draft.source ? [draft.source] : [] }, 'T-…');
    const summary = claim ? (draft.summary ?? publicSummaryOf(undefined, claim)) : null;
    const body = [t.staff.preview(answer, draft.verdict !== 'di_luar_cakupan'), ...(summary ? ['', t.staff.previewSummary(safeQuote(summary, SUMMARY_MAX))] : [])].join('\n');
    const confirm = await moderation.issueToken({ kind: 'confirm', draftId: draft.id }, chat.id);
    const cancel = await moderation.issueToken({ kind: 'cancel', draftId: draft.id }, chat.id);
    const edit = await moderation.issueToken({ kind: 'edit-summary', draftId: draft.id }, chat.id);
    await say(chat, key, body, [
      [{ text: t.staff.publishButton, data: confirm }, { text: t.staff.cancelButton, data: cancel }],
      [{ text: t.staff.editSummaryButton, data: edit }],
    ]);
  }

  /** "Ubah ringkasan": the moderator's next message in this chat becomes the public summary. */
  async function askSummary(action: Extract<CallbackAction, { kind: 'edit-summary' }>, staff: StaffRow, chat: ChatRow, cb: InboundCallback) {
    const draft = await moderation.draftById(action.draftId);
    if (!draft || draft.staffId !== staff.id || draft.chatId !== chat.id || draft.state !== 'awaiting_confirm') {
      return refuse('draft not editable by this staff', cb, { staffId: staff.id, draftId: action.draftId });
    }
    await moderation.updateDraft(draft.id, { state: 'awaiting_summary' });
    await say(chat, jobIdOf('draft', draft.id, 'ask-summary', cb.callbackId), t.staff.askSummary(SUMMARY_MAX));
  }

  /** ✓/✗ under a suggested report on the card: the same rules as on the dashboard, told in the chat. */
  async function settleSuggestion(
    action: Extract<CallbackAction, { kind: 'report-confirm' | 'report-detach' }>,
    staff: StaffRow,
    chat: ChatRow,
    cb: InboundCallback,
  ): Promise<void> {
    const key = jobIdOf(action.kind, action.reportId, cb.callbackId);
    const ticket = formatTicket(action.reportId);
    try {
      if (action.kind === 'report-confirm') {
        const done = await parts.suggestions.confirm(action.reportId, actorOf(staff));
        return void (await say(chat, key, t.staff.reportConfirmed(ticket, done.claimId, done.answered > 0)));
      }
      const done = await parts.suggestions.detach(action.reportId, actorOf(staff));
      return void (await say(chat, key, t.staff.reportDetached(ticket, done.from, done.claimId)));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND') return refuse('report outside staff region', cb, { staffId: staff.id, reportId: action.reportId });
      // A second tap, or a tap on an old card: say why nothing happened.
      await say(chat, key, t.staff.reportUnchanged(ticket));
    }
  }

  async function mergeInto(
    request: { id: number; claimId: number },
    text: string,
    staff: StaffRow,
    chat: ChatRow,
    messageId: string,
  ): Promise<void> {
    const key = (step: string) => jobIdOf('merge', request.id, step, messageId);
    const target = Number(/#?\s*(\d{1,9})/.exec(text)?.[1]);
    try {
      await parts.merges.merge({ from: request.claimId, into: target, actor: actorOf(staff) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The request stays open: the moderator can answer with another number.
      await ask(chat, key('bad'), t.staff.badMergeTarget);
      return;
    }
    await deps.repos.claimMerge.close(request.id, 'done');
    await say(chat, key('done'), t.staff.merged(request.claimId, target));
  }

  return {
    /** Tap on a button. Only tokens we issued, for this chat, pressed by someone allowed, do anything. */
    async handleCallback(cb: InboundCallback): Promise<void> {
      const token = await moderation.findToken(cb.data);
      if (!token) return refuse('unknown callback token', cb);
      const { chat, resident } = await parts.identity.resolve({ platform: cb.platform, chat: cb.chat, sender: cb.sender });
      if (token.chatId !== null && token.chatId !== chat.id) return refuse('token used in another chat', cb);
      // Buttons issued before the picker had its own kinds are read as its "pick".
      const action: CallbackAction = token.action.kind === 'pick-desa' ? { kind: 'region-pick', purpose: 'desa', residentId: token.action.residentId, code: token.action.code } : token.action;
      if (isRegionAction(action)) {
        const reply = await parts.picker.tap(action, { cb, resident, chat });
        if (reply === 'refused') return refuse('region choice not for this user', cb);
        return void (await say(chat, jobIdOf('region', cb.callbackId), reply.text, reply.buttons));
      }
      if (action.kind === 'feedback') {
        // A resident's 👍/👎: the token is bound to their chat (above) and names them; anyone else is refused.
        const outcome = await parts.feedback.tap(action, resident.id);
        if (outcome === 'refused') return refuse('feedback not for this resident', cb);
        return void (await say(chat, jobIdOf('feedback', cb.callbackId), outcome.text));
      }
      const staff = await parts.staff.byChatUser(cb.platform, cb.sender.id, cb.sender.aliases);
      if (!staff) return refuse('not a linked staff member', cb);
      if (action.kind === 'verdict') return startDraft(action, staff, chat, cb);
      if (action.kind === 'edit-summary') return askSummary(action, staff, chat, cb);
      if (action.kind === 'report-confirm' || action.kind === 'report-detach') return settleSuggestion(action, staff, chat, cb);
      if (action.kind === 'same-as') {
        const claim = await deps.repos.claims.findById(action.claimId);
        if (!claim || !canReviewClaim(actorOf(staff), claim)) return refuse('claim outside staff region', cb, { staffId: staff.id, claimId: action.claimId });
        await deps.repos.claimMerge.request({ claimId: claim.id, staffId: staff.id, chatId: chat.id });
        return void (await ask(chat, jobIdOf('same-as', action.claimId, cb.callbackId), t.staff.askSameAs(action.claimId)));
      }
      return finishDraft(action, staff, chat, cb);
    },

    /** A moderator's message in the chat where they have an open draft is its clarification. */
    async handleStaffText(msg: InboundMessage): Promise<boolean> {
      const text = cleanText(msg.text);
      if (msg.command || !text) return false;
      const staff = await parts.staff.byChatUser(msg.platform, msg.sender.id, msg.sender.aliases);
      if (!staff) return false;
      const chatKey = parts.identity.chatKey(msg.platform, msg.chat.id);
      const chat = await deps.repos.people.findChat(msg.platform, chatKey);
      if (!chat) return false;
      const since = new Date(Date.now() - DRAFT_TTL_MS);
      const merge = await deps.repos.claimMerge.pending(staff.id, chat.id, since);
      if (merge) return mergeInto(merge, text, staff, chat, msg.messageId).then(() => true);
      const draft = await moderation.pendingDraft(staff.id, chat.id, since);
      if (!draft) return false;
      const key = (step: string) => jobIdOf('draft', draft.id, step, msg.messageId);
      if (draft.state === 'awaiting_summary') {
        if (text.length > SUMMARY_MAX) return say(chat, key('summary-long'), t.staff.summaryTooLong(text.length, SUMMARY_MAX)).then(() => true);
        await moderation.updateDraft(draft.id, { summary: text, state: 'awaiting_confirm' });
        await sendPreview({ ...draft, summary: text }, staff, chat, key('preview'));
        return true;
      }
      const source = URL_RE.exec(text)?.[0];
      if (!source) return ask(chat, key('nosource'), t.staff.needSource).then(() => true);
      const clarification = text.replace(source, '').replace(/\s+\n/g, '\n').trim();
      if (clarification.length > 700) return ask(chat, key('long'), t.staff.tooLong(clarification.length)).then(() => true);
      if (!clarification) return ask(chat, key('empty'), t.staff.needSource).then(() => true);
      await moderation.updateDraft(draft.id, { clarification, source, state: 'awaiting_confirm' });
      await sendPreview({ ...draft, clarification, source }, staff, chat, key('preview'));
      return true;
    },

    async masuk(msg: InboundMessage, args: string): Promise<string> {
      if (!args) return t.staff.masukUsage;
      const code = normalizeLinkCode(args);
      // Attempts, not only failures, are counted: per person and per code prefix (many chats guessing
      // around one code). The flood gate fails open during a Redis outage; 64-bit codes stay unguessable.
      if (deps.flood) {
        const window = deps.config.flood.windowSec;
        const byPerson = await deps.flood.hit(`masuk:user:${parts.staff.userKey(msg.platform, msg.sender.id)}`, window);
        const byCode = await deps.flood.hit(`masuk:code:${linkCodeHash(deps.secrets.pseudonymSecret, code.slice(0, 8)).slice(0, 16)}`, window);
        if (byPerson > MASUK_ATTEMPTS || byCode > MASUK_ATTEMPTS) {
          // One audit row when a limit is crossed, not one per further attempt.
          if (byPerson === MASUK_ATTEMPTS + 1 || byCode === MASUK_ATTEMPTS + 1) {
            await deps.repos.audit.record({ actor: `${msg.platform}-user`, action: 'staff.link_limited', data: { by: byPerson > MASUK_ATTEMPTS ? 'person' : 'code' } });
          }
          return t.staff.masukTooMany;
        }
      }
      const staff = await parts.staff.linkWithCode(msg.platform, msg.sender.id, code, msg.sender.aliases);
      return staff ? t.staff.linked(staff.name, (await parts.names.label(staff.regionCode)) ?? staff.regionCode) : t.staff.badCode;
    },

    async moderasi(msg: InboundMessage, chat: ChatRow): Promise<string> {
      if (msg.chat.kind !== 'group') return t.staff.moderasiGroupOnly;
      const staff = await parts.staff.byChatUser(msg.platform, msg.sender.id, msg.sender.aliases);
      if (!staff) return t.staff.notStaff;
      await moderation.setModeratorChat({ platform: msg.platform, chatId: chat.id, regionCode: staff.regionCode, linkedBy: staff.id });
      await deps.repos.audit.record({ actor: `staff:${staff.id}`, action: 'moderator_chat.set', subject: `chat:${chat.id}`, data: { region: staff.regionCode } });
      // The claims already waiting in this region get their cards now, not at the next reconcile pass.
      const open = await deps.repos.claimReview.openFor(staff.regionCode);
      // A moment's delay lets this reply arrive before the cards.
      for (const claimId of open) await deps.producers.review(claimId, `moderasi-${chat.id}`, { debounceMs: 1_000 });
      return t.staff.moderasiSet((await parts.names.label(staff.regionCode)) ?? staff.regionCode, open.length);
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
