import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { chromiumProfileDir, clearStaleChromiumLock, createWhatsAppClient } from '../../bots/whatsapp/index.js';
import { loadConfig } from '../../src/config/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'saring-wa-opts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The production image as its Dockerfile declares it: ENV, WORKDIR, USER and the folders given to that user. */
function dockerImage() {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const env: Record<string, string> = {};
  for (const line of text.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const m of line.slice(4).matchAll(/([A-Z_]+)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  const workdir = /^WORKDIR (\S+)/m.exec(text)?.[1] ?? '/';
  const user = /^USER (\S+)/m.exec(text)?.[1] ?? 'root';
  const owned = [...text.matchAll(/chown -R (\S+?):\S+ ([^&\n]+)/g)].filter((m) => m[1] === user).flatMap((m) => m[2]!.trim().split(/\s+/));
  return { env, workdir, user, owned };
}

const under = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

describe('point 1: the real Client with production options in the Docker image', () => {
  it('has the web cache off, and every path it writes lies in a folder the image gives its user', async () => {
    const image = dockerImage();
    expect(image.user).not.toBe('root');
    // Production also requires these two; they do not touch the client.
    const config = loadConfig({ ...image.env, WHATSAPP_ENABLED: 'true', PUBLIC_URL: 'https://saring.example.go.id', HOME_REGION: '15.02' });
    const client = createWhatsAppClient({ sessionDir: config.whatsapp.sessionDir, chromiumPath: config.whatsapp.chromiumPath });
    expect(client).toBeInstanceOf(wweb.Client);
    const options = (client as unknown as { options: { webVersionCache: { type: string; path?: string } } }).options;
    // LocalWebCache (the library's default) writes ./.wwebjs_cache/ between authenticated and ready.
    expect(['none', 'local']).toContain(options.webVersionCache.type);
    const cwd = image.workdir;
    const writes = [
      (client as unknown as { authStrategy: { dataPath: string } }).authStrategy.dataPath,
      chromiumProfileDir(config.whatsapp.sessionDir),
      ...(options.webVersionCache.type === 'local' ? [resolve(cwd, options.webVersionCache.path ?? './.wwebjs_cache/')] : []),
    ].map((p) => resolve(cwd, p));
    for (const path of writes) {
      expect(image.owned.some((dir) => under(path, resolve(cwd, dir))), `${path} is writable by ${image.user}`).toBe(true);
      expect(under(path, resolve(cwd, config.dataDir)), `${path} is under DATA_DIR`).toBe(true);
    }
    expect(options.webVersionCache.type).toBe('none');
  });

  it('creates its files only inside the session folder (LocalAuth + the web cache setting)', async () => {
    const sessionDir = join(tmp, 'data', 'whatsapp-session');
    const client = createWhatsAppClient({ sessionDir, chromiumPath: '/usr/bin/chromium' });
    const internals = client as unknown as {
      authStrategy: { beforeBrowserInitialized(): Promise<void> };
      options: { puppeteer: { userDataDir: string }; webVersionCache: { type: string } };
    };
    // What initialize() runs before launching Chromium, and the cache its ready path would persist to.
    await internals.authStrategy.beforeBrowserInitialized();
    const factory: string = 'whatsapp-web.js/src/webCache/WebCacheFactory.js';
    const { createWebCache } = (await import(factory)) as {
      createWebCache(type: string, opts: object): { persist(html: string, version: string): Promise<void> };
    };
    const { type, ...cacheOpts } = internals.options.webVersionCache;
    await createWebCache(type, cacheOpts).persist('<html></html>', '2.3000.0');
    expect(existsSync(join(ROOT, '.wwebjs_cache'))).toBe(false);
    expect(internals.options.puppeteer.userDataDir).toBe(chromiumProfileDir(sessionDir));
    expect(readdirSync(tmp)).toEqual(['data']);
    expect(readdirSync(sessionDir)).toEqual(['session']);
  });
});

describe('point 10: a stale Chromium SingletonLock in the persisted profile', () => {
  function profileWithLock(target: string): string {
    const dir = mkdtempSync(join(tmp, 'profile-'));
    mkdirSync(dir, { recursive: true });
    symlinkSync(target, join(dir, 'SingletonLock'));
    symlinkSync('12345', join(dir, 'SingletonCookie'));
    return dir;
  }
  const locked = (dir: string) => {
    try {
      return lstatSync(join(dir, 'SingletonLock')).isSymbolicLink();
    } catch {
      return false;
    }
  };

  it('is removed when it names another host (a new container) or a process that is gone', () => {
    const otherHost = profileWithLock('3f9c2a1b7d4e-57');
    expect(clearStaleChromiumLock(otherHost)).toBe('removed');
    expect(locked(otherHost)).toBe(false);
    expect(existsSync(join(otherHost, 'SingletonCookie'))).toBe(false);

    const deadPid = profileWithLock(`${hostname()}-4194000`);
    expect(clearStaleChromiumLock(deadPid, { isChromium: () => false })).toBe('removed');
    expect(locked(deadPid)).toBe(false);
  });

  it('is kept while a live Chromium of this host holds it; nothing to do without a lock', () => {
    const live = profileWithLock(`${hostname()}-${process.pid}`);
    expect(clearStaleChromiumLock(live, { isChromium: (pid) => pid === process.pid })).toBe('kept');
    expect(locked(live)).toBe(true);
    // This test process is alive but not a Chromium: a recycled pid does not hold the profile.
    expect(clearStaleChromiumLock(live)).toBe('removed');
    expect(clearStaleChromiumLock(mkdtempSync(join(tmp, 'empty-')))).toBe('none');
  });
});
