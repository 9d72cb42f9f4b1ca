/**
 * Shared pieces of the service benches (bench:pipeline, bench:match): a throw-away database with the
 * real migrations, a unique queue prefix and its clean-up, the Bot API emulator, a log sink that
 * counts warnings and errors, percentiles and the machine line. Loopback only; nothing here imports vitest.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import postgres from 'postgres';
import { pino, type Logger } from 'pino';
import type { Redis } from 'ioredis';
import { openPostgres, type Database } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

export { TEST_BOT_TOKEN as BENCH_BOT_TOKEN } from '../tests/helpers/config.js';
export { freePort, sleep } from '../tests/helpers/wait.js';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Benches send bursts of traffic: they refuse to aim it anywhere but this machine. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`${what} must be on loopback for a bench, got host ${host}`);
}

export function machineLine(): string {
  const cpus = os.cpus();
  return [
    `machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'}`,
    `${cpus.length} cores`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `node ${process.version}`,
    `${os.platform()} ${os.release()}`,
  ].join(', ');
}

/** Benches here share the machine with other work: say how busy it was. */
export function loadLine(): string {
  return `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min) on ${os.cpus().length} cores`;
}

/** A bench option as typed: `--flag value` or `--flag=value`, else the environment variable. */
export function rawArg(flag: string, envName: string): string | undefined {
  const argv = process.argv.slice(2);
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === `--${flag}`) raw = argv[i + 1];
    else if (a.startsWith(`--${flag}=`)) raw = a.slice(flag.length + 3);
  }
  return raw ?? process.env[envName];
}

/** `--n 500`, `--n=500`, else the environment variable, else the fallback; clamped to [1, max]. */
export function intArg(flag: string, envName: string, fallback: number, max: number): number {
  const raw = rawArg(flag, envName);
  const n = raw === undefined ? fallback : Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) throw new Error(`--${flag} / ${envName} must be a positive integer, got ${raw}`);
  if (n > max) {
    console.log(`(${flag} ${n} clamped to ${max} to keep the bench bounded)`);
    return max;
  }
  return n;
}

export function benchId(): string {
  return `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

export function uniquePrefix(): string {
  return `saring-bench-${randomBytes(4).toString('hex')}`;
}

function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const admin = () => postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined, connect_timeout: 5 });

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * `saring_bench_<epoch>_<rand>`, migrated with the service's own migrations. Leftovers of crashed
 * bench runs older than two hours are dropped first (names carry their creation time).
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  assertLoopback(PG_ADMIN_URL, 'BENCH_PG_ADMIN_URL');
  const name = `saring_bench_${benchId()}`;
  const sql = admin();
  try {
    const stale = await sql<{ datname: string }[]>`
      select datname from pg_database
      where datname ~ '^saring_bench_[0-9]+_'
        and split_part(datname, '_', 3)::bigint < extract(epoch from now())::bigint - 7200`;
    for (const { datname } of stale) await sql.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
  const url = databaseUrl(name);
  const database = openPostgres(url, pino({ level: 'silent' }), { max: 1 });
  try {
    await runMigrations(database.db);
  } finally {
    await database.close();
  }
  let dropped = false;
  return {
    name,
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      const a = admin();
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** A connection to a bench database for seeding and counting (not the service's own pool). */
export function openBenchDb(url: string, max = 4): Database {
  return openPostgres(url, pino({ level: 'silent' }), { max });
}

/** Every key under a bench queue prefix: BullMQ queues, job schedulers, pacing windows. */
export async function clearRedisPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}

export interface LogSink {
  logger: Logger;
  warnings: number;
  errors: number;
  /** Distinct messages (with their first details) and how often each came. */
  summary(): string[];
}

/** The service logs at `warn` into this sink: the bench reports what went wrong, not the chatter. */
export function countingLogger(level: 'warn' | 'error' = 'warn'): LogSink {
  const seen = new Map<string, { n: number; sample: string }>();
  const sink: LogSink = {
    logger: undefined as unknown as Logger,
    warnings: 0,
    errors: 0,
    summary() {
      return [...seen.entries()].sort((a, b) => b[1].n - a[1].n).map(([k, v]) => `${String(v.n).padStart(6)}× ${k}  e.g. ${v.sample}`);
    },
  };
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const rec = JSON.parse(line) as { level: number; msg?: string; err?: unknown; queue?: string; reason?: string };
          if (rec.level >= 50) sink.errors++;
          else if (rec.level >= 40) sink.warnings++;
          const key = `[${rec.level >= 50 ? 'error' : 'warn'}] ${rec.queue ? `${rec.queue}: ` : ''}${rec.msg ?? ''}`;
          const entry = seen.get(key) ?? { n: 0, sample: JSON.stringify({ err: rec.err, reason: rec.reason }).slice(0, 300) };
          entry.n++;
          seen.set(key, entry);
        } catch {
          sink.errors++;
        }
      }
      done();
    },
  });
  sink.logger = pino({ level, base: { service: 'saring-bench' } }, stream);
  return sink;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function latencyLine(label: string, values: number[], unit = 'ms', digits = 0): string {
  const s = [...values].sort((a, b) => a - b);
  const f = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
  return `${label}: p50 ${f(percentile(s, 0.5))} ${unit}  p95 ${f(percentile(s, 0.95))} ${unit}  p99 ${f(percentile(s, 0.99))} ${unit}  max ${f(s[s.length - 1] ?? Number.NaN)} ${unit}  (n=${s.length})`;
}

export const rssMb = (): number => process.memoryUsage().rss / 2 ** 20;

/** Resolves with the value, or with `undefined` once ms have passed (the work keeps running). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A bench stops itself: after `ms` the cleanup runs (bounded) and the process exits 0 with a note,
 * whatever is still in flight.
 */
export function watchdog(ms: number, cleanup: () => Promise<void>): NodeJS.Timeout {
  const timer = setTimeout(() => {
    console.log(`\n!! bench time limit of ${Math.round(ms / 1000)} s reached: cleaning up and stopping`);
    void within(15_000, cleanup().catch((err: unknown) => console.log(`cleanup failed: ${String(err)}`))).finally(() => process.exit(0));
  }, ms);
  timer.unref();
  return timer;
}
