import { Redis } from 'ioredis';
import postgres from 'postgres';
import { probeS3Bucket, type S3StoreOptions } from '../media/s3-store.js';

/**
 * Start-up checks of the servers Saring cannot run without. A newcomer without Redis must read one
 * line that says what is missing and how to start it — not hundreds of reconnect errors.
 */
export interface DependencyProblem {
  name: 'Redis' | 'PostgreSQL' | 'S3 bucket';
  message: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Credentials never go to the terminal: the URL is shown without its password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

/** Polls until `probe` answers or `waitMs` has passed (a server that is still starting gets a chance). */
async function waitFor(probe: () => Promise<boolean>, waitMs: number, now: () => number = Date.now): Promise<boolean> {
  const deadline = now() + waitMs;
  for (;;) {
    if (await probe()) return true;
    if (now() >= deadline) return false;
    await sleep(Math.min(1_000, Math.max(0, deadline - now())));
  }
}

export async function checkDependencies(opts: {
  redisUrl: string;
  databaseUrl?: string | undefined;
  waitMs: number;
  skipRedis?: boolean;
  /** MEDIA_STORE=s3: the bucket pictures go to. */
  mediaBucket?: S3StoreOptions | undefined;
}): Promise<DependencyProblem[]> {
  let bucketProblem = '';
  const bucket = opts.mediaBucket;
  const bucketAnswers = async (b: S3StoreOptions) => {
    const probe = await probeS3Bucket(b);
    bucketProblem = probe.ok ? '' : probe.reason;
    return probe.ok;
  };
  const [redisOk, pgOk, bucketOk] = await Promise.all([
    opts.skipRedis ? Promise.resolve(true) : waitFor(() => redisAnswers(opts.redisUrl), opts.waitMs),
    opts.databaseUrl ? waitFor(() => postgresAnswers(opts.databaseUrl as string), opts.waitMs) : Promise.resolve(true),
    bucket ? waitFor(() => bucketAnswers(bucket), opts.waitMs) : Promise.resolve(true),
  ]);
  const problems: DependencyProblem[] = [];
  if (!redisOk) {
    problems.push({
      name: 'Redis',
      message:
        `Saring cannot reach Redis at ${safeUrl(opts.redisUrl)} (REDIS_URL). ` +
        'Start it, e.g. `sudo apt install redis-server && redis-server --daemonize yes`, or set REDIS_URL.',
    });
  }
  if (!pgOk && opts.databaseUrl) {
    problems.push({
      name: 'PostgreSQL',
      message:
        `Saring cannot reach PostgreSQL at ${safeUrl(opts.databaseUrl)} (DATABASE_URL). ` +
        'Start it (`sudo apt install postgresql`, then `pg_ctlcluster <version> main start`), fix DATABASE_URL, ' +
        'or unset DATABASE_URL to try Saring on the embedded database.',
    });
  }
  if (!bucketOk && bucket) {
    problems.push({
      name: 'S3 bucket',
      // The endpoint and bucket only: the keys never go to the terminal.
      message: `Saring cannot use the S3 bucket ${bucket.bucket} at ${safeUrl(bucket.endpoint)} (MEDIA_STORE=s3): ${bucketProblem}.`,
    });
  }
  return problems;
}
