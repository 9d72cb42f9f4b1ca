import { sha256Of, type MediaStore } from './store.js';

/** One object the database names: its SHA-256 and, where known, the content type the bucket should keep. */
export interface MediaToMove {
  sha256: string;
  contentType?: string | null;
}

export interface MoveMediaOptions {
  /** Objects in flight at once; each holds at most one file (twice with `deleteLocal`) in memory. */
  concurrency?: number;
  /** Only look (HEAD the bucket, stat the disk): nothing is written or deleted. */
  dryRun?: boolean;
  /** Remove the source copy once the bucket's copy has been read back and hashed to its name. */
  deleteLocal?: boolean;
  /**
   * Asked after each copy: is the object still named by the database? A resident's `/hapus` may erase it
   * while the move runs, after the service's erasure already deleted from the bucket (where it was not yet);
   * the copy just made would outlive the erasure, so it is deleted again, and so is the source copy. The answer
   * must wait for an erasure in progress (media.repository's objectExists locks the row it reads).
   */
  stillNamed?: (sha256: string) => Promise<boolean>;
  /** Called once per object, e.g. for a progress line. */
  onObject?: (outcome: MoveOutcome, sha256: string) => void;
}

export type MoveOutcome = 'copied' | 'already-there' | 'missing-on-disk' | 'erased-meanwhile' | 'failed';

export interface MoveMediaSummary {
  /** Copied to the bucket (in a dry run: would be copied). */
  copied: number;
  alreadyThere: number;
  /** Named by the database, but neither in the bucket nor in the source (erased, or lost). */
  missingOnDisk: number;
  /** Copied, then found erased by the running service meanwhile, and removed from the bucket again and from the source. */
  erasedMeanwhile: number;
  failed: Array<{ sha256: string; reason: string }>;
  /** Source copies removed after a verified bucket copy (`deleteLocal`). */
  deletedLocal: number;
}

/**
 * Copies the named objects from one media store to another (in practice: the disk store to the S3 bucket).
 *
 * Safe to run beside a running service and to rerun after a crash, because objects are content-addressed
 * and never change: an object under a name is the same bytes wherever it is, so "already in the bucket"
 * means "done", a copy made twice is the same copy, and the service writing the same poster at the same
 * moment writes identical bytes. Nothing in the database changes, so there is no progress to lose; a rerun
 * HEADs its way past what is done. The source is only ever deleted after the target's copy was read back
 * and hashed, so an interrupted run never leaves an object nowhere.
 *
 * Objects the list does not name are not touched, in either store.
 */
export async function moveMedia(
  from: MediaStore,
  to: MediaStore,
  objects: Iterable<MediaToMove> | AsyncIterable<MediaToMove>,
  options: MoveMediaOptions = {},
): Promise<MoveMediaSummary> {
  const summary: MoveMediaSummary = { copied: 0, alreadyThere: 0, missingOnDisk: 0, erasedMeanwhile: 0, failed: [], deletedLocal: 0 };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));

  /** The target's copy, read back: only bytes that hash to their name count (whatever the store checks itself). */
  async function verifiedInTarget(sha: string): Promise<void> {
    const back = await to.get(sha);
    if (!back) throw new Error('not in the bucket when read back');
    if (sha256Of(back) !== sha) throw new Error('the bucket copy does not hash to its name');
  }

  async function deleteSource(sha: string): Promise<void> {
    if (!options.deleteLocal || options.dryRun || !(await from.has(sha))) return;
    try {
      await verifiedInTarget(sha);
      await from.delete(sha);
    } catch (err) {
      throw new Error(`in the bucket, but the local copy was kept: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    summary.deletedLocal += 1;
  }

  async function moveOne(item: MediaToMove): Promise<MoveOutcome> {
    const sha = item.sha256;
    if (await to.has(sha)) {
      await deleteSource(sha);
      return 'already-there';
    }
    if (options.dryRun) return (await from.has(sha)) ? 'copied' : 'missing-on-disk';
    const bytes = await from.get(sha);
    if (!bytes) return 'missing-on-disk';
    // A damaged file would land under another name (the key is the hash of what is sent): say so instead.
    if (sha256Of(bytes) !== sha) throw new Error('the file on disk does not hash to its name (damaged)');
    await to.put(bytes, { contentType: item.contentType ?? null });
    if (options.stillNamed && !(await options.stillNamed(sha))) {
      // Erased while it moved: gone from both stores. A service already on the bucket erases only there, so the
      // local copy is this run's to remove, --delete-local or not.
      await to.delete(sha);
      await from.delete(sha);
      return 'erased-meanwhile';
    }
    await deleteSource(sha);
    return 'copied';
  }

  const iterator = toAsyncIterator(objects);
  // A few workers pull from one iterator: the list is read as it is consumed, never held whole.
  const worker = async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const item = next.value;
      let outcome: MoveOutcome;
      try {
        outcome = await moveOne(item);
      } catch (err) {
        outcome = 'failed';
        summary.failed.push({ sha256: item.sha256, reason: err instanceof Error ? err.message : String(err) });
      }
      if (outcome === 'copied') summary.copied += 1;
      else if (outcome === 'already-there') summary.alreadyThere += 1;
      else if (outcome === 'missing-on-disk') summary.missingOnDisk += 1;
      else if (outcome === 'erased-meanwhile') summary.erasedMeanwhile += 1;
      options.onObject?.(outcome, item.sha256);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summary;
}

function toAsyncIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const sync = source[Symbol.iterator]();
  return { next: async () => sync.next() };
}
