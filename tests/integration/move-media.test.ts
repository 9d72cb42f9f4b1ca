import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiskMediaStore, createS3MediaStore, sha256Of, type MediaStore, type S3StoreOptions } from '../../src/media/index.js';
import { moveMedia, type MediaToMove } from '../../src/media/move-media.js';
import { s3KeyOf } from '../../src/media/s3-store.js';
import { shardedName } from '../../src/media/store.js';
import { startS3Server, type S3TestServer } from '../fixtures/s3/s3-server.js';

const BUCKET = 'saring-media';
const PREFIX = 'merangin/';

/** moveMedia between a real disk store in a temp folder and the S3 store talking to the strict SigV4 server on loopback. */
describe('moveMedia: disk store → S3 bucket', () => {
  let s3: S3TestServer;
  let dir: string;
  let disk: MediaStore;
  let bucket: MediaStore;
  const options = (patch: Partial<S3StoreOptions> = {}): S3StoreOptions => ({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: BUCKET,
    accessKeyId: s3.credentials.accessKeyId,
    secretAccessKey: s3.credentials.secretAccessKey,
    forcePathStyle: true,
    keyPrefix: PREFIX,
    retries: 0,
    timeoutMs: 10_000,
    ...patch,
  });
  const inBucket = (sha: string) => s3.objects(BUCKET).get(s3KeyOf(PREFIX, sha));
  const requestsSince = (n: number) => s3.requests.slice(n).map((r) => r.method);

  /** `count` pictures on disk, as the service keeps them; returns what the database would name. */
  async function onDisk(count: number): Promise<Array<MediaToMove & { bytes: Buffer }>> {
    const out = [];
    for (let i = 0; i < count; i++) {
      const bytes = randomBytes(1000 + i * 37);
      const { sha256 } = await disk.put(bytes);
      out.push({ sha256, contentType: 'image/jpeg', bytes });
    }
    return out;
  }

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
  });
  afterAll(async () => s3?.stop());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saring-move-'));
    disk = createDiskMediaStore(dir);
    bucket = createS3MediaStore(options());
    s3.objects(BUCKET).clear();
  });
  afterEach(async () => {
    s3.failNext(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('copies every named object with its content type, and a rerun only HEADs', async () => {
    const objects = await onDisk(6);
    const first = await moveMedia(disk, bucket, objects);
    expect(first).toEqual({ copied: 6, alreadyThere: 0, missingOnDisk: 0, erasedMeanwhile: 0, failed: [], deletedLocal: 0 });
    for (const o of objects) {
      expect(inBucket(o.sha256)?.body.equals(o.bytes)).toBe(true);
      expect(inBucket(o.sha256)?.contentType).toBe('image/jpeg');
      expect(await disk.has(o.sha256)).toBe(true);
    }
    const before = s3.requests.length;
    const again = await moveMedia(disk, bucket, objects);
    expect(again).toMatchObject({ copied: 0, alreadyThere: 6, failed: [] });
    expect(requestsSince(before)).toEqual(Array(6).fill('HEAD'));
  });

  it('continues after an interrupted run: what is in the bucket is skipped, the rest is copied', async () => {
    const objects = await onDisk(8);
    // As if a first run had crashed after four objects.
    for (const o of objects.slice(0, 4)) await bucket.put(o.bytes);
    const before = s3.requests.length;
    const summary = await moveMedia(disk, bucket, objects);
    expect(summary).toMatchObject({ copied: 4, alreadyThere: 4, failed: [] });
    expect(requestsSince(before).filter((m) => m === 'PUT')).toHaveLength(4);
    expect(s3.objects(BUCKET).size).toBe(8);
  });

  it('counts objects the database names but the disk lacks, and leaves files nobody names alone', async () => {
    const objects = await onDisk(3);
    const [unnamed] = await onDisk(1);
    const erased = sha256Of(Buffer.from('erased by /hapus before the move'));
    const summary = await moveMedia(disk, bucket, [...objects, { sha256: erased }], { deleteLocal: true });
    expect(summary).toMatchObject({ copied: 3, missingOnDisk: 1, failed: [], deletedLocal: 3 });
    expect(inBucket(erased)).toBeUndefined();
    expect(inBucket(unnamed!.sha256)).toBeUndefined();
    expect(await disk.has(unnamed!.sha256)).toBe(true);
  });

  it('counts and names a failing put, goes on with the others, and a rerun copies it', async () => {
    const objects = await onDisk(5);
    const bad = objects[2]!.sha256;
    // One upload refused by S3 itself (a wrong secret: 403 SignatureDoesNotMatch from the strict server).
    const refusing = createS3MediaStore(options({ secretAccessKey: 'not-the-secret' }));
    const flaky: MediaStore = { ...bucket, put: (bytes, meta) => (sha256Of(bytes) === bad ? refusing.put(bytes, meta) : bucket.put(bytes, meta)) };
    const summary = await moveMedia(disk, flaky, objects, { deleteLocal: true });
    expect(summary.copied).toBe(4);
    expect(summary.failed).toEqual([{ sha256: bad, reason: expect.stringMatching(/HTTP 403/) }]);
    expect(summary.deletedLocal).toBe(4);
    expect(inBucket(bad)).toBeUndefined();
    expect(await disk.has(bad)).toBe(true);

    const rerun = await moveMedia(disk, bucket, objects, { deleteLocal: true });
    expect(rerun).toMatchObject({ copied: 1, alreadyThere: 4, failed: [], deletedLocal: 1 });
    expect(await readdir(dir, { recursive: true }).then((names) => names.filter((n) => /[0-9a-f]{64}$/.test(n)))).toEqual([]);
  });

  it('a bucket outage fails every object without losing any; the rerun after it copies them all', async () => {
    const objects = await onDisk(4);
    s3.failNext(1_000, 503, 'SlowDown');
    const down = await moveMedia(disk, bucket, objects, { deleteLocal: true });
    expect(down).toMatchObject({ copied: 0, deletedLocal: 0 });
    expect(down.failed.map((f) => f.sha256).sort()).toEqual(objects.map((o) => o.sha256).sort());
    // The first call of each object is its HEAD, whose answer has no body to carry S3's error code.
    expect(down.failed[0]!.reason).toMatch(/head: HTTP 503/);
    for (const o of objects) expect(await disk.has(o.sha256)).toBe(true);
    s3.failNext(0);
    expect(await moveMedia(disk, bucket, objects)).toMatchObject({ copied: 4, failed: [] });
  });

  it('--delete-local deletes only what the bucket gives back intact', async () => {
    const objects = await onDisk(4);
    const [damaged, ...good] = objects;
    await bucket.put(damaged!.bytes);
    // The bucket's copy of one object is not what its name says (it answers HEAD all the same).
    inBucket(damaged!.sha256)!.body = randomBytes(damaged!.bytes.length);
    const summary = await moveMedia(disk, bucket, objects, { deleteLocal: true });
    // Each object has one outcome: the damaged one counts as failed, not as already there.
    expect(summary).toMatchObject({ copied: 3, alreadyThere: 0, deletedLocal: 3 });
    expect(summary.failed).toEqual([{ sha256: damaged!.sha256, reason: expect.stringMatching(/local copy was kept.*does not match/) }]);
    expect(await disk.has(damaged!.sha256)).toBe(true);
    for (const o of good) {
      expect(await disk.has(o.sha256)).toBe(false);
      expect((await bucket.get(o.sha256))?.equals(o.bytes)).toBe(true);
    }
  });

  it('never uploads a damaged disk file under another name', async () => {
    const [o] = await onDisk(1);
    await writeFile(join(dir, ...shardedName(o!.sha256).split('/')), randomBytes(50));
    const summary = await moveMedia(disk, bucket, [o!], { deleteLocal: true });
    expect(summary.failed).toEqual([{ sha256: o!.sha256, reason: expect.stringMatching(/does not hash to its name/) }]);
    expect(s3.objects(BUCKET).size).toBe(0);
    expect(await disk.has(o!.sha256)).toBe(true);
  });

  it('a dry run only counts: no upload, no deletion', async () => {
    const objects = await onDisk(3);
    await bucket.put(objects[0]!.bytes);
    const missing = sha256Of(Buffer.from('gone'));
    const before = s3.requests.length;
    const summary = await moveMedia(disk, bucket, [...objects, { sha256: missing }], { dryRun: true, deleteLocal: true });
    expect(summary).toEqual({ copied: 2, alreadyThere: 1, missingOnDisk: 1, erasedMeanwhile: 0, failed: [], deletedLocal: 0 });
    expect(new Set(requestsSince(before))).toEqual(new Set(['HEAD']));
    expect(s3.objects(BUCKET).size).toBe(1);
    for (const o of objects) expect(await disk.has(o.sha256)).toBe(true);
  });

  it('removes a copy again when the object was erased while it was being moved', async () => {
    const objects = await onDisk(3);
    const erasedNow = objects[1]!.sha256;
    const summary = await moveMedia(disk, bucket, objects, { stillNamed: async (sha) => sha !== erasedNow });
    expect(summary).toMatchObject({ copied: 2, erasedMeanwhile: 1, failed: [] });
    expect(inBucket(erasedNow)).toBeUndefined();
    // A service already on the bucket erased it only there: its local copy goes too (no --delete-local asked),
    // while the others stay on disk.
    expect(await disk.has(erasedNow)).toBe(false);
    expect(await disk.has(objects[0]!.sha256)).toBe(true);
    expect(await disk.has(objects[2]!.sha256)).toBe(true);
  });

  it('holds at most `concurrency` objects at once, reading the list as it goes', async () => {
    const CONCURRENCY = 3;
    const objects = await onDisk(12);
    let pulled = 0;
    let done = 0;
    let inFlight = 0;
    let most = 0;
    /** Gets that have returned; every object reaches `get` once (the bucket is empty, not a dry run). */
    let gotten = 0;
    /** The list read when the first object was fetched, and the most objects read but not yet finished. */
    let pulledAtFirstGet: number | undefined;
    let mostAhead = 0;
    // A barrier instead of a short sleep: each `get` waits until `CONCURRENCY` are in flight, or until every
    // object not yet fetched is already waiting (none can come to fill the batch). So the peak is reached
    // whatever the machine's load, and a get let through too early or too many at once shows in `most`.
    let waiting: Array<() => void> = [];
    const watched: MediaStore = {
      ...disk,
      async get(sha) {
        pulledAtFirstGet ??= pulled;
        mostAhead = Math.max(mostAhead, pulled - done);
        most = Math.max(most, ++inFlight);
        try {
          if (inFlight >= CONCURRENCY || gotten + inFlight === objects.length) {
            for (const release of waiting) release();
            waiting = [];
          } else {
            await new Promise<void>((r) => waiting.push(r));
          }
          return await disk.get(sha);
        } finally {
          inFlight -= 1;
          gotten += 1;
        }
      },
    };
    async function* list() {
      for (const o of objects) {
        pulled += 1;
        yield o;
      }
    }
    const summary = await moveMedia(watched, bucket, list(), { concurrency: CONCURRENCY, onObject: () => void (done += 1) });
    expect(summary).toMatchObject({ copied: 12, failed: [] });
    expect(pulled).toBe(12);
    expect(gotten).toBe(12);
    // Exactly the configured number at once: reached (the barrier holds the first ones until it is), never passed.
    expect(most).toBe(CONCURRENCY);
    // Read as consumed: when the first object was fetched, at most one more than the workers hold had been read,
    // and never more than that ahead of the objects finished.
    expect(pulledAtFirstGet).toBeLessThanOrEqual(CONCURRENCY + 1);
    expect(mostAhead).toBeLessThanOrEqual(CONCURRENCY + 1);
  });
});
