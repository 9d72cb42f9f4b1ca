import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import type { MediaRepository } from '../db/repositories/media.repository.js';
import { moveMedia, type MediaToMove } from '../media/move-media.js';
import { probeS3Bucket } from '../media/s3-store.js';
import type { MediaStore } from '../media/store.js';

export const MOVE_MEDIA_USAGE = 'usage: saring move-media [--from-dir DIR] [--dry-run] [--delete-local] [--concurrency N]';

export interface MoveMediaArgs {
  fromDir: string | undefined;
  dryRun: boolean;
  deleteLocal: boolean;
  concurrency: number;
}

/** Exit status when any object could not be moved (a rerun continues where this one stopped). */
export const MOVE_FAILED = 1;
/** sysexits EX_CONFIG: MEDIA_STORE does not name a bucket to move to. */
export const NOT_S3 = 78;

const LISTED = 20;
const PAGE = 500;

export function parseMoveMediaArgs(args: string[]): MoveMediaArgs | { error: string } {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        'from-dir': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'delete-local': { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
      },
    });
    const concurrency = Number(values.concurrency);
    // More than a few parallel uploads gains little on a kabupaten's uplink and holds more files in memory.
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) return { error: `--concurrency must be 1..16\n${MOVE_MEDIA_USAGE}` };
    if (values['dry-run'] && values['delete-local']) return { error: `--dry-run deletes nothing; leave out --delete-local\n${MOVE_MEDIA_USAGE}` };
    return { fromDir: values['from-dir'], dryRun: values['dry-run'], deleteLocal: values['delete-local'], concurrency };
  } catch (err) {
    return { error: `${err instanceof Error ? err.message : String(err)}\n${MOVE_MEDIA_USAGE}` };
  }
}

/**
 * What can be refused before the database is opened, each in one line: a store that is not a bucket, a source
 * folder that is not there, a bucket that does not answer to these keys.
 */
export async function moveMediaPreflight(
  media: Config['media'],
  args: MoveMediaArgs,
): Promise<{ code: number; message: string } | { fromDir: string }> {
  if (media.store !== 's3' || !media.s3) {
    return { code: NOT_S3, message: `saring move-media copies into the bucket of MEDIA_STORE=s3, but MEDIA_STORE is ${media.store}: set MEDIA_STORE=s3 and the MEDIA_S3_* settings` };
  }
  const fromDir = args.fromDir ?? media.dir;
  if (!existsSync(fromDir)) return { code: 66, message: `no media folder at ${fromDir} (MEDIA_DIR, or --from-dir)` };
  const probe = await probeS3Bucket(media.s3);
  if (!probe.ok) return { code: 69, message: `bucket ${media.s3.bucket} at ${media.s3.endpoint}: ${probe.reason}` };
  return { fromDir };
}

/** Every content row, a page at a time: the list is walked, never held whole. */
async function* namedObjects(media: MediaRepository): AsyncGenerator<MediaToMove> {
  let after = 0;
  for (;;) {
    const page = await media.objectsAfter(after, PAGE);
    for (const row of page) yield { sha256: row.sha256, contentType: row.mime };
    if (page.length < PAGE) return;
    after = page.at(-1)!.id;
  }
}

/**
 * `saring move-media`: copies every object the media rows name from the disk store to the bucket of
 * MEDIA_STORE=s3 (see src/media/move-media.ts for why it is safe beside the running service and rerunnable).
 */
export async function runMoveMedia(
  deps: { from: MediaStore; to: MediaStore; media: MediaRepository },
  args: MoveMediaArgs,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  let seen = 0;
  const missing: string[] = [];
  const summary = await moveMedia(deps.from, deps.to, namedObjects(deps.media), {
    concurrency: args.concurrency,
    dryRun: args.dryRun,
    deleteLocal: args.deleteLocal,
    stillNamed: (sha) => deps.media.objectExists(sha),
    onObject(outcome, sha) {
      seen += 1;
      if (outcome === 'missing-on-disk' && missing.length < LISTED) missing.push(sha);
      if (seen % 1000 === 0) err(`… ${seen} objects so far`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const failed = summary.failed.length;
  out(
    `${args.dryRun ? 'dry run: would copy' : 'copied'} ${summary.copied}, already there ${summary.alreadyThere}, ` +
      `missing on disk ${summary.missingOnDisk}, failed ${failed} (of ${seen} objects the database names; ${seconds} s)`,
  );
  if (summary.erasedMeanwhile > 0) out(`${summary.erasedMeanwhile} erased by the service while moving: removed from the bucket again and from this folder`);
  if (args.deleteLocal) out(`deleted ${summary.deletedLocal} local copies, each after reading the bucket's copy back and checking its hash`);
  for (const sha of missing) out(`  missing on disk: ${sha}`);
  if (summary.missingOnDisk > missing.length) out(`  … and ${summary.missingOnDisk - missing.length} more missing`);
  for (const f of summary.failed.slice(0, LISTED)) out(`  failed ${f.sha256}: ${f.reason}`);
  if (failed > LISTED) out(`  … and ${failed - LISTED} more failed`);
  out('files no media row names were left alone');
  if (failed > 0) out('run the same command again to retry: what is already in the bucket is skipped');
  return failed > 0 ? MOVE_FAILED : 0;
}
