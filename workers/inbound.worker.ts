import { Worker } from 'bullmq';
import { QUEUE_NAMES, inboundJobSchema } from '../src/queues/queues.js';
import type { createPrepareService } from '../src/services/prepare.service.js';
import { logFailures, workerOptions, type WorkerContext } from './worker-options.js';

export function createInboundWorker(ctx: WorkerContext, prepare: ReturnType<typeof createPrepareService>): Worker {
  const worker = new Worker(
    QUEUE_NAMES.inbound,
    async (job) => prepare.prepare(inboundJobSchema.parse(job.data).reportId),
    workerOptions(ctx),
  );
  return logFailures(worker, ctx.logger);
}
