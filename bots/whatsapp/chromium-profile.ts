import { existsSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Chromium marks a profile in use with a `SingletonLock` symlink to `<hostname>-<pid>` (plus
 * `SingletonCookie`/`SingletonSocket`). After an unclean exit the link stays in the persisted profile; a
 * new container has a new host name, and Chromium then refuses the profile ("in use by another
 * computer"), so every restart fails. The lock is removed when no live Chromium of this host holds it.
 */
export function clearStaleChromiumLock(
  profileDir: string,
  env: { hostname?: string; isChromium?: (pid: number) => boolean } = {},
): 'none' | 'kept' | 'removed' {
  const lock = join(profileDir, 'SingletonLock');
  let target: string;
  try {
    target = readlinkSync(lock);
  } catch {
    // No lock, or not a symlink (a plain file left by a copy): only the symlink form can be live.
    if (!existsSync(lock)) return 'none';
    target = '';
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  const host = env.hostname ?? hostname();
  const isChromium = env.isChromium ?? liveChromium;
  if (m && m[1] === host && isChromium(Number(m[2]))) return 'kept';
  for (const name of ['SingletonLock', 'SingletonCookie', 'SingletonSocket']) rmSync(join(profileDir, name), { force: true });
  return 'removed';
}

/** A running process whose command line is a Chromium (a recycled pid of something else does not count). */
function liveChromium(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, owned by someone else — still a holder.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}
