import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskMediaStore, createS3MediaStore, MediaStoreError, sha256Of, type S3StoreOptions } from '../../src/media/index.js';
import { s3KeyOf, s3ObjectUrl } from '../../src/media/s3-store.js';
import { startS3Server, type S3TestServer } from '../fixtures/s3/s3-server.js';
import { describeMediaStore } from './media-store.js';

describeMediaStore('disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saring-media-'));
  return { store: createDiskMediaStore(dir), stop: () => rm(dir, { recursive: true, force: true }) };
});

/** Each store gets a bucket of its own on a strict S3 server (SigV4 checked, S3's XML errors). */
describeMediaStore('s3 (path-style, strict SigV4 server on loopback)', async () => {
  const s3 = await startS3Server({ buckets: ['saring-media'] });
  return { store: createS3MediaStore(optionsFor(s3, { keyPrefix: 'desa/' })), stop: () => s3.stop() };
});

function optionsFor(s3: S3TestServer, patch: Partial<S3StoreOptions> = {}): S3StoreOptions {
  return {
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: 'saring-media',
    accessKeyId: s3.credentials.accessKeyId,
    secretAccessKey: s3.credentials.secretAccessKey,
    forcePathStyle: true,
    keyPrefix: '',
    retries: 1,
    timeoutMs: 20_000,
    ...patch,
  };
}

describe('S3 media store: what only S3 can do wrong', () => {
  let s3: S3TestServer;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['saring-media'] });
  });
  afterAll(async () => s3?.stop());

  const failure = (status: number, code: string | undefined) => expect.objectContaining({ name: 'MediaStoreError', status, code });

  it('keeps each file at <prefix>media/ab/cd/<sha256> with its content type', async () => {
    const store = createS3MediaStore(optionsFor(s3, { keyPrefix: 'kab-merangin/' }));
    const bytes = randomBytes(4096);
    const { sha256 } = await store.put(bytes, { contentType: 'image/png' });
    const key = `kab-merangin/media/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
    expect(s3KeyOf('kab-merangin/', sha256)).toBe(key);
    const object = s3.objects('saring-media').get(key);
    expect(object?.body.equals(bytes)).toBe(true);
    expect(object?.contentType).toBe('image/png');
  });

  it('asks before uploading: the same content again sends a HEAD, not the bytes', async () => {
    const store = createS3MediaStore(optionsFor(s3));
    const bytes = randomBytes(2048);
    await store.put(bytes);
    const before = s3.requests.length;
    await store.put(bytes);
    expect(s3.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 200']);
  });

  it('throws, never answers "absent", when the secret is wrong (SignatureDoesNotMatch)', async () => {
    const good = createS3MediaStore(optionsFor(s3));
    const { sha256 } = await good.put(randomBytes(100));
    const store = createS3MediaStore(optionsFor(s3, { secretAccessKey: 'not-the-secret-at-all' }));
    await expect(store.get(sha256)).rejects.toEqual(failure(403, 'SignatureDoesNotMatch'));
    await expect(store.delete(sha256)).rejects.toEqual(failure(403, 'SignatureDoesNotMatch'));
    await expect(store.put(randomBytes(10))).rejects.toBeInstanceOf(MediaStoreError);
    await expect(store.has(sha256)).rejects.toEqual(failure(403, undefined));
    // Nothing was deleted by the refused call.
    expect(await good.has(sha256)).toBe(true);
  });

  it('throws on an unknown access key and on a wrong region', async () => {
    const sha = sha256Of(Buffer.from('x'));
    await expect(createS3MediaStore(optionsFor(s3, { accessKeyId: 'AKNOBODY' })).get(sha)).rejects.toEqual(failure(403, 'InvalidAccessKeyId'));
    await expect(createS3MediaStore(optionsFor(s3, { region: 'eu-west-1' })).get(sha)).rejects.toEqual(failure(400, 'AuthorizationHeaderMalformed'));
  });

  it('a missing bucket is an error, not a missing picture (NoSuchBucket)', async () => {
    const store = createS3MediaStore(optionsFor(s3, { bucket: 'no-such-bucket' }));
    const sha = sha256Of(Buffer.from('poster'));
    await expect(store.get(sha)).rejects.toEqual(failure(404, 'NoSuchBucket'));
    await expect(store.delete(sha)).rejects.toEqual(failure(404, 'NoSuchBucket'));
    await expect(store.put(Buffer.from('poster'))).rejects.toEqual(failure(404, 'NoSuchBucket'));
  });

  it('retries a passing outage, and throws when it lasts', async () => {
    const store = createS3MediaStore(optionsFor(s3, { retries: 2 }));
    const bytes = randomBytes(512);
    s3.failNext(1, 503, 'SlowDown');
    const { sha256 } = await store.put(bytes);
    expect((await store.get(sha256))?.equals(bytes)).toBe(true);
    s3.failNext(3, 500, 'InternalError');
    await expect(store.get(sha256)).rejects.toEqual(failure(500, 'InternalError'));
    s3.failNext(3, 503, 'SlowDown');
    await expect(store.delete(sha256)).rejects.toEqual(failure(503, 'SlowDown'));
    expect(await store.has(sha256)).toBe(true);
  });

  it('refuses to return bytes that are not what their name says', async () => {
    const store = createS3MediaStore(optionsFor(s3));
    const { sha256 } = await store.put(randomBytes(300));
    const object = s3.objects('saring-media').get(s3KeyOf('', sha256))!;
    object.body = randomBytes(300);
    await expect(store.get(sha256)).rejects.toThrow(/does not match/);
  });

  it('addresses objects path-style or virtual-hosted, under an endpoint path too', () => {
    const sha = 'ab'.repeat(32);
    const key = s3KeyOf('', sha);
    expect(s3ObjectUrl({ endpoint: 'http://minio:9000', bucket: 'saring', forcePathStyle: true }, key)).toBe(`http://minio:9000/saring/media/ab/ab/${sha}`);
    expect(s3ObjectUrl({ endpoint: 'https://s3.ap-southeast-3.amazonaws.com', bucket: 'saring', forcePathStyle: false }, key)).toBe(
      `https://saring.s3.ap-southeast-3.amazonaws.com/media/ab/ab/${sha}`,
    );
    expect(s3ObjectUrl({ endpoint: 'https://gateway.example.id/s3/', bucket: 'saring', forcePathStyle: true }, key)).toBe(`https://gateway.example.id/s3/saring/media/ab/ab/${sha}`);
  });
});
