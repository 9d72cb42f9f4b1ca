import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { asc, eq } from 'drizzle-orm';
import { openPostgres, type Database } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { chats, claims, kimGroups, outboundMessages, reports, residents, staff, verdicts } from '../../src/db/schema/index.js';
import { id as t } from '../../src/domain/messages/id.js';
import { createAnswerExtras } from '../../src/services/answer-extras.js';
import { createBroadcastService } from '../../src/services/broadcast.service.js';
import { createErasureService } from '../../src/services/erasure.service.js';
import type { Outbox } from '../../src/services/outbox.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { Producers } from '../../src/queues/queues.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testConfig } from '../helpers/config.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const REGION = '15.02.13.2005';
const TEXTS = {
  summarised: 'Info dari Pak Darto (hp 0813 2222 7777): besok semua warga Limbur wajib ambil bantuan beras di balai desa, kalau tidak namanya dicoret',
  quoted: 'Kabar dari Bu Sari (hp 0852 1111 3333): pendaftaran ulang KIP ditutup Jumat, siswa yang belum daftar tidak dapat bantuan lagi tahun ini',
};
const SUMMARY = 'Pesan berantai: warga wajib ambil bantuan beras di balai desa atau namanya dicoret.';

/**
 * Erasing a report while its claim's WhatsApp broadcast waits in the ledger: each queued delivery is composed
 * again with the place in the fan-out the start gave it, so it keeps its greeting and closing — the wording
 * that keeps neighbouring groups from receiving one identical text — and changes only where the text was.
 */
describe('erasure re-renders queued broadcast deliveries as they were staged', () => {
  let testDb: TestDatabase;
  let database: Database;
  let repos: Repositories;
  let adminId = 0;
  const logger = pino({ level: 'silent' });

  const services = () => {
    const config = testConfig({ PUBLIC_URL });
    const extras = createAnswerExtras({ config, repos });
    const producers = { review: async () => undefined } as unknown as Producers;
    const outbox = { dispatch: async () => undefined } as unknown as Outbox;
    const deps = { config, db: database.db, repos, producers, logger } as unknown as ServiceDeps;
    return { broadcasts: createBroadcastService(deps, { outbox, extras }), erasure: createErasureService(deps, { extras }) };
  };

  const queued = (broadcastId: number) =>
    database.db
      .select({ id: outboundMessages.id, platform: outboundMessages.platform, state: outboundMessages.state, body: outboundMessages.body })
      .from(outboundMessages)
      .where(eq(outboundMessages.broadcastId, broadcastId))
      .orderBy(asc(outboundMessages.id));

  /** A claim with an official verdict whose text came from one resident's report. */
  async function claimFrom(text: string, summary: string | null): Promise<{ claimId: number; reportId: number }> {
    const db = database.db;
    const [resident] = await db.insert(residents).values({ pseudonym: `r-${text.length}-${summary ? 's' : 'q'}`, platform: 'whatsapp' }).returning();
    const [chat] = await db.insert(chats).values({ platform: 'whatsapp', kind: 'private', chatKey: `k-${resident!.id}`, addressEnc: 'x', residentId: resident!.id }).returning();
    const [claim] = await db.insert(claims).values({ status: 'verified', text, basicText: text.toLowerCase(), basicHash: `h-${resident!.id}`, reportCount: 1, summary }).returning();
    const [report] = await db
      .insert(reports)
      .values({ dedupeKey: `wa:${chat!.id}:1`, platform: 'whatsapp', residentId: resident!.id, chatId: chat!.id, platformMessageId: '1', rawText: text, basicText: text.toLowerCase(), status: 'analyzed', claimId: claim!.id, matchLevel: 'confirmed' })
      .returning();
    await db.update(claims).set({ sourceReportId: report!.id }).where(eq(claims.id, claim!.id));
    await db.insert(verdicts).values({ claimId: claim!.id, verdict: 'hoaks', kind: 'official', clarification: 'Tidak benar. Dinas sosial tidak pernah membuat aturan itu.', sources: ['https://merangin.go.id/k'] });
    return { claimId: claim!.id, reportId: report!.id };
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openPostgres(testDb.url, logger, { max: 2 });
    repos = createRepositories(database.db);
    adminId = (await database.db.insert(staff).values({ name: 'Admin', role: 'admin', regionCode: '15', tokenHash: 'h' }).returning())[0]!.id;
    // Some ledger rows first, so row ids and places in the fan-out differ.
    for (let i = 0; i < 3; i++) {
      const [chat] = await database.db.insert(chats).values({ platform: 'telegram', kind: 'private', chatKey: `pre-${i}`, addressEnc: 'x' }).returning();
      await database.db.insert(outboundMessages).values({ idempotencyKey: `pre-${i}`, platform: 'telegram', chatId: chat!.id, purpose: 'reply', body: 'hai', state: 'sent' });
    }
    // Five WhatsApp groups and a Telegram one in the middle of the fan-out: places are counted across platforms.
    for (const [i, platform] of (['whatsapp', 'whatsapp', 'telegram', 'whatsapp', 'whatsapp', 'whatsapp'] as const).entries()) {
      const [chat] = await database.db.insert(chats).values({ platform, kind: 'group', chatKey: `g-${i}`, addressEnc: 'x', title: `KIM ${i}`, regionCode: REGION }).returning();
      await database.db.insert(kimGroups).values({ chatId: chat!.id, platform, name: `KIM ${i}`, regionCode: REGION });
    }
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  async function broadcastThenErase(text: string, summary: string | null) {
    const { broadcasts, erasure } = services();
    const { claimId, reportId } = await claimFrom(text, summary);
    const broadcast = await broadcasts.start({ claimId, regions: ['15.02'], platforms: ['whatsapp', 'telegram'], actor: { id: adminId, role: 'admin', regionCode: '15' } });
    const before = await queued(broadcast.id);
    expect(before).toHaveLength(6);
    expect(before.every((r) => r.state === 'queued')).toBe(true);
    expect(await erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const after = await queued(broadcast.id);
    expect(after.map((r) => [r.id, r.state])).toEqual(before.map((r) => [r.id, 'queued']));
    return { before, after };
  }

  const greetingOf = (body: string) => body.split('\n')[0]!;

  it('keeps every body as staged when the erased text was not in it (the approved summary is quoted)', async () => {
    const { before, after } = await broadcastThenErase(TEXTS.summarised, SUMMARY);
    expect(before.every((r) => r.body.includes(SUMMARY))).toBe(true);
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    const whatsapp = after.filter((r) => r.platform === 'whatsapp');
    expect(whatsapp).toHaveLength(5);
    expect(whatsapp.every((r) => t.broadcastVariants.greetings.some((g) => g === greetingOf(r.body)))).toBe(true);
    // Neighbours in the fan-out never read the same greeting.
    for (const [i, row] of after.entries()) {
      const next = after[i + 1];
      if (row.platform === 'whatsapp' && next?.platform === 'whatsapp') expect(greetingOf(next.body)).not.toBe(greetingOf(row.body));
    }
  });

  it('changes only the quoted line when the claim quoted the erased text: greeting and closing stay', async () => {
    const { before, after } = await broadcastThenErase(TEXTS.quoted, null);
    for (const [i, row] of after.entries()) {
      const was = before[i]!.body.split('\n');
      const now = row.body.split('\n');
      expect(now).toHaveLength(was.length);
      const changed = now.flatMap((line, n) => (line === was[n] ? [] : [n]));
      expect(changed).toHaveLength(1);
      expect(was[changed[0]!]).toContain('pendaftaran ulang KIP');
      expect(now[changed[0]!]).toContain(t.erasedClaimText);
      expect(row.body).not.toContain('Bu Sari');
      if (row.platform === 'whatsapp') {
        expect(greetingOf(row.body)).toBe(greetingOf(before[i]!.body));
        expect(t.broadcastVariants.closings.some((c) => row.body.includes(c))).toBe(true);
      }
    }
  });
});
