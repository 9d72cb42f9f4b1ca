import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startSaring, type RunningSaring } from '../../src/entry/service.js';
import { webhookServiceEnv } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { privateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';
import { freePort, sleep, waitFor } from '../helpers/wait.js';

/**
 * Red team: the flood gate ran on a blocking Redis connection before the report was stored, so with
 * Redis down the webhook hung, nothing was stored, /health hung and the log got thousands of lines.
 * Here the service runs on a PRIVATE redis-server that the test stops (SIGKILL) and starts again.
 */
describe('Redis down: store first, acknowledge, answer once when it is back', () => {
  let redis: PrivateRedis;
  let emulator: Emulator;
  let database: TestDatabase;
  let saring: RunningSaring;
  let env: Record<string, string | undefined>;
  const lines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    redis = await privateRedis();
    await redis.start();
    emulator = await startEmulator();
    database = await createTestDatabase();
    const port = await freePort();
    env = webhookServiceEnv(database.url, emulator.apiRoot, port, { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '1000' });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    saring = await startSaring(loadConfig(env), pino({ level: 'warn' }, sink));
  });
  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    await saring?.stop();
    await redis?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  /** Resolves with the call's result, or fails when it takes longer than `ms` (the acceptance budget). */
  async function within<T>(ms: number, what: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([call, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  const health = async () => (await fetch(`${saring.url}/health`)).json() as Promise<{ status: string; redis: boolean; db: boolean }>;

  it('stores and acknowledges reports within 2 s, says degraded within 1 s, logs the outage a few times, answers each once after', { timeout: 120_000 }, async () => {
    const residents = Array.from({ length: 3 }, () => resident(emulator));
    let update = 61_000_000;
    // What Telegram does: POST the update with the secret; the webhook answers only once it is stored.
    const deliver = (chatId: number, text: string) =>
      fetch(`${saring.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': env.TELEGRAM_WEBHOOK_SECRET! },
        body: JSON.stringify({
          update_id: ++update,
          message: {
            message_id: update,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private', first_name: 'W' },
            from: { id: chatId, is_bot: false, first_name: 'W' },
            text,
            ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}),
          },
        }),
      });
    await redis.stop();
    const logsAtOutage = lines.length;

    const h = await within(1_000, '/health during the outage', health());
    expect(h).toMatchObject({ status: 'degraded', redis: false, db: true });

    for (const [i, r] of residents.entries()) {
      const res = await within(2_000, `webhook for report ${i}`, deliver(r.chatId, `Laporan ${i}: benarkah jembatan gantung desa ditutup total mulai besok pagi karena retak parah?`));
      expect(res.status).toBe(200);
    }
    // A private command is acknowledged too (its flood gate fails open; its answer waits in the ledger).
    const asker = resident(emulator);
    expect((await within(2_000, 'webhook for /bantuan', deliver(asker.chatId, '/bantuan'))).status).toBe(200);
    const sql = saring.database.sql;
    const [{ n }] = (await sql`select count(*)::int as n from reports`) as unknown as [{ n: number }];
    expect(n).toBe(residents.length);

    // Reconnect attempts go on for a while; the log says so once per interval, not per attempt.
    await sleep(3_000);
    const outageLines = lines.slice(logsAtOutage).filter((l) => /redis|queue|worker|reconcile/i.test(l.msg));
    expect(outageLines.length, JSON.stringify(outageLines.map((l) => l.msg))).toBeLessThanOrEqual(15);

    await redis.start();
    const wanted = (r: (typeof residents)[number]) => emulator.botMessagesTo(r.chatId).filter((m) => /T-\d+/.test(m.text));
    await waitFor(() => residents.every((r) => wanted(r).length > 0), { what: 'every resident answered after Redis is back', timeoutMs: 60_000 });
    await waitFor(async () => (await health()).status === 'ok', { what: 'healthy again', timeoutMs: 20_000 });
    await sleep(3_000); // more reconcile passes must not answer again
    for (const r of residents) expect(wanted(r)).toHaveLength(1);
    expect(emulator.botMessagesTo(asker.chatId)).toHaveLength(1);
  });
});
