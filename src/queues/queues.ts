import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';

/**
 * The one place that names the queues and their payloads; producers and workers both import it,
 * so a payload change cannot drift between them.
 */
/** `analyze` only drains jobs an older version queued there: reports are analysed in the inbound worker's pass. */
export const QUEUE_NAMES = { inbound: 'inbound', analyze: 'analyze', outbound: 'outbound', review: 'review' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const inboundJobSchema = z.object({ reportId: z.number().int().positive() });
export const analyzeJobSchema = z.object({ reportId: z.number().int().positive() });
export const outboundJobSchema = z.object({ outboundId: z.number().int().positive(), key: z.string().min(1) });

export const reviewJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('route'), claimId: z.number().int().positive(), version: z.string() }),
  z.object({ kind: z.literal('sla') }),
  z.object({ kind: z.literal('retrain') }),
  z.object({ kind: z.literal('digest') }),
]);

export type InboundJob = z.infer<typeof inboundJobSchema>;
export type AnalyzeJob = z.infer<typeof analyzeJobSchema>;
export type OutboundJob = z.infer<typeof outboundJobSchema>;
export type ReviewJob = z.infer<typeof reviewJobSchema>;

/** BullMQ job ids may not contain ':'; ours are built from ledger keys and platform ids. */
export function jobIdOf(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-');
}

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  // Finished jobs are forgotten quickly: Postgres holds the record, Redis is only the conveyor.
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600 },
};

export interface Producers {
  inbound(job: InboundJob, jobId: string, delayMs?: number): Promise<void>;
  outbound(job: OutboundJob, delayMs?: number): Promise<void>;
  outboundBulk(jobs: OutboundJob[]): Promise<void>;
  /** Re-queue deliveries whose earlier job failed for good: the old job is removed so the id is free. */
  outboundRetry(jobs: OutboundJob[]): Promise<void>;
  /** Re-render and route a claim's review card; `version` changes whenever the card should change. */
  review(claimId: number, version: string | number, opts?: { debounceMs?: number; delayMs?: number }): Promise<void>;
  /** The periodic SLA/escalation sweep. */
  scheduleSla(everyMs: number): Promise<void>;
  /** The nightly hoax-model retrain (cron in Asia/Jakarta time); null removes the schedule. */
  scheduleRetrain(cron: string | null): Promise<void>;
  /** The weekly digest (cron in Asia/Jakarta time); null removes the schedule. */
  scheduleDigest(cron: string | null): Promise<void>;
  queues: Record<QueueName, Queue>;
  close(): Promise<void>;
}

export function createProducers(connection: ConnectionOptions, prefix: string): Producers {
  const make = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions });
  const queues = { inbound: make('inbound'), analyze: make('analyze'), outbound: make('outbound'), review: make('review') };
  return {
    queues,
    async inbound(job, jobId, delayMs) {
      await queues.inbound.add('inbound', inboundJobSchema.parse(job), { jobId, ...(delayMs ? { delay: delayMs } : {}) });
    },
    async outbound(job, delayMs) {
      await queues.outbound.add('outbound', outboundJobSchema.parse(job), {
        jobId: jobIdOf(job.key),
        ...(delayMs ? { delay: delayMs } : {}),
      });
    },
    async outboundBulk(jobs) {
      for (let i = 0; i < jobs.length; i += 500) {
        await queues.outbound.addBulk(
          jobs.slice(i, i + 500).map((job) => ({ name: 'outbound', data: outboundJobSchema.parse(job), opts: { jobId: jobIdOf(job.key) } })),
        );
      }
    },
    async outboundRetry(jobs) {
      for (const job of jobs) await queues.outbound.remove(jobIdOf(job.key)).catch(() => 0);
      await this.outboundBulk(jobs);
    },
    async review(claimId, version, opts = {}) {
      // With a debounce, reports of one claim arriving together share one job (one card render).
      const window = opts.debounceMs ? `w${Math.floor(Date.now() / opts.debounceMs)}` : String(version);
      await queues.review.add('route', reviewJobSchema.parse({ kind: 'route', claimId, version: String(version) }), {
        jobId: jobIdOf('review', claimId, window),
        removeOnComplete: true,
        ...(opts.debounceMs ? { delay: opts.debounceMs } : opts.delayMs ? { delay: opts.delayMs } : {}),
      });
    },
    async scheduleSla(everyMs) {
      await queues.review.upsertJobScheduler('sla', { every: everyMs }, { name: 'sla', data: { kind: 'sla' }, opts: { removeOnComplete: true } });
    },
    async scheduleRetrain(cron) {
      if (!cron) {
        await queues.review.removeJobScheduler('retrain');
        return;
      }
      // One try: a failed retrain leaves the live model as it is, and the next night tries again.
      await queues.review.upsertJobScheduler(
        'retrain',
        { pattern: cron, tz: 'Asia/Jakarta' },
        { name: 'retrain', data: { kind: 'retrain' }, opts: { removeOnComplete: true, attempts: 1 } },
      );
    },
    async scheduleDigest(cron) {
      if (!cron) {
        await queues.review.removeJobScheduler('digest');
        return;
      }
      // Retries are harmless: each chat's digest has one ledger key per ISO week.
      await queues.review.upsertJobScheduler('digest', { pattern: cron, tz: 'Asia/Jakarta' }, { name: 'digest', data: { kind: 'digest' }, opts: { removeOnComplete: true } });
    },
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}
