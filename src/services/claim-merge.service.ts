import { canReviewClaim, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { VerdictService } from './verdict.service.js';

export interface MergeResult {
  from: number;
  into: number;
  /** Reports that now belong to `into`. */
  moved: number;
  /** Residents newly told the verdict of `into` (it had one). */
  answered: number;
}

/**
 * "These two claims are the same": every report of `from` moves to `into`, `from` is closed and points at it.
 * Shared by the moderators' chat and the dashboard so both refuse the same things. Both rows are locked in
 * id order, so two moderators merging A→B and B→A at once cannot make a cycle: the second one sees the first.
 */
export function createClaimMergeService(deps: ServiceDeps, parts: { outbox: Outbox; verdicts: VerdictService }) {
  return {
    async merge(input: { from: number; into: number; actor: Actor }): Promise<MergeResult> {
      const { from, into, actor } = input;
      if (!Number.isSafeInteger(into) || into <= 0) throw new AppError('VALIDATION_FAILED', 'give the number of the other claim');
      if (from === into) throw new AppError('VALIDATION_FAILED', 'a claim cannot be merged into itself');
      const result = await deps.db.transaction(async (tx) => {
        const [first, second] = from < into ? [from, into] : [into, from];
        const a = await deps.repos.claims.lockById(first, tx);
        const b = await deps.repos.claims.lockById(second, tx);
        const source = from < into ? a : b;
        const target = from < into ? b : a;
        if (!source || !target) throw new AppError('NOT_FOUND', `claim ${source ? into : from} not found`);
        // A claim outside the region is answered like a missing one: a 403 would confirm it exists.
        if (!canReviewClaim(actor, source)) throw new AppError('NOT_FOUND', `claim ${from} not found`);
        if (!canReviewClaim(actor, target)) throw new AppError('NOT_FOUND', `claim ${into} not found`);
        if (source.mergedIntoId) throw new AppError('CONFLICT', `claim ${from} is already merged into claim ${source.mergedIntoId}`);
        if (target.mergedIntoId) throw new AppError('CONFLICT', `claim ${into} is merged into claim ${target.mergedIntoId}; merge into that one`);
        const moved = await deps.repos.claimMerge.merge(from, into, tx);
        await deps.repos.audit.record({ actor: `staff:${actor.id}`, action: 'claim.merge', subject: `claim:${from}`, data: { into, reports: moved } }, tx);
        const staged = await parts.verdicts.answerNewReporters(into, tx);
        return { moved, staged };
      });
      await parts.outbox.dispatch(result.staged);
      // Both cards change: one shows "digabung", the other the added reports.
      await deps.producers.review(from, `merged${into}`);
      await deps.producers.review(into, `merge${from}`);
      return { from, into, moved: result.moved, answered: result.staged.filter((r) => r.state === 'queued').length };
    },
  };
}

export type ClaimMergeService = ReturnType<typeof createClaimMergeService>;
