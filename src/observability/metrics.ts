import type postgres from 'postgres';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AdapterState } from '../domain/chat-adapter.js';
import type { Platform } from '../domain/inbound.js';

/**
 * Prometheus metrics of one Saring process, in a registry of its own (never prom-client's global
 * one: a test process runs several services, and a library must not add series to ours).
 * Queue, adapter and ledger figures are read on scrape; only the reply latency is pushed.
 */

export const ADAPTER_STATES: readonly AdapterState[] = ['disabled', 'starting', 'qr', 'authenticated', 'ready', 'reconnecting', 'disconnected', 'failed', 'stopped'];
export const PLATFORMS: readonly Platform[] = ['telegram', 'whatsapp'];
/** BullMQ job states as getJobCounts names them. */
export const JOB_STATES = ['waiting', 'prioritized', 'paused', 'delayed', 'active', 'waiting-children', 'completed', 'failed'] as const;
/** Jobs not yet started: what a growing backlog looks like. */
const PENDING_STATES = new Set<string>(['waiting', 'prioritized', 'paused', 'delayed']);
export const LEDGER_STATES = ['queued', 'unconfirmed', 'sent', 'failed'] as const;
/** Ledger purposes that answer a report with its ticket: the reply-latency histogram's subjects. */
export const TICKET_PURPOSES: ReadonlySet<string> = new Set(['ticket', 'ticket+clarification']);

/** The slice of a BullMQ Queue the collector uses. */
export interface QueueLike {
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export interface MetricsSources {
  queues: Record<string, QueueLike>;
  adapters: () => Partial<Record<Platform, AdapterState>>;
  /** Outbound ledger rows per state; omitted → no ledger series. */
  ledger?: () => Promise<Array<{ state: string; n: number }>>;
  /** A scrape never waits longer than this for one source (Redis or Postgres down). Default 2 s. */
  sourceTimeoutMs?: number;
  /** The ledger count runs at most this often; scrapes in between reuse the last figures. Default 15 s. */
  ledgerMinIntervalMs?: number;
  now?: () => number;
}

/** What the outbound worker needs: one observation per ticket reply sent. */
export interface ReplyLatencyObserver {
  observeReplyLatency(purpose: string, seconds: number): void;
}

export interface SaringMetrics extends ReplyLatencyObserver {
  readonly registry: Registry;
  /** prom-client's process metrics (CPU, memory, event loop lag, GC, handles) in this registry. */
  startDefaultMetrics(): void;
  render(): Promise<{ contentType: string; body: string }>;
}

interface Reading {
  /** undefined counts: the queue did not answer in time. */
  queues: Map<string, Record<string, number> | undefined>;
  /** undefined: no ledger source. */
  ledgerUp: boolean | undefined;
}

export function createMetrics(sources: MetricsSources): SaringMetrics {
  const registry = new Registry();
  const timeoutMs = sources.sourceTimeoutMs ?? 2_000;
  const now = sources.now ?? Date.now;

  // Every source is read once per scrape, and every gauge of that scrape shows the same reading
  // (prom-client collects all metrics concurrently: the first collect starts the reading, the
  // others join it).
  let lastLedger: { at: number; counts: Map<string, number> } | undefined;
  let reading: Promise<Reading> | undefined;
  const read = (): Promise<Reading> =>
    (reading ??= readSources().finally(() => {
      reading = undefined;
    }));

  async function readSources(): Promise<Reading> {
    const queues = new Map<string, Record<string, number> | undefined>();
    const ledgerRead = readLedger();
    await Promise.all(
      Object.entries(sources.queues).map(async ([name, queue]) => {
        queues.set(name, await withTimeout(queue.getJobCounts(...JOB_STATES), timeoutMs).catch(() => undefined));
      }),
    );
    return { queues, ledgerUp: await ledgerRead };
  }

  async function readLedger(): Promise<boolean | undefined> {
    if (!sources.ledger) return undefined;
    if (lastLedger && now() - lastLedger.at < (sources.ledgerMinIntervalMs ?? 15_000)) return true;
    const rows = await withTimeout(sources.ledger(), timeoutMs).catch(() => undefined);
    if (rows) lastLedger = { at: now(), counts: new Map(rows.map((r) => [r.state, Number(r.n)])) };
    return rows !== undefined;
  }

  new Gauge({
    name: 'saring_metrics_source_up',
    help: 'Whether this scrape could read the source (1) or not (0: error or timeout)',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      const r = await read();
      for (const [name, counts] of r.queues) this.set({ source: `queue:${name}` }, counts ? 1 : 0);
      if (r.ledgerUp !== undefined) this.set({ source: 'ledger' }, r.ledgerUp ? 1 : 0);
    },
  });

  new Gauge({
    name: 'saring_queue_jobs',
    help: 'BullMQ jobs per queue and state, read on scrape',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of (await read()).queues) {
        // A queue that did not answer has no series (stale figures would look healthy).
        if (counts) for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });

  new Gauge({
    name: 'saring_queue_depth',
    help: 'Jobs waiting to start per queue (waiting + prioritized + paused + delayed)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of (await read()).queues) {
        if (counts) this.set({ queue }, JOB_STATES.filter((s) => PENDING_STATES.has(s)).reduce((n, s) => n + (counts[s] ?? 0), 0));
      }
    },
  });

  new Gauge({
    name: 'saring_adapter_state',
    help: 'Chat adapter state: 1 for the current state of each platform, 0 for the others',
    labelNames: ['platform', 'state'],
    registers: [registry],
    collect() {
      const states = sources.adapters();
      for (const platform of PLATFORMS) {
        const current = states[platform] ?? 'disabled';
        for (const state of ADAPTER_STATES) this.set({ platform, state }, state === current ? 1 : 0);
      }
    },
  });

  if (sources.ledger) {
    new Gauge({
      name: 'saring_outbound_messages',
      help: 'Outbound ledger rows per state (counted at most every 15 s)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        await read();
        if (!lastLedger) return;
        const counts = lastLedger.counts;
        for (const state of new Set<string>([...LEDGER_STATES, ...counts.keys()])) this.set({ state }, counts.get(state) ?? 0);
      },
    });
  }

  const replyLatency = new Histogram({
    name: 'saring_reply_latency_seconds',
    help: 'From a report received (message time) to its ticket reply sent, in seconds',
    labelNames: ['purpose'],
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });

  let defaultsStarted = false;
  return {
    registry,
    observeReplyLatency(purpose, seconds) {
      if (!TICKET_PURPOSES.has(purpose) || !Number.isFinite(seconds)) return;
      // Message times come from the platform's clock in whole seconds: never below zero.
      replyLatency.observe({ purpose }, Math.max(0, seconds));
    },
    startDefaultMetrics() {
      if (defaultsStarted) return;
      defaultsStarted = true;
      collectDefaultMetrics({ register: registry });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The ledger count as one grouped SQL count (outbound_state_idx serves it). */
export function ledgerCounts(sql: postgres.Sql) {
  return async (): Promise<Array<{ state: string; n: number }>> => {
    const rows = await sql<Array<{ state: string; n: number }>>`select state::text as state, count(*)::int as n from outbound_messages group by state`;
    return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
  };
}
