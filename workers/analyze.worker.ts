import { Worker } from 'bullmq';
import { QUEUE_NAMES, analyzeJobSchema } from '../src/queues/queues.js';
import { createMicroBatcher } from '../src/queues/micro-batch.js';
import { safeMessage } from '../src/observability/safe-error.js';
import type { createAnalyzeService } from '../src/services/analyze.service.js';
import { BATCH_WAIT_MS, logFailures, workerOptions, type WorkerContext } from './worker-options.js';

/**
 * Drains the analyze queue of an older version, which queued analysis as a second hop: nothing queues there now
 * (the inbound worker analyses in the same pass), but jobs left in Redis by an upgrade still get their answer.
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
