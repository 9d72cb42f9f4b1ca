import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createWhatsAppAdapter } from '../../bots/whatsapp/index.js';
import { waitFor } from '../helpers/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser processes for this session directory. Helpers carry --type=…; a just-forked helper that has
 * not exec'd yet still shows the browser's command line, but its parent is the browser.
 */
function browsersFor(dir: string): number {
  let pids: string[];
  try {
    pids = execFileSync('pgrep', ['-f', '--', `--user-data-dir=${dir}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
  const info = (pid: string) => {
    try {
      const parent = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1];
      return { parent, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
    } catch {
      return undefined; // exited meanwhile
    }
  };
  const set = new Set(pids);
  return pids.filter((pid) => {
    const p = info(pid);
    // An exiting helper of a closed browser is orphaned with an empty command line: not a browser.
    return p !== undefined && p.cmdline !== '' && !p.cmdline.includes('--type=') && !set.has(p.parent ?? '');
  }).length;
}

/**
 * The real whatsapp-web.js Client and Debian's Chromium. Offline (these machines) initialize()
 * rejects with net::ERR_NAME_NOT_RESOLVED; online it shows a QR. Either way start() must not throw,
 * retries must not pile up browsers, and stop() must leave none behind.
 */
describe.skipIf(!existsSync(CHROMIUM))('WhatsApp adapter with real Chromium', () => {
  it('keeps running through failed starts, one browser at a time, and cleans up on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-wa-'));
    const adapter = createWhatsAppAdapter({
      sessionDir: dir,
      chromiumPath: CHROMIUM,
      logger: pino({ level: 'silent' }),
      retry: { baseMs: 200, maxMs: 400 },
      printQr: () => undefined,
    });
    try {
      await expect(adapter.start({ message: async () => undefined })).resolves.toBeUndefined();
      const seen = new Set<string>();
      let maxBrowsers = 0;
      await waitFor(
        () => {
          seen.add(adapter.state());
          maxBrowsers = Math.max(maxBrowsers, browsersFor(join(dir, 'session')));
          return adapter.state() === 'qr' || adapter.status().failures >= 2;
        },
        { timeoutMs: 45_000, what: 'QR or two failed starts' },
      );
      if (adapter.state() !== 'qr') expect(adapter.status().lastError).toMatch(/ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|net::/);
      expect(seen.has('starting')).toBe(true);
      // Seen running, and never two at once: a retry closes the old browser before launching the next.
      expect(maxBrowsers).toBe(1);
    } finally {
      await adapter.stop();
      await waitFor(() => browsersFor(join(dir, 'session')) === 0, { timeoutMs: 10_000, what: 'browsers gone' });
      rmSync(dir, { recursive: true, force: true });
    }
    expect(adapter.state()).toBe('stopped');
  }, 60_000);

  // Regression: whatsapp-web.js destroy() closes only a browser it already holds, so a stop() during
  // puppeteer.launch() used to leave that Chromium running for good.
  it('stop() while Chromium is still launching leaves no browser behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-wa-'));
    const adapter = createWhatsAppAdapter({ sessionDir: dir, chromiumPath: CHROMIUM, logger: pino({ level: 'silent' }), printQr: () => undefined });
    try {
      await adapter.start({ message: async () => undefined });
      await new Promise((r) => setTimeout(r, 150));
      // Under load the first launch may already have failed; either way stop() must leave nothing behind.
      expect(['starting', 'failed']).toContain(adapter.state());
      await adapter.stop();
      expect(browsersFor(join(dir, 'session'))).toBe(0);
      // Nothing comes up late either.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(browsersFor(join(dir, 'session'))).toBe(0);
    } finally {
      await adapter.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
