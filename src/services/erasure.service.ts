import type { DbOrTx } from '../db/client.js';
import type { ClaimRow, OutboundRow, ReportRow, VerdictRow } from '../db/schema/index.js';
import type { TextTraces } from '../db/repositories/erasure.repository.js';
import { basicNormalize } from '../domain/conversation.js';
import { broadcastBodyFor } from './broadcast-body.js';
import type { AnswerExtrasService } from './answer-extras.js';
import { id as t, type Messages } from '../domain/messages/id.js';
import type { Platform } from '../domain/inbound.js';
import { personalDataTokens } from '../domain/safe-quote.js';
import type { ServiceDeps } from './deps.js';

/**
 * Called inside the erasure transaction for every report whose text goes (the report and the fragments
 * folded into it): whatever else holds a copy of the report — its pictures — is removed here.
 */
export type ReportErasedHook = (report: ReportRow, tx: DbOrTx) => Promise<void>;

/** What erasure works with besides the deps: the broadcasts' share line, and what else goes with a report. */
export interface ErasureParts {
  extras: Pick<AnswerExtrasService, 'shareLine'>;
  onReportErased?: ReportErasedHook[];
}

export interface ErasureResult {
  /** The report and its folded fragments. */
  reports: number;
  /** Claims whose text came from them and was replaced. */
  claims: number;
  ledger: number;
  audit: number;
}

/** How much of a text's opening is looked for in the ledger and audit log. */
const TRACE_WORDS = 48;

function tracesOf(texts: string[]): TextTraces {
  const digits = new Set<string>();
  const words = new Set<string>();
  for (const text of texts) {
    for (const token of personalDataTokens(text)) if (/^\d+$/.test(token)) digits.add(token);
    const opening = text.replace(/\s+/g, ' ').trim().slice(0, TRACE_WORDS);
    if (opening.length >= 24) words.add(opening);
  }
  return { digits: [...digits], words: [...words] };
}

/**
 * Erasure of a report's text everywhere Saring put it (UU PDP: the right to erasure, and storage limited
 * in time). One function for `/hapus` and the retention purge:
 * - the report and its folded fragments lose their texts (erasure also tombstones them);
 * - a claim whose text came from them takes the next remaining report's text, else the summary a moderator
 *   approved, else a neutral placeholder;
 * - ledger rows that carried the text keep only their delivery facts; queued ones are re-rendered (cards,
 *   broadcasts) or withdrawn; the audit log loses any data holding it;
 * - the moderators' cards are re-rendered through the review queue, which edits the message already sent;
 * - `onReportErased` hooks remove what else belongs to the report (pictures: src/media registers here).
 */
export function createErasureService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'producers' | 'logger'>, parts: ErasureParts) {
  const { erasure } = deps.repos;
  const log = deps.logger.child({ svc: 'erasure' });
  // Taken apart here: below, `parts` are a report's folded fragments.
  const { extras, onReportErased = [] } = parts;

  /** The text a claim keeps when the report it came from is gone. */
  async function replaceClaimText(claim: ClaimRow, gone: number[], tx: DbOrTx): Promise<string> {
    const next = await erasure.nextTextOf(claim.id, gone, tx);
    if (next?.rawText) {
      await erasure.replaceClaimText(
        claim.id,
        { text: next.rawText, basicText: next.basicText ?? basicNormalize(next.rawText), normalizedText: next.normalizedText, sourceReportId: next.id },
        tx,
      );
      return next.rawText;
    }
    const text = claim.summary ?? t.erasedClaimText;
    await erasure.replaceClaimText(claim.id, { text, basicText: claim.summary ? basicNormalize(claim.summary) : '', normalizedText: null, sourceReportId: null }, tx);
    return text;
  }

  /** Sent rows keep their delivery facts; queued ones are brought up to date or withdrawn. */
  async function scrubLedger(
    rows: OutboundRow[],
    ctx: { reportIds: number[]; changed: Map<number, string>; sourced: Map<number, ClaimRow>; claimIds: number[] },
    tx: DbOrTx,
  ) {
    const drafts = new Set(await erasure.draftIdsOf(ctx.claimIds, tx));
    const broadcastClaim = await erasure.broadcastClaims([...new Set(rows.map((r) => r.broadcastId).filter((b): b is number => b !== null))], tx);
    // The queued deliveries re-rendered below (row → claim), and their places in their broadcasts' fan-outs.
    const rerendered = new Map<number, number>();
    for (const row of rows) {
      const claimId = row.broadcastId !== null ? broadcastClaim.get(row.broadcastId) : undefined;
      if (row.state === 'queued' && claimId !== undefined && ctx.changed.has(claimId)) rerendered.set(row.id, claimId);
    }
    const places = await deps.repos.broadcasts.fanOutPlaces([...rerendered.keys()], tx);
    // Every delivery of a broadcast quotes the same claim: its verdict is read once, the claim is the one locked
    // by eraseTexts (its summary and id, all the share line needs, do not change here).
    const verdicts = new Map<number, VerdictRow | undefined>();
    for (const claimId of new Set(rerendered.values())) verdicts.set(claimId, await deps.repos.claims.currentVerdict(claimId, tx));
    const blank: number[] = [];
    const withdraw: number[] = [];
    const cardsOf = new Set<number>();
    for (const row of rows) {
      const card = /^card-c(\d+)-m/.exec(row.idempotencyKey);
      if (card) cardsOf.add(Number(card[1]));
      if (row.state !== 'queued') {
        if (row.body !== '') blank.push(row.id);
        continue;
      }
      // A queued card is re-rendered by the review job below.
      if (card) continue;
      const bcClaim = row.broadcastId !== null ? broadcastClaim.get(row.broadcastId) : undefined;
      if (bcClaim !== undefined) {
        const verdict = verdicts.get(bcClaim);
        const claim = ctx.sourced.get(bcClaim);
        if (verdict && claim) {
          // A subscriber who chose English (/bahasa en) keeps reading the broadcast's frame in English.
          const chat = await deps.repos.people.findChatById(row.chatId, tx);
          const reader = chat?.kind === 'private' && chat.residentId ? await deps.repos.people.findResidentById(chat.residentId, tx) : undefined;
          // Composed as at the start (link, WhatsApp wording), with the target's place in the fan-out the start
          // gave it: the same greeting and closing as staged, so neighbouring WhatsApp groups still differ.
          const content = { broadcastId: row.broadcastId!, verdict, quoted: ctx.changed.get(bcClaim)!, shareLine: (t: Messages) => extras.shareLine(claim, verdict, t) };
          const variant = places.get(row.id)!;
          await erasure.setQueuedBody(row.id, broadcastBodyFor(content, { platform: row.platform as Platform, lang: reader?.lang, variant }), tx);
        }
        continue;
      }
      const draft = /^draft-(\d+)-/.exec(row.idempotencyKey);
      const suggest = /^suggest-c\d+-r(\d+)-m/.exec(row.idempotencyKey);
      const about =
        (row.reportId !== null && ctx.reportIds.includes(row.reportId)) ||
        (suggest !== null && ctx.reportIds.includes(Number(suggest[1]))) ||
        (draft !== null && drafts.has(Number(draft[1]))) ||
        ctx.claimIds.some((c) => row.idempotencyKey === `spike-c${c}`);
      if (about) withdraw.push(row.id);
    }
    await erasure.blankBodies(blank, tx);
    await erasure.withdraw(withdraw, tx);
    return { scrubbed: blank.length + withdraw.length, cardsOf };
  }

  async function eraseTexts(reportId: number, mode: 'erase' | 'purge', tx: DbOrTx): Promise<{ result: ErasureResult; rerender: number[] } | null> {
    const parts = await erasure.lockWithParts(reportId, tx);
    const report = parts.find((p) => p.id === reportId);
    if (!report || (mode === 'erase' && report.status === 'deleted')) return null;
    const ids = parts.map((p) => p.id);
    const texts = parts.flatMap((p) => [p.rawText, p.basicText]).filter((x): x is string => Boolean(x));
    const sourced = await erasure.claimsTextFrom(parts, tx);

    await erasure.clearTexts(ids, mode === 'erase', tx);
    if (mode === 'erase' && report.claimId) await deps.repos.claims.forgetReport(report.claimId, tx);
    // A confirmed report is an alias of its claim in the matching indexes: touching the claim makes every
    // process read its aliases again, now without this text.
    for (const claimId of new Set(parts.filter((p) => p.matchLevel === 'confirmed' && p.claimId !== null).map((p) => p.claimId as number))) {
      await deps.repos.claims.touch(claimId, tx);
    }

    const changed = new Map<number, string>();
    for (const claim of sourced) changed.set(claim.id, await replaceClaimText(claim, ids, tx));
    const claimIds = [...new Set([...changed.keys(), ...parts.map((p) => p.claimId).filter((c): c is number => c !== null)])];

    const traces = tracesOf(texts);
    const rows = await erasure.ledgerRowsQuoting({ reportIds: ids, claimIds, traces }, tx);
    // The new claim texts are what queued broadcasts now quote (the approved summary first, as at the start).
    const quoted = new Map<number, string>();
    const sourcedById = new Map(sourced.map((c) => [c.id, c]));
    for (const [id, text] of changed) quoted.set(id, sourcedById.get(id)?.summary ?? text);
    const ledger = await scrubLedger(rows, { reportIds: ids, changed: quoted, sourced: sourcedById, claimIds }, tx);
    const audit = await erasure.scrubAudit(traces, tx);
    for (const part of parts) for (const hook of onReportErased) await hook(part, tx);

    return {
      result: { reports: ids.length, claims: changed.size, ledger: ledger.scrubbed, audit },
      rerender: [...new Set([...claimIds, ...ledger.cardsOf])],
    };
  }

  /** Moderators' cards show the claim again without the text: the review job edits the card already sent. */
  async function rerenderCards(claimIds: number[], version: string): Promise<void> {
    for (const claimId of claimIds) {
      // Only cards that exist are edited; erasure never posts a new card.
      if ((await deps.repos.moderation.cardsOf(claimId)).length === 0) continue;
      await deps.producers.review(claimId, version).catch((err: unknown) => log.warn({ claimId, err: String(err) }, 'card re-render not queued; the next change re-renders it'));
    }
  }

  return {
    /** A resident's `/hapus`: the report is tombstoned and its text goes everywhere. Null when there is nothing to erase. */
    async eraseReport(reportId: number, actor: string): Promise<ErasureResult | null> {
      const done = await deps.db.transaction(async (tx) => {
        const erased = await eraseTexts(reportId, 'erase', tx);
        if (erased) await deps.repos.audit.record({ actor, action: 'report.erase', subject: `report:${reportId}`, data: { ...erased.result } }, tx);
        return erased;
      });
      if (!done) return null;
      await rerenderCards(done.rerender, `erase-${reportId}`);
      return done.result;
    },

    /** The retention purge: texts of decided reports received before `before` go the same way; counts stay. */
    async purgeReports(before: Date): Promise<{ reports: number; claims: number }> {
      const run = `purge-${Date.now()}`;
      const rerender = new Set<number>();
      let reports = 0;
      let claims = 0;
      const seen = new Set<number>();
      for (;;) {
        const batch = (await erasure.purgeable(before, 200)).filter((id) => !seen.has(id));
        if (batch.length === 0) break;
        for (const id of batch) {
          seen.add(id);
          const done = await deps.db.transaction((tx) => eraseTexts(id, 'purge', tx));
          if (!done) continue;
          reports += done.result.reports;
          claims += done.result.claims;
          for (const c of done.rerender) rerender.add(c);
        }
      }
      await rerenderCards([...rerender], run);
      return { reports, claims };
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
