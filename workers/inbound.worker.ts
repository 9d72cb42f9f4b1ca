import { Worker } from 'bullmq';
import { QUEUE_NAMES, inboundJobSchema } from '../src/queues/queues.js';
import { createMicroBatcher } from '../src/queues/micro-batch.js';
import { safeMessage } from '../src/observability/safe-error.js';
import type { PipelineOutcome, ReportPipeline } from '../src/services/report-pipeline.js';
import { BATCH_WAIT_MS, logFailures, workerOptions, type WorkerContext } from './worker-options.js';

/**
 * A report's way from stored to answered: the worker's concurrent jobs are the batch (prepare, then analyse,
 * one transaction each). Each job completes only after its batch committed, so a crash mid-batch leaves every
 * job of it to be retried, and a retried report already analysed is skipped (its reply dispatched again).
 */
export function createInboundWorker(ctx: WorkerContext, pipeline: ReportPipeline): Worker {
  const batcher = createMicroBatcher<number, PipelineOutcome>({
    maxSize: ctx.concurrency,
    maxWaitMs: BATCH_WAIT_MS,
    run: (ids) => pipeline.runMany(ids),
    runOne: async (id) => (await pipeline.runMany([id])).get(id) ?? 'skipped',
    onBatchError: (err, size) => ctx.logger.warn({ size, err: safeMessage(err) }, 'report batch failed; its reports go one by one'),
  });
  const worker = new Worker(QUEUE_NAMES.inbound, async (job) => batcher.submit(inboundJobSchema.parse(job.data).reportId), workerOptions(ctx));
  return logFailures(worker, ctx.logger);
}
