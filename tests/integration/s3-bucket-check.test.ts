import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/entry/dependencies.js';
import { probeS3Bucket, s3BucketUrl, type S3StoreOptions } from '../../src/media/s3-store.js';
import { startS3Server, type S3TestServer } from '../fixtures/s3/s3-server.js';

/** Start-up with MEDIA_STORE=s3 checks the bucket once (HEAD bucket), so a wrong setting is one plain line, not failing pictures. */
describe('start-up check of the S3 bucket', () => {
  let s3: S3TestServer;
  let good: S3StoreOptions;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['saring-media'] });
    good = {
      endpoint: s3.endpoint,
      region: s3.region,
      bucket: 'saring-media',
      accessKeyId: s3.credentials.accessKeyId,
      secretAccessKey: s3.credentials.secretAccessKey,
      forcePathStyle: true,
      keyPrefix: '',
    };
  });
  afterAll(async () => s3?.stop());

  const check = (bucket: S3StoreOptions) => checkDependencies({ redisUrl: 'redis://127.0.0.1:6379', skipRedis: true, waitMs: 0, mediaBucket: bucket });

  it('passes a bucket that answers to these keys', async () => {
    expect(await probeS3Bucket(good)).toEqual({ ok: true });
    expect(await check(good)).toEqual([]);
    expect(s3.requests.at(-1)).toMatchObject({ method: 'HEAD', bucket: 'saring-media', key: '', status: 200 });
  });

  it('names a missing bucket, refused keys, a wrong region and an unreachable endpoint, never the secret', async () => {
    const cases: Array<[Partial<S3StoreOptions>, RegExp]> = [
      [{ bucket: 'tidak-ada' }, /bucket does not exist.*MEDIA_S3_BUCKET/],
      [{ secretAccessKey: 'salah-sekali-kuncinya' }, /access refused.*MEDIA_S3_SECRET_ACCESS_KEY/],
      [{ region: 'eu-west-1' }, /MEDIA_S3_REGION/],
      [{ endpoint: 'http://127.0.0.1:9' }, /not reachable/],
    ];
    for (const [patch, expected] of cases) {
      const problems = await check({ ...good, ...patch });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.name).toBe('S3 bucket');
      expect(problems[0]!.message).toMatch(expected);
      expect(problems[0]!.message).not.toContain(good.secretAccessKey);
      expect(problems[0]!.message).not.toContain(patch.secretAccessKey ?? good.secretAccessKey);
    }
  });

  it('addresses the bucket path-style or virtual-hosted', () => {
    expect(s3BucketUrl({ endpoint: 'http://minio:9000', bucket: 'saring', forcePathStyle: true })).toBe('http://minio:9000/saring');
    expect(s3BucketUrl({ endpoint: 'https://s3.ap-southeast-3.amazonaws.com', bucket: 'saring', forcePathStyle: false })).toBe('https://saring.s3.ap-southeast-3.amazonaws.com/');
  });
});
