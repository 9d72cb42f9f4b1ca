import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config/config.js';
import { startSaring, type RunningSaring } from '../../src/entry/service.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testEnv } from '../helpers/config.js';
import { createRedis } from '../../src/queues/redis.js';
import { createChatPacer } from '../../src/queues/chat-pacer.js';
import { REDIS_URL } from '../helpers/services.js';

/**
 * The service's stores and services without its workers or bots (nothing runs behind the test's back):
 * the intake's one statement, and the analyze step's batches, against real PostgreSQL and Redis.
 */
describe('one-statement intake and batched analysis', () => {
  let database: TestDatabase;
  let saring: RunningSaring;
  let nextMessage = 1;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(testEnv({ DATABASE_URL: database.url }));
    saring = await startSaring(config, pino({ level: 'silent' }), { api: false, workers: false, bots: false });
  });
  afterAll(async () => {
    await saring?.stop();
    await database?.drop();
  });

  const message = (userId: string, text: string, messageId = String(nextMessage++)): InboundMessage => ({
    platform: 'telegram',
    messageId,
    chat: { id: userId, kind: 'private' },
    sender: { id: userId, isBot: false },
    text,
    forwarded: true,
    receivedAt: new Date(),
  });
  const count = async (q: ReturnType<typeof sql>) => Number(([...(await saring.database.db.execute<{ n: number }>(q))][0] as { n: number }).n);
  const reportOf = async (userId: string, messageId: string) => {
    const rows = await saring.database.sql<{ id: number; status: string }[]>`select r.id, r.status from reports r where r.platform_message_id = ${messageId} order by r.id`;
    void userId;
    return rows;
  };

  it('stores a private report with its new resident and chat in one statement, and a redelivery stores nothing more', async () => {
    const msg = message('7001', 'Besok PLN padamkan listrik se-Jawa selama lima hari, segera isi air dan sebarkan!');
    const before = saring.database.statements();
    await saring.services.intake.handleMessage(msg);
    expect(saring.database.statements() - before).toBe(1);
    await saring.services.intake.handleMessage(msg);
    expect(await reportOf('7001', msg.messageId)).toHaveLength(1);
    expect(await count(sql`select count(*)::int as n from residents`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from chats where kind = 'private'`)).toBe(1);
    // The same resident's next report finds both rows, still in one statement.
    const next = message('7001', 'Bantuan sosial tiga juta cair hari ini untuk semua warga, daftar lewat tautan sebelum tanggal sepuluh');
    const mark = saring.database.statements();
    await saring.services.intake.handleMessage(next);
    expect(saring.database.statements() - mark).toBe(1);
    expect(await count(sql`select count(*)::int as n from residents`)).toBe(1);
    const [a, b] = [...(await saring.database.sql<{ resident_id: number; chat_id: number }[]>`select resident_id, chat_id from reports order by id`)];
    expect(a).toEqual(b);
  });

  it('analyses a batch in one transaction: one ticket each, claim counters once per batch, and a second pass changes nothing', async () => {
    const same = 'Minum air rebusan daun sirsak tiga kali sehari bisa menyembuhkan kanker dalam tujuh hari kata dokter';
    const texts = [same, same.toUpperCase(), 'Gempa susulan tujuh SR akan terjadi di Palu malam ini menurut BMKG, warga diminta mengungsi', 'Harga beras naik lima puluh persen mulai Senin depan karena stok habis, borong sekarang sebelum kehabisan'];
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      const msg = message(String(7100 + i), text);
      await saring.services.intake.handleMessage(msg);
      const [row] = await reportOf(String(7100 + i), msg.messageId);
      ids.push(row!.id);
      await saring.services.prepare.prepare(row!.id);
    }
    const before = saring.database.statements();
    // The same report twice in one batch (a job delivered twice) counts once.
    const results = await saring.services.analyze.analyzeMany([...ids, ids[0]!]);
    const used = saring.database.statements() - before;
    expect([...results.values()]).toEqual(['analyzed', 'analyzed', 'analyzed', 'analyzed']);
    expect(await count(sql`select count(*)::int as n from outbound_messages where purpose like 'ticket%'`)).toBe(4);
    const [claim] = await saring.database.sql<{ report_count: number; n: number }[]>`
      select c.report_count, (select count(*)::int from reports r where r.claim_id = c.id) as n
      from claims c join reports r0 on r0.claim_id = c.id where r0.id = ${ids[0]!}`;
    expect(claim).toEqual({ report_count: 2, n: 2 });
    // Far fewer statements than reports × the ~12 a report cost one at a time.
    expect(used).toBeLessThan(ids.length * 8);

    const again = await saring.services.analyze.analyzeMany(ids);
    expect([...again.values()]).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(await count(sql`select count(*)::int as n from outbound_messages where purpose like 'ticket%'`)).toBe(4);
    expect(await count(sql`select coalesce(sum(report_count), 0)::int as n from claims where external_id is null`)).toBe(4);
  });

  it('a burst of copies costs statements per batch, not per report: claims read once, desa buttons written at once', async () => {
    const texts = [
      'Bantuan sosial tunai tahap tiga cair minggu ini, daftarkan nomor KTP anda lewat tautan resmi sebelum Jumat',
      'Vaksin booster keempat wajib bagi lansia mulai bulan depan, yang menolak tidak dapat bantuan beras',
      'Jembatan penghubung dua desa akan ditutup total selama sebulan mulai besok untuk perbaikan rangka',
    ];
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const msg = message(String(7400 + i), texts[i % texts.length]!);
      await saring.services.intake.handleMessage(msg);
      ids.push((await reportOf(String(7400 + i), msg.messageId))[0]!.id);
    }
    await saring.services.prepare.prepareMany(ids);
    const before = saring.database.statements();
    await saring.services.analyze.analyzeMany(ids);
    const used = saring.database.statements() - before;
    // Per batch: BEGIN, lock, origins, exact-text claims, desa tokens, results, counters, replies, COMMIT (and one
    // to spare); per distinct claim: its creation and its verdict. Reading claims and writing tokens per report
    // cost 12 × 3 more.
    expect(used).toBeLessThanOrEqual(10 + 2 * texts.length);
    const [claims] = await saring.database.sql<{ n: number; reports: number }[]>`
      select count(distinct claim_id)::int as n, count(*)::int as reports from reports where id = any(${ids})`;
    expect(claims).toEqual({ n: 3, reports: 12 });
    // Every ticket carries its resident's own desa button, and each button's token exists.
    const tickets = await saring.database.sql<{ chat_id: number; buttons: Array<Array<{ data: string }>> }[]>`
      select chat_id, buttons from outbound_messages where report_id = any(${ids}) order by report_id`;
    expect(tickets).toHaveLength(12);
    const tokens = tickets.map((row) => row.buttons[0]![0]!.data);
    expect(new Set(tokens).size).toBe(12);
    const stored = await saring.database.sql<{ token: string; chat_id: number }[]>`select token, chat_id from callback_tokens where token = any(${tokens})`;
    expect(new Map(stored.map((r) => [r.token, r.chat_id]))).toEqual(new Map(tickets.map((row, i) => [tokens[i]!, row.chat_id])));
  });

  it('the same job processed twice at once yields one analysis, one ticket and one count', async () => {
    const msg = message('7200', 'Pendaftaran CPNS jalur khusus dibuka untuk lulusan SMA, cukup transfer biaya administrasi ke rekening panitia');
    await saring.services.intake.handleMessage(msg);
    const [row] = await reportOf('7200', msg.messageId);
    await saring.services.prepare.prepare(row!.id);
    const outcomes = await Promise.all([saring.services.analyze.analyzeMany([row!.id]), saring.services.analyze.analyze(row!.id)]);
    expect([outcomes[0].get(row!.id), outcomes[1]].sort()).toEqual(['analyzed', 'skipped']);
    expect(await count(sql`select count(*)::int as n from outbound_messages where report_id = ${row!.id}`)).toBe(1);
    const [claim] = await saring.database.sql<{ report_count: number }[]>`select c.report_count from claims c join reports r on r.claim_id = c.id where r.id = ${row!.id}`;
    expect(claim?.report_count).toBe(1);
  });
  it('prepares a batch in a few statements, a fragment of the same batch merged into the report it completes, then analyses the rest in the same pass', async () => {
    const sent = new Date();
    const link = { ...message('7300', 'https://bit.ly/bansos-cair-2026'), receivedAt: sent };
    const caption = { ...message('7300', 'bantuan tiga juta'), receivedAt: new Date(sent.getTime() + 500) };
    const others = ['7301', '7302', '7303'].map((u) => message(u, `Warga ${u}: vaksin booster keempat wajib untuk semua lansia mulai bulan depan, kalau tidak bansos dicabut`));
    const ids: number[] = [];
    for (const msg of [link, caption, ...others]) {
      await saring.services.intake.handleMessage(msg);
      ids.push((await reportOf(msg.sender.id, msg.messageId))[0]!.id);
    }
    const before = saring.database.statements();
    const prepared = await saring.services.prepare.prepareMany(ids);
    // BEGIN, lock, burst candidates, the batch's texts, the follower's look-up and merge, COMMIT: not five per report.
    expect(saring.database.statements() - before).toBeLessThanOrEqual(8);
    expect([...prepared.values()]).toEqual(['prepared', 'merged', 'prepared', 'prepared', 'prepared']);
    const [main] = await saring.database.sql<{ raw_text: string; basic_text: string }[]>`select raw_text, basic_text from reports where id = ${ids[0]!}`;
    expect(main?.raw_text).toBe('https://bit.ly/bansos-cair-2026\nbantuan tiga juta');
    expect(main?.basic_text).toContain('bantuan tiga juta');
    const [other] = await saring.database.sql<{ basic_text: string | null }[]>`select basic_text from reports where id = ${ids[2]!}`;
    expect(other?.basic_text).toContain('vaksin booster');

    // The pipeline's pass (as after a crash between the stages): the merged part is not analysed on its own, the
    // rest get one ticket each.
    const outcomes = await saring.services.pipeline.runMany(ids);
    expect([...outcomes.values()]).toEqual(['analyzed', 'skipped', 'analyzed', 'analyzed', 'analyzed']);
    expect(await count(sql`select count(*)::int as n from outbound_messages where report_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`)).toBe(4);
    const [part] = await saring.database.sql<{ claim_id: number | null; match_level: string }[]>`select claim_id, match_level from reports where id = ${ids[1]!}`;
    const [whole] = await saring.database.sql<{ claim_id: number | null }[]>`select claim_id from reports where id = ${ids[0]!}`;
    expect(part).toEqual({ claim_id: whole!.claim_id, match_level: 'merged' });
    // A redelivered batch changes nothing.
    expect([...(await saring.services.pipeline.runMany(ids)).values()]).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(await count(sql`select count(*)::int as n from outbound_messages where report_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`)).toBe(4);
  });
});

describe('pacer booking ahead', () => {
  it('books evenly spaced slots up to the horizon, then says wait; per-chat gaps still hold', async () => {
    const redis = createRedis(REDIS_URL);
    const prefix = `saring-test-pacer-${process.pid}-${Date.now()}`;
    try {
      const pacer = createChatPacer(redis, prefix);
      const all = { minIntervalMs: 100, windowMs: 1000, maxInWindow: 10 };
      const chat = { minIntervalMs: 1000, windowMs: 0, maxInWindow: 0 };
      const booked: number[] = [];
      let refused = 0;
      for (let i = 0; i < 15; i++) {
        const r = await pacer.reserve([{ key: 'all', rule: all }, { key: `chat${i}`, rule: chat }], `t${i}`, 500);
        if (r.waitMs > 0) refused++;
        else booked.push(r.aheadMs);
      }
      // Slots 0, 100, …, 500 ms ahead fit the 500 ms horizon (a slow Redis round trip may shift one by a few ms).
      expect(booked.length).toBeGreaterThanOrEqual(5);
      expect(booked.length).toBeLessThanOrEqual(7);
      expect(refused).toBe(15 - booked.length);
      for (let i = 1; i < booked.length; i++) expect(booked[i]! - booked[i - 1]!).toBeGreaterThanOrEqual(90);
      // Nothing booked ahead without a horizon: the same chat must wait its whole second.
      const first = await pacer.reserve([{ key: 'solo', rule: chat }], 'a');
      const second = await pacer.reserve([{ key: 'solo', rule: chat }], 'b');
      expect(first).toEqual({ waitMs: 0, blockedBy: -1, aheadMs: 0 });
      expect(second.waitMs).toBeGreaterThan(900);
      expect(second.blockedBy).toBe(0);
    } finally {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
