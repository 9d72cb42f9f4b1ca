import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../helpers/services.js';
import { spawnService, waitHealthy, type ServiceProcess } from '../helpers/process.js';
import { freePort } from '../helpers/wait.js';

/** What a newcomer gets from `npm start` with only Redis: PGlite under ./data, Telegram disabled. */
describe('npm start without DATABASE_URL or chat tokens', () => {
  let svc: ServiceProcess | undefined;
  afterAll(async () => {
    if (svc && svc.child.exitCode === null) await svc.kill('SIGKILL');
  });

  it('comes up on embedded PGlite, answers /health, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'saring-newcomer-'));
    svc = spawnService({ PORT: String(port), HOST: '127.0.0.1', REDIS_URL, DATA_DIR: dataDir, QUEUE_PREFIX: 'saring-newcomer' }, port);
    const health = await waitHealthy(svc, 90_000);
    expect(health).toMatchObject({ status: 'ok', db: true, redis: true, adapters: { telegram: 'disabled', whatsapp: 'disabled' } });
    expect(svc.output()).toContain('embedded PGlite');
    expect(await svc.kill('SIGTERM')).toBe(0);
  });
});
