import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { officialHoax, registerGroups } from '../helpers/groups.js';
import { REDIS_URL } from '../helpers/services.js';
import { sleep, waitFor } from '../helpers/wait.js';

/**
 * Redis loses everything while reports and a broadcast are in flight. In CI (nothing else uses that
 * Redis, test files run one at a time) it is a real FLUSHALL; on a shared developer machine only this
 * run's keys are deleted at once — the same loss as far as Saring can tell — so other runs are not disturbed.
 */
describe('losing Redis in the middle of work', () => {
  let h: Harness;
  let redis: Redis;
  beforeAll(async () => {
    h = await startHarness({ RECONCILE_INTERVAL_MS: '1500', TELEGRAM_RATE_GLOBAL_PER_SEC: '10' });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis?.quit();
    await h?.stop();
  });

  /**
   * All of this run's keys in one script, so the loss is whole, as when Redis restarts empty. Deleting them in
   * SCAN batches while the service runs left half-jobs behind (a job's hash created after the scan passed it,
   * its list entry deleted): an orphan under the job's id, which BullMQ's add under that id then leaves as it is.
   */
  async function flushSaringKeys(prefix: string): Promise<number> {
    const script = `local keys = redis.call('KEYS', ARGV[1])
      for i = 1, #keys, 1000 do redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys))) end
      return #keys`;
    return (await redis.eval(script, 0, `${prefix}:*`)) as number;
  }

  it('loses no report, answers every resident once and reaches every group once', { timeout: 120_000 }, async () => {
    const groups = await registerGroups(h, Array.from({ length: 30 }, (_, i) => `15.02.13.${4000 + i}`));
    const { claimId, actor } = await officialHoax(h, 'Air PDAM Bangko tercemar bakteri berbahaya mulai hari ini, jangan diminum walaupun sudah dimasak sampai mendidih');
    const broadcast = await h.saring.services.broadcasts.start({ claimId, regions: ['15.02.13'], platforms: ['telegram'], actor });
    const residents = Array.from({ length: 12 }, () => resident(h.emulator));
    for (const [i, r] of residents.entries()) {
      await r.client.sendMessage(r.client.makeMessage(`Laporan warga ${i}: benarkah ada razia besar-besaran kendaraan di jalan lintas Sumatra nanti malam?`));
      await sleep(40);
    }
    await sleep(800);
    if (process.env.CI) {
      expect(await redis.dbsize()).toBeGreaterThan(0);
      await redis.flushall();
    } else {
      expect(await flushSaringKeys(h.env.QUEUE_PREFIX!)).toBeGreaterThan(0);
    }

    await waitFor(() => residents.every((r) => h.emulator.botMessagesTo(r.chatId).length > 0), { what: 'every resident answered', timeoutMs: 60_000 });
    await waitFor(() => groups.every((g) => h.emulator.botMessagesTo(g.telegramChatId).length > 0), { what: 'every group reached', timeoutMs: 60_000 });
    await sleep(4000); // a second reconcile pass must not double anything
    for (const r of residents) expect(h.emulator.botMessagesTo(r.chatId)).toHaveLength(1);
    for (const g of groups) expect(h.emulator.botMessagesTo(g.telegramChatId)).toHaveLength(1);
    const sql = h.saring.database.sql;
    const [{ n }] = (await sql`select count(*)::int as n from reports`) as unknown as [{ n: number }];
    expect(n).toBe(residents.length);
    const [{ pending }] = (await sql`select count(*)::int as pending from reports where status = 'received'`) as unknown as [{ pending: number }];
    expect(pending).toBe(0);
    const status = await waitFor(async () => {
      const s = await h.saring.services.broadcasts.status(broadcast.id, actor);
      return s.status === 'done' ? s : null;
    }, { what: 'broadcast done' });
    expect(status).toMatchObject({ total: 30, sent: 30, failed: 0 });
  });
});
