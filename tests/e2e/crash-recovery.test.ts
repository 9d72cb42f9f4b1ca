import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { webhookServiceEnv } from '../helpers/config.js';
import { startEmulator, resident, type Emulator } from '../helpers/telegram.js';
import { startGateProxy } from '../helpers/gate-proxy.js';
import { spawnService, waitHealthy, type ServiceProcess } from '../helpers/process.js';
import { freePort, sleep, waitFor } from '../helpers/wait.js';
import postgres from 'postgres';

describe('SIGKILL between "report stored" and "ticket sent"', () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let gate: Awaited<ReturnType<typeof startGateProxy>>;
  let svc: ServiceProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    database = await createTestDatabase();
    gate = await startGateProxy(emulator.apiRoot);
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    await gate?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  it('sends exactly one ticket reply after restart', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const env = webhookServiceEnv(database.url, gate.url, port, {
      LOG_LEVEL: 'info',
    });
    svc = spawnService(env, port);
    await waitHealthy(svc);

    gate.hold(true);
    const r = resident(emulator, 'Dewi');
    await r.client.sendMessage(r.client.makeMessage('Beredar kabar beras plastik dijual di pasar Bangko, benarkah?'));
    await waitFor(() => gate.heldCount() > 0, { what: 'reply in flight', timeoutMs: 15_000 });

    const sql = postgres(database.url, { max: 1 });
    try {
      expect((await sql`select count(*)::int as n from reports`)[0]!.n).toBe(1);
      expect((await sql`select state from outbound_messages`).map((x) => x.state)).toEqual(['queued']);

      await svc.kill('SIGKILL');
      gate.dropHeld();
      gate.hold(false);
      expect(emulator.botMessagesTo(r.chatId)).toHaveLength(0);

      svc = spawnService(env, port);
      await waitHealthy(svc);
      await waitFor(() => emulator.botMessagesTo(r.chatId).length > 0, { what: 'ticket after restart', timeoutMs: 45_000 });
      // Give a would-be duplicate every chance to show up (stall checks, reconciler).
      await sleep(6_000);
      const replies = emulator.botMessagesTo(r.chatId);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.text).toMatch(/Nomor tiket: T-\d+/);
      expect((await sql`select count(*)::int as n from reports`)[0]!.n).toBe(1);
      expect((await sql`select state from outbound_messages`).map((x) => x.state)).toEqual(['sent']);
    } finally {
      await sql.end();
    }
  });
});
