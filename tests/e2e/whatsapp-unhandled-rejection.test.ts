import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { webhookServiceEnv } from '../helpers/config.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';
import { spawnService, waitHealthy, type ServiceProcess } from '../helpers/process.js';
import { freePort, waitFor } from '../helpers/wait.js';

/**
 * Issue #17 point 3: whatsapp-web.js's async `framenavigated` listener re-injects after a WhatsApp Web
 * reload; when inject() rejects ('auth timeout', "Execution context was destroyed") nobody awaits it.
 * The real process (npm start's entry and its guards, with the WhatsApp stand-in) must stay up: the
 * WhatsApp adapter reconnects, /health keeps answering, Telegram keeps answering residents.
 */
describe('an unhandled rejection from the WhatsApp page', () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let svc: ServiceProcess | undefined;
  let port: number;

  beforeAll(async () => {
    emulator = await startEmulator();
    database = await createTestDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    if (svc && svc.child.exitCode === null) await svc.kill('SIGKILL');
    await emulator?.stop();
    await database?.drop();
  });

  it.each([['auth timeout', 'string'], ['Execution context was destroyed', 'error']])(
    'does not end the process (%s): WhatsApp reconnects, /health answers, Telegram still replies',
    { timeout: 120_000 },
    async (_what, kind) => {
      const env = webhookServiceEnv(database.url, emulator.apiRoot, port, {
        LOG_LEVEL: 'info',
        WHATSAPP_ENABLED: 'true',
        WHATSAPP_MIN_INTERVAL_MS: '0',
        FAKE_WA_REJECTION: kind,
      });
      svc = spawnService(env, port, 'tests/fixtures/whatsapp/service-with-stand-in.ts');
      await waitHealthy(svc);

      svc.child.kill('SIGUSR2');
      await waitFor(() => svc!.output().includes('unhandled rejection contained to whatsapp adapter'), { what: 'rejection contained', timeoutMs: 15_000 });
      // Still the same process, answering; WhatsApp comes back with a new client.
      expect(svc.child.exitCode).toBeNull();
      const health = await svc.health();
      expect(health).not.toBeNull();
      await waitFor(async () => (await svc!.health())?.adapters.whatsapp === 'ready', { what: 'whatsapp ready again', timeoutMs: 30_000 });
      expect(svc.output()).toMatch(/whatsapp page failure contained; reconnecting/);

      const r = resident(emulator, `Warga ${kind}`);
      await r.client.sendMessage(r.client.makeMessage('Benarkah ada razia kendaraan besar-besaran besok pagi di jalan lintas Sumatra?'));
      await waitFor(() => emulator.botMessagesTo(r.chatId).find((m) => /Nomor tiket: T-\d+/.test(m.text)), { what: 'telegram ticket', timeoutMs: 30_000 });
      expect(svc.child.exitCode).toBeNull();
      await svc.kill('SIGTERM');
    },
  );
});
