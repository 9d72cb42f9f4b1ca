import { Worker } from 'bullmq';
import { QUEUE_NAMES, reviewJobSchema } from '../src/queues/queues.js';
import type { RoutingService } from '../src/services/routing.service.js';
import { logFailures, workerOptions, type WorkerContext } from './worker-options.js';

/**
 * Routes and re-renders review cards, runs the periodic SLA sweep, starts the nightly hoax-model retrain and
 * stages the weekly digest.
 */
export function createReviewWorker(
  ctx: WorkerContext,
  routing: RoutingService,
  retrain: () => Promise<unknown> = async () => ({ skipped: true }),
  digest: () => Promise<unknown> = async () => ({ skipped: true }),
): Worker {
  const worker = new Worker(
    QUEUE_NAMES.review,
    async (job) => {
      const payload = reviewJobSchema.parse(job.data);
      if (payload.kind === 'sla') return { escalated: await routing.escalateOverdue() };
      if (payload.kind === 'retrain') return retrain();
      if (payload.kind === 'digest') return digest();
      await routing.routeClaim(payload.claimId);
      return { routed: payload.claimId };
    },
    // Cards of one claim are edited in place: few at a time keeps edits in order.
    workerOptions(ctx, { concurrency: Math.min(ctx.concurrency, 5) }),
  );
  return logFailures(worker, ctx.logger);
}
