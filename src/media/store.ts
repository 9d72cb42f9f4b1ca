import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the bytes of forwarded files live, addressed by their SHA-256: the same poster forwarded a
 * thousand times is kept once. Only a disk store exists today; an S3-compatible store would implement
 * the same four calls (see MEDIA_STORE in .env.example).
 */
export interface MediaStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/** `dir/ab/cd/abcd…`: two levels of folders keep any one folder small. */
export function createDiskMediaStore(dir: string): MediaStore {
  const pathOf = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error('not a sha256 hex digest');
    return join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const path = pathOf(sha256);
      if (!(await exists(path))) {
        await mkdir(join(path, '..'), { recursive: true });
        // Written aside then renamed: a crash never leaves half a file under the final name.
        const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
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
    has: (sha256) => exists(pathOf(sha256)),
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
