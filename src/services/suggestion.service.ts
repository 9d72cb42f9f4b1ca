import { canReviewClaim, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { Nlp } from '../nlp/index.js';
import type { DbOrTx } from '../db/client.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { VerdictService } from './verdict.service.js';
import type { ClaimCatalog } from './claim-catalog.js';
import { newClaimOf, reportRegion } from './claim-from-report.js';
import { checkText } from './text-check.js';

/** Match levels a moderator can undo: the matcher placed the report, no one checked it yet or they agreed. */
const DETACHABLE = new Set(['suggest', 'auto', 'confirmed']);

/**
 * A report the matcher only *suggested* for a claim is a moderator's call: confirm it (the resident is told the
 * verdict in force, once) or detach it (it starts a claim of its own, routed like any new claim). Detaching also
 * undoes a wrong automatic match for later verdicts — a resident already told stays told.
 */
export function createSuggestionService(deps: ServiceDeps, parts: { outbox: Outbox; verdicts: VerdictService; catalog: ClaimCatalog; nlp: Nlp }) {
  /** The report and its claim, locked, after the checks both actions share. */
  async function lockPlaced(reportId: number, actor: Actor, tx: DbOrTx) {
    const report = await deps.repos.reports.lockById(reportId, tx);
    if (!report || report.status === 'deleted') throw new AppError('NOT_FOUND', `report ${reportId} not found`);
    const claim = report.claimId ? await deps.repos.claims.lockById(report.claimId, tx) : undefined;
    if (!claim) throw new AppError('CONFLICT', `report ${reportId} has not joined a claim`);
    // Outside the region is answered like a missing report: a 403 would confirm it exists.
    if (!canReviewClaim(actor, claim)) throw new AppError('NOT_FOUND', `report ${reportId} not found`);
    return { report, claim };
  }

  return {
    async confirm(reportId: number, actor: Actor): Promise<{ reportId: number; claimId: number; answered: number }> {
      const result = await deps.db.transaction(async (tx) => {
        const { report, claim } = await lockPlaced(reportId, actor, tx);
        if (report.matchLevel !== 'suggest') throw new AppError('CONFLICT', `report ${reportId} is not a suggested match (it is ${report.matchLevel ?? 'unplaced'})`);
        await deps.repos.reports.setMatchLevel(report.id, 'confirmed', tx);
        // The confirmed wording becomes an alias of the claim in every process's index (read again on touch).
        await deps.repos.claims.touch(claim.id, tx);
        await deps.repos.audit.record({ actor: `staff:${actor.id}`, action: 'report.match_confirmed', subject: `report:${report.id}`, data: { claim: claim.id } }, tx);
        const staged = await parts.verdicts.answerReport(claim.id, report.id, tx);
        return { claimId: claim.id, staged, text: report.rawText };
      });
      if (result.text) parts.catalog.putAlias(result.claimId, reportId, result.text);
      await parts.outbox.dispatch(result.staged);
      await deps.producers.review(result.claimId, `confirm${reportId}`);
      return { reportId, claimId: result.claimId, answered: result.staged.filter((r) => r.state === 'queued').length };
    },

    async detach(reportId: number, actor: Actor): Promise<{ reportId: number; from: number; claimId: number }> {
      const result = await deps.db.transaction(async (tx) => {
        const { report, claim } = await lockPlaced(reportId, actor, tx);
        if (!DETACHABLE.has(report.matchLevel ?? '')) {
          throw new AppError('CONFLICT', `report ${reportId} is the claim's own text (${report.matchLevel ?? 'unplaced'}); nothing to detach`);
        }
        const text = report.rawText ?? '';
        // Scored like a fresh report; its match is ignored, since the moderator just said it is not that claim.
        const check = text ? checkText(parts.nlp, parts.catalog, text, deps.config.match) : null;
        const origin = await deps.repos.people.reportOrigin(report.chatId, report.residentId, tx);
        // Without a region of its own (no desa set), it stays with the moderators who detached it.
        const own = await deps.repos.claims.findOrCreateByHash(newClaimOf(report, check, reportRegion(origin) ?? claim.regionCode), tx);
        if (own.id === claim.id) throw new AppError('CONFLICT', `report ${reportId} has the same text as claim ${claim.id}`);
        const created = own.reportCount === 0;
        await deps.repos.reports.moveToClaim(report.id, own.id, 'detached', tx);
        // A confirmed wording detached again is no alias of that claim any more.
        if (report.matchLevel === 'confirmed') await deps.repos.claims.touch(claim.id, tx);
        await deps.repos.claims.forgetReport(claim.id, tx);
        const counted = await deps.repos.claims.recordReport(own.id, tx);
        await deps.repos.audit.record({ actor: `staff:${actor.id}`, action: 'report.detached', subject: `report:${report.id}`, data: { from: claim.id, to: own.id } }, tx);
        return { from: claim.id, own: counted, created, wasAlias: report.matchLevel === 'confirmed' };
      });
      // A claim that already existed (the same text reported before) is indexed with its verdict already.
      if (result.created) parts.catalog.put({ ...result.own, verdict: null, verdictKind: null });
      if (result.wasAlias) await parts.catalog.refresh();
      await deps.producers.review(result.from, `detached${reportId}`);
      await deps.producers.review(result.own.id, `detach${reportId}`);
      return { reportId, from: result.from, claimId: result.own.id };
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
