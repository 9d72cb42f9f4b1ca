import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskMediaStore, type MediaStore } from '../../src/media/index.js';
import { s3KeyOf } from '../../src/media/s3-store.js';
import { shardedName } from '../../src/media/store.js';
import { s3MediaEnv, startS3Server, type S3TestServer } from '../fixtures/s3/s3-server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUCKET = 'saring-media';
const PREFIX = 'kab-merangin/';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `saring move-media` as an operator runs it: the real command, real PostgreSQL, a disk folder, the strict S3 stand-in. */
describe('saring move-media', () => {
  let db: TestDatabase;
  let sql: postgres.Sql;
  let s3: S3TestServer;
  let dir: string;
  let mediaDir: string;
  let disk: MediaStore;

  const saring = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'bin/saring.js'), ...args],
        {
          cwd: dir,
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: db.url,
            LOG_LEVEL: 'warn',
            DATA_DIR: join(dir, 'data'),
            MEDIA_DIR: mediaDir,
            ...s3MediaEnv(s3, BUCKET, PREFIX),
            ...env,
          },
        },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  const inBucket = (sha: string) => s3.objects(BUCKET).get(s3KeyOf(PREFIX, sha));

  /** A picture kept on disk and named by a media_objects row, as intake leaves it. */
  async function picture(store: MediaStore = disk): Promise<{ sha256: string; bytes: Buffer }> {
    const bytes = randomBytes(2000);
    const { sha256 } = await store.put(bytes);
    await sql`insert into media_objects (sha256, kind, mime, size_bytes) values (${sha256}, 'photo', 'image/jpeg', ${bytes.length})`;
    return { sha256, bytes };
  }

  let named: Array<{ sha256: string; bytes: Buffer }>;
  let lost: string;
  let unnamed: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    s3 = await startS3Server({ buckets: [BUCKET] });
    dir = await mkdtemp(join(tmpdir(), 'saring-cli-move-'));
    mediaDir = join(dir, 'media');
    disk = createDiskMediaStore(mediaDir);
    named = [await picture(), await picture(), await picture()];
    // Named by a row, gone from disk (as after a lost disk, or a file removed by hand).
    const gone = await picture();
    await disk.delete(gone.sha256);
    lost = gone.sha256;
    // On disk, named by no row: not the command's to move.
    unnamed = (await disk.put(randomBytes(700))).sha256;
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    await s3?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses in one line when MEDIA_STORE is not s3, before touching anything', async () => {
    const r = await saring(['move-media'], { MEDIA_STORE: 'disk' });
    expect(r.code).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/MEDIA_STORE=s3.*MEDIA_STORE is disk/)]);
    expect(s3.requests).toEqual([]);
  }, 150_000);

  it('names a bucket that does not answer, and a wrong flag', async () => {
    const r = await saring(['move-media'], { MEDIA_S3_BUCKET: 'tidak-ada' });
    expect(r.code).toBe(69);
    expect(r.stderr.trim()).toMatch(/^bucket tidak-ada at http:\/\/127\.0\.0\.1:\d+: the bucket does not exist/);
    const flag = await saring(['move-media', '--hapus-semua']);
    expect(flag.code).toBe(64);
    expect(flag.stderr).toMatch(/usage: saring move-media/);
  }, 150_000);

  it('--dry-run counts and writes nothing', async () => {
    const r = await saring(['move-media', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: would copy 3, already there 0, missing on disk 1, failed 0 (of 4 objects the database names');
    expect(s3.objects(BUCKET).size).toBe(0);
    expect(s3.requests.filter((q) => q.method !== 'HEAD')).toEqual([]);
  }, 150_000);

  it('copies what the rows name, reports what the disk lacks, leaves unnamed files alone; a rerun finds it all there', async () => {
    const r = await saring(['move-media']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('copied 3, already there 0, missing on disk 1, failed 0');
    expect(r.stdout).toContain(`missing on disk: ${lost}`);
    expect(r.stdout).toContain('files no media row names were left alone');
    for (const p of named) {
      expect(inBucket(p.sha256)?.body.equals(p.bytes)).toBe(true);
      expect(inBucket(p.sha256)?.contentType).toBe('image/jpeg');
      expect(await disk.has(p.sha256)).toBe(true);
    }
    expect(inBucket(unnamed)).toBeUndefined();

    const puts = s3.requests.filter((q) => q.method === 'PUT').length;
    const again = await saring(['move-media']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('copied 0, already there 3, missing on disk 1, failed 0');
    expect(s3.requests.filter((q) => q.method === 'PUT')).toHaveLength(puts);
  }, 150_000);

  it('exits 1 naming an object it could not move; a rerun from a good folder (--from-dir) moves it', async () => {
    const damaged = await picture();
    await writeFile(join(mediaDir, ...shardedName(damaged.sha256).split('/')), randomBytes(100));
    const r = await saring(['move-media']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('copied 0, already there 3, missing on disk 1, failed 1');
    expect(r.stdout).toContain(`failed ${damaged.sha256}: the file on disk does not hash to its name`);
    expect(inBucket(damaged.sha256)).toBeUndefined();

    const backup = join(dir, 'backup');
    await createDiskMediaStore(backup).put(damaged.bytes);
    const fixed = await saring(['move-media', '--from-dir', backup]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('copied 1, already there 3, missing on disk 1, failed 0');
    expect(inBucket(damaged.sha256)?.body.equals(damaged.bytes)).toBe(true);
  }, 150_000);

  it('--delete-local removes the disk copies the bucket gives back intact, and only those', async () => {
    // One bucket copy damaged after upload: it still answers HEAD, but its bytes are not what its name says.
    const [spoilt, ...intact] = named;
    inBucket(spoilt!.sha256)!.body = randomBytes(spoilt!.bytes.length);
    const r = await saring(['move-media', '--delete-local', '--concurrency', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('copied 0, already there 3, missing on disk 1, failed 1');
    expect(r.stdout).toContain('deleted 3 local copies');
    expect(r.stdout).toMatch(new RegExp(`failed ${spoilt!.sha256}: in the bucket, but the local copy was kept`));
    expect(await disk.has(spoilt!.sha256)).toBe(true);
    for (const p of intact) {
      expect(await disk.has(p.sha256)).toBe(false);
      expect(inBucket(p.sha256)?.body.equals(p.bytes)).toBe(true);
    }
    expect(await disk.has(unnamed)).toBe(true);
    const rows = await sql`select count(*)::int as n from media_objects`;
    expect(rows[0]!.n).toBe(5);
  }, 150_000);
});
