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
import type { RegionNames } from './region-names.service.js';

/** Suggested reports listed on a card, each with its own ✓/✗ row; the rest are on the dashboard. */
const CARD_SUGGESTIONS = 3;
/** Files posted with a new card (the rest are on the dashboard's claim page). */
const CARD_MEDIA = 2;
const CARD_AFTER_PICTURE_MS = 1_500;

/**
 * New claims go to the moderators' chat of the reporter's desa, else kecamatan, else kabupaten, as one
 * card that later reports edit. Unreviewed claims climb one level after the SLA; a fast-spreading one
 * alerts its kabupaten's Diskominfo.
 */
export function createRoutingService(deps: ServiceDeps, parts: { outbox: Outbox; catalog: ClaimCatalog; nlp: Nlp; cards: CardEditor; names: RegionNames }) {
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
    // Back in review with a verdict in force: residents said its answer did not help (feedback.service).
    const reopened = verdict !== undefined && !claim.mergedIntoId && claim.status === 'in_review';
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
      scoreBand: claim.scoreBand,
      signals: claim.signals,
      scamCandidate: claim.scamCandidate,
      similar: similar
        .filter((c) => c.id !== String(claim.id))
        .map((c) => ({ claimId: Number(c.id), similarity: c.similarity, verdict: parts.catalog.meta(c.id)?.verdict ?? null })),
      verdict: verdict ? { verdict: verdict.verdict, kind: verdict.kind } : null,
      region: await parts.names.label(claim.regionCode, { short: true }),
      escalatedFrom: escalatedFrom ? await parts.names.label(escalatedFrom, { short: true }) : null,
      mergedInto: claim.mergedIntoId,
      feedbackNote: reopened && verdict ? t.feedbackCardNote((await deps.repos.feedback.countsForVerdict(verdict.id)).unhelpful) : null,
    });
    // A re-opened claim gets its verdict buttons back, even under an official verdict (Diskominfo may replace it).
    return { text, official: verdict?.kind === 'official' && !reopened, suggestions, decided: verdict?.verdict ?? null };
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

  /**
   * The pictures (and videos, voice notes) residents forwarded for a claim go to the moderators' chat just
   * before its card, each once (ledger key per chat and file), as the same re-encoded, EXIF-free copy the
   * dashboard shows.
   */
  async function postClaimMedia(claimId: number, chat: ModeratorChatRow): Promise<boolean> {
    const objects = (await deps.repos.media.ofClaim(claimId)).slice(0, CARD_MEDIA);
    for (const object of objects) {
      await parts.outbox.send({
        key: `card-media-c${claimId}-m${chat.id}-o${object.id}`,
        platform: chat.platform as Platform,
        chatId: chat.chatId,
        purpose: 'card-media',
        body: object.phash !== null ? t.media.cardPhoto(claimId) : t.media.cardFile(claimId),
        mediaId: object.id,
      });
    }
    return objects.length > 0;
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
      const withPictures = await postClaimMedia(claim.id, chat);
      const row = await parts.outbox.stage({ key, platform: chat.platform as Platform, chatId: chat.chatId, purpose: 'card', body: text, ...(buttons ? { buttons } : {}) });
      // The card follows its pictures: a moment's delay keeps it under them in the chat.
      if (row.state === 'queued') await deps.producers.outbound({ outboundId: row.id, key }, withPictures ? CARD_AFTER_PICTURE_MS : undefined);
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

  /** An open claim of residents' reports (not an imported one) that has no region: its reporter set no desa. */
  const fromUnknownDesa = (claim: ClaimRow): boolean =>
    Boolean(deps.config.homeRegion) && !claim.externalId && !claim.mergedIntoId && (claim.status === 'new' || claim.status === 'in_review');

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
      } else if (!claim.routedRegion && !claim.regionCode && fromUnknownDesa(claim)) {
        // Nobody is left unrouted: a reporter without a desa reaches the home region's moderators and
        // Diskominfo (routed there even before they have a chat, so their dashboard lists it).
        const home = deps.config.homeRegion!;
        const chat = await firstChatOnLadder(reviewLadder(home));
        const to = chat?.regionCode ?? home;
        await deps.repos.claimReview.setRouting(claim.id, to, now());
        claim = { ...claim, routedRegion: to };
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
