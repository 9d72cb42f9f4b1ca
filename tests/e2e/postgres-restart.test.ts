import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { guardPostgresDriver } from '../../src/entry/driver-guard.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { privatePostgres, privatePostgresAvailable, type PrivatePostgres } from '../helpers/private-postgres.js';
import { officialHoax, registerGroups } from '../helpers/groups.js';
import { resident } from '../helpers/telegram.js';
import { sleep, waitFor } from '../helpers/wait.js';

// A cluster of this test's own: restarting the shared server would cut every other test run on the machine.
describe.skipIf(!privatePostgresAvailable())('PostgreSQL restarting under load', () => {
  let h: Harness;
  let pg: PrivatePostgres;
  beforeAll(async () => {
    pg = await privatePostgres();
    // The service process installs this guard at start-up (src/entry/run.ts); the in-process harness must too.
    guardPostgresDriver(pino({ level: 'silent' }), { exitOnOther: false });
    // A slow send rate keeps the broadcast in flight while the server restarts.
    h = await startHarness({ TELEGRAM_RATE_GLOBAL_PER_SEC: '4' }, {}, await pg.createDatabase());
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    pg?.destroy();
  });

  it('keeps accepting reports and loses none once it is back, nor any broadcast delivery', { timeout: 180_000 }, async () => {
    const groups = await registerGroups(h, Array.from({ length: 20 }, (_, i) => `15.02.13.${5000 + i}`));
    const { claimId, actor } = await officialHoax(h, 'Sekolah di seluruh Kabupaten Merangin diliburkan dua minggu mulai besok karena kabut asap sangat berbahaya');
    const broadcast = await h.saring.services.broadcasts.start({ claimId, regions: ['15.02.13'], platforms: ['telegram'], actor });
    const residents = Array.from({ length: 16 }, () => resident(h.emulator));
    const sending = (async () => {
      for (const [i, r] of residents.entries()) {
        await r.client.sendMessage(r.client.makeMessage(`Warga ${i} bertanya: benarkah sekolah di Merangin diliburkan dua minggu karena kabut asap tebal?`)).catch(() => undefined);
        await sleep(250);
      }
    })();
    await sleep(1000);
    pg.restart();
    await sending;

    await waitFor(() => residents.every((r) => h.emulator.botMessagesTo(r.chatId).length > 0), { what: 'every resident answered', timeoutMs: 60_000 }).catch(async (err: unknown) => {
      const rows = await h.saring.database.sql`select id, status from reports order by id`;
      const out = await h.saring.database.sql`select idempotency_key, state, attempts, last_error from outbound_messages order by id`;
      console.log(JSON.stringify({ answered: residents.map((r) => h.emulator.botMessagesTo(r.chatId).length), rows, out }, null, 1));
      throw err;
    });
    await waitFor(() => groups.every((g) => h.emulator.botMessagesTo(g.telegramChatId).length > 0), { what: 'every group reached', timeoutMs: 60_000 });
    await sleep(3000);
    for (const r of residents) expect(h.emulator.botMessagesTo(r.chatId)).toHaveLength(1);
    for (const g of groups) expect(h.emulator.botMessagesTo(g.telegramChatId)).toHaveLength(1);
    const status = await waitFor(async () => {
      const st = await h.saring.services.broadcasts.status(broadcast.id, actor);
      return st.status === 'done' ? st : null;
    }, { what: 'broadcast done' });
    expect(status).toMatchObject({ total: 20, sent: 20, failed: 0 });
    const [{ n }] = (await h.saring.database.sql`select count(*)::int as n from reports`) as unknown as [{ n: number }];
    expect(n).toBe(residents.length);
    const health = await (await fetch(`${h.saring.url}/health`)).json();
    expect(health).toMatchObject({ db: true, redis: true });
  });
});
