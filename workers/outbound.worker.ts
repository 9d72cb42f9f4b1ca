import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import { QUEUE_NAMES, outboundJobSchema } from '../src/queues/queues.js';
import type { OutboundService } from '../src/services/outbound.service.js';
import { logFailures, workerOptions, type WorkerContext } from './worker-options.js';

/**
 * The exact platform ceilings (overall, per chat, per group) are sliding windows in the service's pacer;
 * pacing and 429s come back as "later" and the job is parked, not failed, so attempts are kept for real
 * errors. The queue's own limiter sits a little above the overall ceiling: it only keeps thousands of
 * broadcast jobs from all asking the pacer at once, without becoming the binding limit itself.
 */
export function createOutboundWorker(ctx: WorkerContext, outbound: OutboundService, globalPerSec: number): Worker {
  const worker = new Worker(
    QUEUE_NAMES.outbound,
    async (job, token) => {
      const { outboundId, key } = outboundJobSchema.parse(job.data);
      const outcome = await outbound.deliver(outboundId, key);
      if (outcome.kind === 'later' && outcome.scope === 'platform') {
        await worker.rateLimit(outcome.delayMs);
        throw Worker.RateLimitError();
      }
      if (outcome.kind === 'later') {
        await job.moveToDelayed(Date.now() + outcome.delayMs, token);
        throw new DelayedError();
      }
      if (outcome.kind === 'failed') throw new UnrecoverableError(outcome.reason);
      return outcome;
    },
    workerOptions(ctx, { limiter: { max: Math.max(2, Math.ceil(globalPerSec * 1.25)), duration: 1000 } }),
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    const exhausted = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (exhausted) {
      const parsed = outboundJobSchema.safeParse(job.data);
      if (parsed.success) void outbound.giveUp(parsed.data.outboundId, err.message).catch(() => undefined);
    }
  });
  return logFailures(worker, ctx.logger);
}
