import { AwsClient } from 'aws4fetch';
import { sha256Of, shardedName, type MediaStore } from './store.js';

/** An S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, …); from MEDIA_S3_* in the environment. */
export interface S3StoreOptions {
  /** `https://s3.ap-southeast-3.amazonaws.com`, `http://minio:9000`, `https://<account>.r2.cloudflarestorage.com` */
  endpoint: string;
  /** The signing region (`auto` on R2; MinIO accepts its configured region, `us-east-1` by default). */
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO, most self-hosted servers) instead of `bucket.endpoint/key` (AWS's default). */
  forcePathStyle: boolean;
  /** Put before `media/…` so one bucket can hold several deployments: `''` or ending in `/`. */
  keyPrefix: string;
  /** Retries of 5xx and 429 answers, with exponential backoff (aws4fetch's). */
  retries?: number;
  /** Per call, retries included: a hung connection must not hold an intake job for ever. */
  timeoutMs?: number;
}

/** What S3 said when it was not what the store expected: the call, the HTTP status and S3's error code. */
export class MediaStoreError extends Error {
  constructor(
    public readonly operation: string,
    public readonly status: number,
    public readonly code: string | undefined,
  ) {
    super(`media store ${operation}: HTTP ${status}${code ? ` ${code}` : ''}`);
    this.name = 'MediaStoreError';
  }
}

/** The SHA-256 of an empty body: the payload hash GET, HEAD and DELETE are signed with. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** `prefix` + `media/ab/cd/<sha256>` */
export const s3KeyOf = (keyPrefix: string, sha: string): string => `${keyPrefix}media/${shardedName(sha)}`;

/** The object's URL under path-style or virtual-hosted addressing. Keys are hex and `/`: nothing to escape. */
export function s3ObjectUrl(opts: Pick<S3StoreOptions, 'endpoint' | 'bucket' | 'forcePathStyle'>, key: string): string {
  const url = new URL(opts.endpoint);
  const base = url.pathname.replace(/\/+$/, '');
  if (opts.forcePathStyle) {
    url.pathname = `${base}/${opts.bucket}/${key}`;
  } else {
    url.hostname = `${opts.bucket}.${url.hostname}`;
    url.pathname = `${base}/${key}`;
  }
  return url.toString();
}

/** The bucket's own URL (HEAD bucket), under the same addressing as its objects. */
export function s3BucketUrl(opts: Pick<S3StoreOptions, 'endpoint' | 'bucket' | 'forcePathStyle'>): string {
  const url = new URL(opts.endpoint);
  const base = url.pathname.replace(/\/+$/, '');
  if (opts.forcePathStyle) url.pathname = `${base}/${opts.bucket}`;
  else url.hostname = `${opts.bucket}.${url.hostname}`;
  return url.toString();
}

const clientFor = (opts: S3StoreOptions, retries: number) =>
  new AwsClient({ accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, service: 's3', region: opts.region, retries, initRetryMs: 100 });

/**
 * Start-up check (HEAD bucket): can this bucket be used with these keys? A wrong bucket, key or region then
 * stops start-up with one plain line, instead of every picture failing later.
 */
export async function probeS3Bucket(opts: S3StoreOptions, timeoutMs = 5_000): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const res = await clientFor(opts, 0).fetch(s3BucketUrl(opts), { method: 'HEAD', headers: { 'x-amz-content-sha256': EMPTY_SHA256 }, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    if (res.ok) return { ok: true };
    if (res.status === 404) return { ok: false, reason: 'the bucket does not exist (HTTP 404): create it or fix MEDIA_S3_BUCKET' };
    if (res.status === 403) return { ok: false, reason: 'access refused (HTTP 403): check MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY' };
    if (res.status === 400 || res.status === 301) return { ok: false, reason: `HTTP ${res.status}: check MEDIA_S3_REGION and MEDIA_S3_FORCE_PATH_STYLE` };
    return { ok: false, reason: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, reason: `not reachable (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** S3's error code from an XML error body (`<Error><Code>NoSuchKey</Code>…`); HEAD answers have none. */
export const s3ErrorCode = (xml: string): string | undefined => /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1];

/**
 * The media store on an S3-compatible bucket, with the disk store's meaning (tests/contract/media-store.ts runs
 * against both). Requests are signed with AWS SigV4 by aws4fetch; the payload hash is signed too (it is the
 * key), so the server refuses bytes damaged on the way. Only "no such key" reads as absent: a missing bucket,
 * refused credentials or an outage throw, so intake never believes a picture was kept when it was not.
 */
export function createS3MediaStore(opts: S3StoreOptions): MediaStore {
  const client = clientFor(opts, opts.retries ?? 3);
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function call(method: string, sha: string, init: { body?: Buffer; contentType?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-amz-content-sha256': init.body ? sha : EMPTY_SHA256 };
    if (init.contentType) headers['content-type'] = init.contentType;
    return client.fetch(s3ObjectUrl(opts, s3KeyOf(opts.keyPrefix, sha)), {
      method,
      headers,
      // A plain Uint8Array copy: fetch's BodyInit type does not take a Buffer over a possibly shared ArrayBuffer.
      ...(init.body ? { body: new Uint8Array(init.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  /** Reads the error body (which also frees the connection) and throws unless it says `absentCode`. */
  async function failure(operation: string, res: Response, absentCode?: string): Promise<'absent'> {
    const code = res.status === 404 && operation === 'head' ? 'NotFound' : s3ErrorCode(await res.text().catch(() => ''));
    if (absentCode && res.status === 404 && code === absentCode) return 'absent';
    throw new MediaStoreError(operation, res.status, code);
  }

  async function has(sha: string): Promise<boolean> {
    const res = await call('HEAD', sha);
    if (res.ok) return true;
    // A HEAD has no body to tell a missing key from a missing bucket; a put after it finds out the latter.
    return (await failure('head', res, 'NotFound')) !== 'absent';
  }

  return {
    async put(bytes, meta) {
      const sha256 = sha256Of(bytes);
      // The same poster arrives many times: ask before sending the bytes again.
      if (!(await has(sha256))) {
        const res = await call('PUT', sha256, { body: bytes, contentType: meta?.contentType ?? null });
        if (!res.ok) await failure('put', res);
        await res.arrayBuffer();
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      const res = await call('GET', sha256);
      if (!res.ok) {
        await failure('get', res, 'NoSuchKey');
        return undefined;
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      // Content-addressed: bytes that are not what their name says are not shown to anyone.
      if (sha256Of(bytes) !== sha256) throw new MediaStoreError('get (content does not match its sha256)', res.status, undefined);
      return bytes;
    },
    has,
    async delete(sha256) {
      const res = await call('DELETE', sha256);
      // S3 answers 204 for a missing key too; some compatible servers answer 404 NoSuchKey: both are done.
      if (!res.ok) await failure('delete', res, 'NoSuchKey');
      else await res.arrayBuffer();
    },
  };
}
