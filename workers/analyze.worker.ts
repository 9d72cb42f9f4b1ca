import { Worker } from 'bullmq';
import { QUEUE_NAMES, analyzeJobSchema } from '../src/queues/queues.js';
import { createMicroBatcher } from '../src/queues/micro-batch.js';
import { safeMessage } from '../src/observability/safe-error.js';
import type { createAnalyzeService } from '../src/services/analyze.service.js';
import { logFailures, workerOptions, type WorkerContext } from './worker-options.js';

/** A batch gathers for at most this long after its first job: a steady trickle waits a few ms, a burst none. */
const BATCH_WAIT_MS = 5;

/**
 * The worker's concurrent jobs (WORKER_CONCURRENCY) are the batch: each submits its report and completes
 * only after the batch's transaction committed, so a crash mid-batch leaves every job of it to be retried
 * (and a retried report already analysed is skipped, its reply dispatched again under the same key).
 */
export function createAnalyzeWorker(ctx: WorkerContext, analyze: ReturnType<typeof createAnalyzeService>): Worker {
  const batcher = createMicroBatcher<number, 'analyzed' | 'skipped'>({
    maxSize: ctx.concurrency,
    maxWaitMs: BATCH_WAIT_MS,
    run: (ids) => analyze.analyzeMany(ids),
    runOne: (id) => analyze.analyze(id),
    onBatchError: (err, size) => ctx.logger.warn({ size, err: safeMessage(err) }, 'analyze batch failed; its reports go one by one'),
  });
  const worker = new Worker(QUEUE_NAMES.analyze, async (job) => batcher.submit(analyzeJobSchema.parse(job.data).reportId), workerOptions(ctx));
  return logFailures(worker, ctx.logger);
}
