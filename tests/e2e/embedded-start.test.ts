import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../helpers/services.js';
import { spawnService, waitHealthy, type ServiceProcess } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(env: Record<string, string>, args: string[]) {
  return run(process.execPath, ['bin/saring.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

/** What a newcomer gets from `npm start` with only Redis: PGlite under ./data, Telegram disabled. */
describe('npm start without DATABASE_URL or chat tokens', () => {
  let svc: ServiceProcess | undefined;
  afterAll(async () => {
    if (svc && svc.child.exitCode === null) await svc.kill('SIGKILL');
  });

  it('comes up on embedded PGlite with the bundled regions, lets the CLI work beside it, logs in, and stops cleanly', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'saring-newcomer-'));
    const env = { PORT: String(port), HOST: '127.0.0.1', REDIS_URL, DATA_DIR: dataDir, QUEUE_PREFIX: 'saring-newcomer' };
    svc = spawnService(env, port);
    const health = await waitHealthy(svc, 240_000);
    expect(health).toMatchObject({ status: 'ok', db: true, redis: true, adapters: { telegram: 'disabled', whatsapp: 'disabled' } });
    expect(svc.output()).toContain('embedded PGlite');

    // The README's next step, run while the service is up: it must go through the service, not freeze it.
    const added = await cli({ DATA_DIR: dataDir, REDIS_URL }, ['staff', 'add', '--name', 'KIM Simpang Limbur', '--role', 'admin', '--region', '15.02.13.2005']);
    expect(added.stderr).not.toMatch(/empty/);
    expect(added.code).toBe(0);
    // The region is known by name: the bundled list was imported on first start.
    expect(added.stdout).toContain('Simpang Limbur Merangin');
    const token = /API token[^:]*: (\S+)/.exec(added.stdout)?.[1];
    expect(token).toBeTruthy();

    // The service still answers, and the new token logs in to the dashboard.
    const form = await fetch(`http://127.0.0.1:${port}/dashboard/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const cookie = (form.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const login = await fetch(`http://127.0.0.1:${port}/dashboard/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token ?? '', _csrf: csrf }).toString(),
    });
    expect(login.status).toBe(303);
    expect(await svc.health()).toMatchObject({ status: 'ok' });

    // A second service on the same data folder is refused at once, naming what to do.
    const port2 = await freePort();
    const second = spawnService({ ...env, PORT: String(port2) }, port2);
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(75);
    expect(second.output()).toMatch(/already serves the embedded database/);

    expect(await svc.kill('SIGTERM')).toBe(0);
  });
});

describe('start-up without the servers Saring needs', () => {
  it('says in one line that Redis is missing and how to start it, then exits non-zero', { timeout: 120_000 }, async () => {
    const deadPort = await freePort();
    const port = await freePort();
    const svc = spawnService(
      { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: `redis://127.0.0.1:${deadPort}`, DATA_DIR: mkdtempSync(join(tmpdir(), 'saring-noredis-')), STARTUP_WAIT_SECONDS: '2' },
      port,
    );
    const code = await new Promise<number | null>((resolve) => svc.child.once('exit', resolve));
    expect(code).toBe(69);
    const lines = svc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`redis://127.0.0.1:${deadPort}`);
    expect(lines[0]).toContain('redis-server');
  });

  it('the CLI says the same of an unreachable PostgreSQL instead of hanging', { timeout: 60_000 }, async () => {
    const deadPort = await freePort();
    const res = await cli({ DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${deadPort}/saring`, STARTUP_WAIT_SECONDS: '1' }, ['staff', 'add', '--name', 'X', '--role', 'admin', '--region', '15']);
    expect(res.code).toBe(69);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('PostgreSQL');
    expect(res.stderr).not.toContain('secret');
  });
});
