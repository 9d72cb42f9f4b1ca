import { reviewLadder } from '../domain/access.js';
import { renderClaimCard, CARD_BUTTONS, suggestionButtons } from '../domain/claim-card.js';
import { safeQuote } from '../domain/safe-quote.js';
import { id as t } from '../domain/messages/id.js';
import type { ClaimRow, ModeratorChatRow, OutboundButton } from '../db/schema/index.js';
import type { Platform } from '../domain/inbound.js';
import { analyzeText, type Nlp } from '../nlp/index.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { ClaimCatalog } from './claim-catalog.js';
import type { CardEditor } from './card-editor.service.js';
import type { CallbackAction } from '../db/repositories/moderation.repository.js';
import { formatTicket } from '../domain/ticket.js';
import { VERDICT_LABELS, type VerdictCode } from '../domain/verdict.js';

/** Suggested reports listed on a card, each with its own ✓/✗ row; the rest are on the dashboard. */
const CARD_SUGGESTIONS = 3;

/**
 * New claims go to the moderators' chat of the reporter's desa, else kecamatan, else kabupaten, as one
 * card that later reports edit. Unreviewed claims climb one level after the SLA; a fast-spreading one
 * alerts its kabupaten's Diskominfo.
 */
export function createRoutingService(deps: ServiceDeps, parts: { outbox: Outbox; catalog: ClaimCatalog; nlp: Nlp; cards: CardEditor }) {
  const now = () => deps.now?.() ?? new Date();
  const log = deps.logger.child({ svc: 'routing' });
  const { moderation } = deps.repos;

  async function firstChatOnLadder(codes: string[]): Promise<ModeratorChatRow | undefined> {
    const found = await moderation.moderatorChatsFor(codes);
    for (const code of codes) {
      const hit = found.find((c) => c.regionCode === code);
      if (hit) return hit;
    }
    return undefined;
  }

  const suggestionRow = (reportId: number): Array<{ text: string; action: CallbackAction }> =>
    suggestionButtons(formatTicket(reportId)).map((b) => ({ text: b.text, action: { kind: b.kind, reportId } }));

  /**
   * Verdict buttons (until an official verdict is in force), then a ✓/✗ row per listed suggested report (until the
   * claim is merged away): a moderator on a phone settles suggestions without the dashboard.
   */
  async function buttonsFor(claim: ClaimRow, chatId: number, official: boolean, suggestions: number[]): Promise<OutboundButton[][] | null> {
    if (claim.mergedIntoId) return null;
    const rows: Array<Array<{ text: string; action: CallbackAction }>> = official
      ? []
      : CARD_BUTTONS.map((row) =>
          row.map((b) => ({
            text: b.text,
            action: b.verdict === 'same-as' ? ({ kind: 'same-as', claimId: claim.id } as const) : ({ kind: 'verdict', claimId: claim.id, verdict: b.verdict } as const),
          })),
        );
    for (const reportId of suggestions) rows.push(suggestionRow(reportId));
    if (rows.length === 0) return null;
    const tokens = await moderation.stableTokens(rows.flat().map((b) => b.action), chatId, deps.secrets.pseudonymSecret);
    let i = 0;
    return rows.map((row) => row.map((b) => ({ text: b.text, data: tokens[i++]! })));
  }

  async function render(
    claim: ClaimRow,
    escalatedFrom: string | null,
  ): Promise<{ text: string; official: boolean; suggestions: Array<{ id: number; excerpt: string }>; decided: VerdictCode | null }> {
    const stats = await deps.repos.claimReview.stats(claim.id, now());
    const suggested = stats.suggested > 0 && !claim.mergedIntoId ? await deps.repos.reports.suggestedFor(claim.id, CARD_SUGGESTIONS) : [];
    const suggestions = suggested.map((r) => ({ id: r.id, excerpt: (r.rawText ?? `(${r.mediaKind ?? 'tanpa teks'})`).replace(/\s+/g, ' ').trim() }));
    const verdict = await deps.repos.claims.currentVerdict(claim.id);
    const similar = claim.text && claim.text !== t.erasedClaimText ? analyzeText(parts.nlp, parts.catalog.index, claim.text).candidates : [];
    const text = renderClaimCard({
      claimId: claim.id,
      text: claim.text || '(foto/dokumen tanpa keterangan)',
      reportCount: stats.reportCount,
      desaCount: stats.desaCount,
      suggested: stats.suggested,
      suggestions: suggestions.map((r) => ({ ticket: formatTicket(r.id), excerpt: r.excerpt })),
      dashboardUrl: deps.config.http.publicUrl ? `${deps.config.http.publicUrl.replace(/\/$/, '')}/dashboard/claims/${claim.id}` : null,
      score: claim.score,
      signals: claim.signals,
      scamCandidate: claim.scamCandidate,
      similar: similar
        .filter((c) => c.id !== String(claim.id))
        .map((c) => ({ claimId: Number(c.id), similarity: c.similarity, verdict: parts.catalog.meta(c.id)?.verdict ?? null })),
      verdict: verdict ? { verdict: verdict.verdict, kind: verdict.kind } : null,
      escalatedFrom,
      mergedInto: claim.mergedIntoId,
    });
    return { text, official: verdict?.kind === 'official', suggestions, decided: verdict?.verdict ?? null };
  }

  /**
   * A report only suggested for a claim that is already decided waits for a moderator, but the edit of an old
   * card notifies no one: each such report is also posted once as a message of its own with its ✓/✗ buttons.
   */
  async function askAboutLateSuggestions(claim: ClaimRow, chat: ModeratorChatRow, decided: VerdictCode, suggestions: Array<{ id: number; excerpt: string }>) {
    for (const s of suggestions) {
      const ticket = formatTicket(s.id);
      const row = suggestionRow(s.id);
      const tokens = await moderation.stableTokens(
        row.map((b) => b.action),
        chat.chatId,
        deps.secrets.pseudonymSecret,
      );
      await parts.outbox.send({
        key: `suggest-c${claim.id}-r${s.id}-m${chat.id}`,
        platform: chat.platform as Platform,
        chatId: chat.chatId,
        purpose: 'moderation',
        body: t.staff.lateSuggestion(ticket, claim.id, VERDICT_LABELS[decided], safeQuote(s.excerpt, 600)),
        buttons: [row.map((b, i) => ({ text: b.text, data: tokens[i]! }))],
      });
    }
  }

  /** Post the card if this chat has none, else bring the existing card up to date. */
  async function showCard(claim: ClaimRow, chat: ModeratorChatRow, escalatedFrom: string | null): Promise<void> {
    const { text, official, suggestions, decided } = await render(claim, escalatedFrom);
    const cards = await moderation.cardsOf(claim.id);
    const card = cards.find((c) => c.moderatorChatId === chat.id);
    const buttons = await buttonsFor(claim, chat.chatId, official, suggestions.map((x) => x.id));
    if (card && decided) await askAboutLateSuggestions(claim, chat, decided, suggestions);
    if (!card) {
      const key = `card-c${claim.id}-m${chat.id}`;
      const created = await moderation.insertCard({ claimId: claim.id, moderatorChatId: chat.id, regionCode: chat.regionCode, outboundKey: key });
      if (!created) return showCard(claim, chat, escalatedFrom);
      await parts.outbox.send({ key, platform: chat.platform as Platform, chatId: chat.chatId, purpose: 'card', body: text, ...(buttons ? { buttons } : {}) });
      return;
    }
    if (await deps.repos.outbound.updateQueued(card.outboundKey, { body: text, buttons })) return;
    const sent = await deps.repos.outbound.findByKey(card.outboundKey);
    const messageId = card.platformMessageId ?? sent?.platformMessageId;
    if (!messageId) return;
    await parts.cards.edit(card, chat, messageId, { text, buttons });
  }

  /** One chat's trouble (its database rows, its platform) never keeps the claim from the other chats. */
  async function showCardContained(claim: ClaimRow, chat: ModeratorChatRow, escalatedFrom: string | null): Promise<boolean> {
    try {
      await showCard(claim, chat, escalatedFrom);
      return true;
    } catch (err) {
      log.error({ claimId: claim.id, moderatorChatId: chat.id, err: err instanceof Error ? err.message : String(err) }, 'showing a card failed');
      return false;
    }
  }

  async function alertSpike(claim: ClaimRow): Promise<void> {
    if (!claim.regionCode || claim.spikeAlertedAt) return;
    const stats = await deps.repos.claimReview.stats(claim.id, now());
    if (stats.lastHourReports < deps.config.spike.minReports || stats.lastHourDesa < deps.config.spike.minDesa) return;
    const kabupaten = claim.regionCode.split('.').slice(0, 2).join('.');
    const [chat] = await moderation.moderatorChatsFor([kabupaten]);
    if (!chat || !(await deps.repos.claimReview.markSpikeAlerted(claim.id, now()))) return;
    await parts.outbox.send({
      key: `spike-c${claim.id}`,
      platform: chat.platform as Platform,
      chatId: chat.chatId,
      purpose: 'spike-alert',
      body: t.spikeAlert(claim.id, stats.lastHourReports, stats.lastHourDesa, safeQuote(claim.text, 300)),
    });
    await deps.repos.audit.record({ actor: 'system', action: 'claim.spike', subject: `claim:${claim.id}`, data: { ...stats } });
  }

  return {
    async routeClaim(claimId: number): Promise<void> {
      let claim = await deps.repos.claims.findById(claimId);
      if (!claim) return;
      if (!claim.routedRegion && claim.regionCode) {
        const chat = await firstChatOnLadder(reviewLadder(claim.regionCode));
        if (chat) {
          await deps.repos.claimReview.setRouting(claim.id, chat.regionCode, now());
          claim = { ...claim, routedRegion: chat.regionCode };
        } else {
          log.info({ claimId }, 'no moderators chat on the region ladder; claim stays on the dashboard');
        }
      }
      const cards = await moderation.cardsOf(claim.id);
      const chats = new Map<number, ModeratorChatRow>();
      for (const card of cards) {
        const chat = await moderation.moderatorChatById(card.moderatorChatId);
        if (chat) chats.set(chat.id, chat);
      }
      if (claim.routedRegion) {
        const [routed] = await moderation.moderatorChatsFor([claim.routedRegion]);
        if (routed) chats.set(routed.id, routed);
      }
      // The card in the chat a claim climbed to keeps saying so on every re-render.
      let failed = 0;
      for (const chat of chats.values()) {
        if (!(await showCardContained(claim, chat, chat.regionCode === claim.routedRegion ? claim.escalatedFrom : null))) failed++;
      }
      await alertSpike(claim);
      // Rethrown only after every chat and the alert had their turn: the job is retried for the chat that failed.
      if (failed > 0) throw new Error(`cards of claim ${claim.id} failed in ${failed} chat(s)`);
    },

    /** The SLA sweep: every unreviewed claim past its deadline climbs to the next level that has moderators. */
    async escalateOverdue(): Promise<number> {
      const at = now();
      const overdue = await deps.repos.claimReview.overdue(new Date(at.getTime() - deps.config.reviewSlaHours * 3600_000));
      let moved = 0;
      for (const claim of overdue) {
        const from = claim.routedRegion!;
        const higher = reviewLadder(from).slice(1);
        const chat = await firstChatOnLadder(higher);
        if (!chat) continue;
        await deps.repos.claimReview.setRouting(claim.id, chat.regionCode, at, from);
        await deps.repos.audit.record({ actor: 'system', action: 'claim.escalate', subject: `claim:${claim.id}`, data: { from, to: chat.regionCode } });
        if (await showCardContained({ ...claim, routedRegion: chat.regionCode }, chat, from)) moved++;
      }
      return moved;
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
