import type { Worker, WorkerOptions, ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { createThrottledLog } from '../src/observability/throttled-log.js';
import { safeMessage } from '../src/observability/safe-error.js';

/** A batch gathers for at most this long after its first job: a steady trickle waits a few ms, a burst none. */
export const BATCH_WAIT_MS = 5;

export interface WorkerContext {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  logger: Logger;
}

export function workerOptions(ctx: WorkerContext, extra: Partial<WorkerOptions> = {}): WorkerOptions {
  return {
    connection: ctx.connection,
    prefix: ctx.prefix,
    concurrency: ctx.concurrency,
    // Short locks: a SIGKILLed process's jobs are picked up again within seconds, not half a minute.
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: 5,
    ...extra,
  };
}

/** One error boundary per worker: failures are logged with the job id and queue, then BullMQ retries. */
export function logFailures(worker: Worker, logger: Logger): Worker {
  worker.on('failed', (job, err) => {
    logger.warn({ queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade, err: safeMessage(err) }, 'job failed');
  });
  // A lost Redis makes every worker report each reconnect attempt: once per interval is enough.
  const throttled = createThrottledLog(logger);
  worker.on('error', (err) => throttled.error('worker-error', { queue: worker.name, err: safeMessage(err) }, 'worker error'));
  return worker;
}
