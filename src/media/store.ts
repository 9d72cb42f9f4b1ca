import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the bytes of forwarded files live, addressed by their SHA-256: the same poster forwarded a
 * thousand times is kept once. Two stores implement it with the same meaning (one conformance suite,
 * tests/contract/media-store.ts): this disk store and the S3-compatible one (s3-store.ts); MEDIA_STORE picks.
 * - `put` is idempotent; `get` is undefined for content never kept (or deleted); `delete` of absent content is fine.
 * - Any other failure (disk full, network, refused credentials, missing bucket) throws: callers store first
 *   and must not go on as if the bytes were kept.
 */
export interface MediaStore {
  /** `contentType` is kept where the store can keep it (S3 object metadata); the disk store ignores it. */
  put(bytes: Buffer, meta?: { contentType?: string | null }): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/** `ab/cd/abcd…` of a SHA-256 hex digest: two levels of fan-out keep any one folder (or listing) small. */
export function shardedName(sha: string): string {
  if (!SHA256.test(sha)) throw new Error('not a sha256 hex digest');
  return `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
}

/** `dir/ab/cd/abcd…` */
export function createDiskMediaStore(dir: string): MediaStore {
  const pathOf = (sha: string) => join(dir, ...shardedName(sha).split('/'));
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const path = pathOf(sha256);
      if (!(await exists(path))) {
        await mkdir(join(path, '..'), { recursive: true });
        // Written aside then renamed: a crash never leaves half a file under the final name. The aside name is
        // random: two jobs keeping the same poster in the same millisecond must not share (and lose) it.
        const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, bytes, { mode: 0o600 });
        await rename(tmp, path);
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      try {
        return await readFile(pathOf(sha256));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    // async, so a bad name is a rejected promise like every other call's, never a synchronous throw.
    has: async (sha256) => exists(pathOf(sha256)),
    async delete(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
