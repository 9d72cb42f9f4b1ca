import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedPostgres {
  url: string;
  /** true when this process serves the database; false when it uses the one a running service serves. */
  owner: boolean;
  stop(): Promise<void>;
}

/** Who serves the embedded database right now: the process that opened it, and its socket. */
interface EmbeddedLease {
  pid: number;
  url: string;
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

/**
 * PGlite keeps one database in one process: a second process opening the same folder would freeze
 * both. So the process that opens it serves it on a local socket (several connections, queued per
 * query by pglite-socket) and writes this lease; the CLI beside a running `npm start` connects to
 * that socket instead of opening the folder.
 */
const LEASE_FILE = 'pglite.lease.json';
/** The service holds one connection; the rest are for CLI commands run beside it. */
const MAX_CONNECTIONS = 6;

function leasePath(dataDir: string): string {
  return resolve(join(dataDir, LEASE_FILE));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live lease of another process, if any (a lease left by a crashed process is ignored). */
export function readLiveLease(dataDir: string): EmbeddedLease | undefined {
  try {
    const lease = JSON.parse(readFileSync(leasePath(dataDir), 'utf8')) as EmbeddedLease;
    if (typeof lease.pid !== 'number' || typeof lease.url !== 'string') return undefined;
    return lease.pid !== process.pid && isAlive(lease.pid) ? lease : undefined;
  } catch {
    return undefined;
  }
}

/** Open the embedded database in this process and serve it to others through the lease. */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const busy = readLiveLease(dataDir);
  if (busy) {
    throw new EmbeddedDatabaseBusyError(
      `Another Saring process (pid ${busy.pid}) already serves the embedded database in ${resolve(dataDir)}. ` +
        'Stop it first, or set DATABASE_URL to a PostgreSQL server to run several processes.',
    );
  }
  // Loaded lazily: production with DATABASE_URL never pays for the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = resolve(join(dataDir, 'pglite'));
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
  await server.start();
  const address = server.getServerConn();
  const url = `postgres://postgres@${address}/postgres?sslmode=disable`;
  writeFileSync(leasePath(dataDir), JSON.stringify({ pid: process.pid, url } satisfies EmbeddedLease));
  logger.warn({ dir, address }, 'DATABASE_URL is not set: using embedded PGlite (for trying Saring, not production)');
  return {
    url,
    owner: true,
    async stop() {
      await server.stop();
      await pg.close();
      const lease = readLeaseUnchecked(dataDir);
      if (lease?.pid === process.pid) rmSync(leasePath(dataDir), { force: true });
    },
  };
}

function readLeaseUnchecked(dataDir: string): EmbeddedLease | undefined {
  try {
    return JSON.parse(readFileSync(leasePath(dataDir), 'utf8')) as EmbeddedLease;
  } catch {
    return undefined;
  }
}

/**
 * For the CLI: use the running service's embedded database when there is one, else open it here
 * (the service is not running, so nobody else holds the folder).
 */
export async function attachOrStartEmbedded(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const lease = readLiveLease(dataDir);
  if (lease) {
    logger.info({ pid: lease.pid }, 'using the embedded database of the running Saring service');
    return { url: lease.url, owner: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres(dataDir, logger);
}
