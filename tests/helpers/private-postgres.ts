import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestDatabase } from './db.js';
import { freePort, waitFor } from './wait.js';

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, on a free port) that the test
 * may restart: never the shared server, which other test files, benches and sessions use at the same
 * time. PostgreSQL refuses to run as root, so it runs as the `postgres` user; available where this
 * process is root and Debian's server binaries are installed (the prepared machines and CI).
 */
export interface PrivatePostgres {
  url(database?: string): string;
  /** An empty database on this cluster (the service migrates it at start-up). */
  createDatabase(name?: string): Promise<TestDatabase>;
  /** `pg_ctl restart -m fast`: every connection is cut, as when the server is restarted for an upgrade. */
  restart(): void;
  /** Stops the cluster at once and removes its folder. */
  destroy(): void;
}

function serverBin(): string | undefined {
  if (process.getuid?.() !== 0 || !existsSync('/usr/lib/postgresql')) return undefined;
  const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).pop();
  const bin = version && join('/usr/lib/postgresql', version, 'bin');
  return bin && existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
}

export const privatePostgresAvailable = (): boolean => serverBin() !== undefined && existsSync('/usr/sbin/runuser');

export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBin();
  if (!bin) throw new Error('a private PostgreSQL needs root and the PostgreSQL server binaries');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'saring-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (tool: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'ignore' });
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  // The socket lives in the test's folder; fsync off: a test cluster is thrown away, not recovered.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const ready = () =>
    waitFor(
      async () => {
        const sql = postgres(url(), { max: 1, connect_timeout: 2, onnotice: () => undefined });
        try {
          await sql`select 1`;
          return true;
        } catch {
          return false;
        } finally {
          await sql.end({ timeout: 1 }).catch(() => undefined);
        }
      },
      { what: `private PostgreSQL on ${port}`, timeoutMs: 60_000 },
    );
  asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '120', 'start']);
  await ready();
  return {
    url,
    async createDatabase(name = 'saring') {
      const sql = postgres(url(), { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`create database ${name}`);
      } finally {
        await sql.end();
      }
      return { name, url: url(name), drop: async () => undefined };
    },
    restart() {
      asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-m', 'fast', '-w', '-t', '120', 'restart']);
    },
    destroy() {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
