import type { ServiceDeps } from './deps.js';
import { jobIdOf } from '../queues/queues.js';

/**
 * Postgres is the source of truth, Redis only the conveyor: after a crash or a lost Redis, every
 * report without a final state and every queued message is put back on its queue. Job ids are the
 * same as the first time, so work still in Redis is not doubled.
 */
export function createReconciler(deps: Pick<ServiceDeps, 'repos' | 'producers' | 'logger'>) {
  return {
    async run(graceMs = 0): Promise<{ reports: number; outbound: number; claims: number }> {
      const before = new Date(Date.now() - graceMs);
      const reports = await deps.repos.reports.listUnanalyzed(before);
      for (const r of reports) {
        await deps.producers.inbound({ reportId: r.id }, jobIdOf(r.dedupeKey));
      }
      const queued = await deps.repos.outbound.listQueued();
      for (const row of queued) {
        if (row.createdAt > before) continue;
        await deps.producers.outbound({ outboundId: row.id, key: row.idempotencyKey });
      }
      // A claim routes when its review job runs; re-running it is harmless (it renders the current state).
      const unrouted = await deps.repos.claimReview.withoutCard(before, new Date(Date.now() - 7 * 86_400_000));
      for (const id of unrouted) await deps.producers.review(id, 'reconcile');
      const counts = { reports: reports.length, outbound: queued.length, claims: unrouted.length };
      if (counts.reports || counts.outbound || counts.claims) deps.logger.info(counts, 'reconciler re-enqueued unfinished work');
      return counts;
    },
  };
}
