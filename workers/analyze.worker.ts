import { Worker } from 'bullmq';
import { QUEUE_NAMES, analyzeJobSchema } from '../src/queues/queues.js';
import type { createAnalyzeService } from '../src/services/analyze.service.js';
import { logFailures, workerOptions, type WorkerContext } from './worker-options.js';

export function createAnalyzeWorker(ctx: WorkerContext, analyze: ReturnType<typeof createAnalyzeService>): Worker {
  const worker = new Worker(
    QUEUE_NAMES.analyze,
    async (job) => analyze.analyze(analyzeJobSchema.parse(job.data).reportId),
    workerOptions(ctx),
  );
  return logFailures(worker, ctx.logger);
}
