import type { ServiceDeps } from './deps.js';
import { jobIdOf } from '../queues/queues.js';

/**
 * Postgres is the source of truth, Redis only the conveyor: after a crash or a lost Redis, every
 * report without a final state and every queued message is put back on its queue. Job ids are the
 * same as the first time, so work still in Redis is not doubled.
 */
export function createReconciler(deps: Pick<ServiceDeps, 'repos' | 'producers' | 'logger' | 'now'>) {
  return {
    async run(graceMs = 0): Promise<{ reports: number; outbound: number; claims: number }> {
      const before = new Date(Date.now() - graceMs);
      // Retry times are on the service's clock (a test moves it through an outage of hours in seconds).
      const dueBy = new Date((deps.now?.() ?? new Date()).getTime() - graceMs);
      const reports = await deps.repos.reports.listUnanalyzed(before);
      for (const r of reports) {
        await deps.producers.inbound({ reportId: r.id }, jobIdOf(r.dedupeKey));
      }
      const queued = await deps.repos.outbound.listQueued();
      const due = [];
      for (const row of queued) {
        if (row.nextAttemptAt) {
          // Waiting out a transient failure: back on the queue when its next try is due. Its earlier job may sit
          // delayed or finished under the same id, so it is replaced rather than added (which would be a no-op).
          if (row.nextAttemptAt <= dueBy) due.push({ outboundId: row.id, key: row.idempotencyKey });
          continue;
        }
        if (row.createdAt > before) continue;
        await deps.producers.outbound({ outboundId: row.id, key: row.idempotencyKey });
      }
      if (due.length > 0) await deps.producers.outboundRetry(due);
      // A claim routes when its review job runs; re-running it is harmless (it renders the current state).
      const unrouted = await deps.repos.claimReview.withoutCard(before, new Date(Date.now() - 7 * 86_400_000));
      for (const id of unrouted) await deps.producers.review(id, 'reconcile');
      const counts = { reports: reports.length, outbound: queued.length, claims: unrouted.length };
      if (counts.reports || counts.outbound || counts.claims) deps.logger.info(counts, 'reconciler re-enqueued unfinished work');
      return counts;
    },
  };
}
