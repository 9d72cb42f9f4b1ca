import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { chats, claims, reports } from '../../src/db/schema/index.js';
import { LOCAL_REASON } from '../../src/nlp/hoax-scorer.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';
import { dashboardLogin } from '../helpers/dashboard.js';

/**
 * Learning from local verdicts over the whole service: three residents forward three rewordings of a new local
 * hoax, a moderator publishes `hoaks` on them, and a fourth rewording then scores high, with the reason that it
 * resembles reports decided here. (Whether the fourth is also *matched* to the decided claim is the matcher's
 * business, tested with the matching rules.)
 */
const REWORDINGS = [
  'Warga desa diminta waspada, air sumur di Kecamatan Tabir tercemar limbah pabrik sawit, jangan dipakai minum sampai ada pengumuman',
  'Tolong kabari keluarga: sumur warga di kecamatan Tabir kena limbah dari pabrik kelapa sawit, airnya jangan diminum dulu',
  'Air sumur di daerah Tabir sudah tercemar limbah pabrik sawit katanya, warga jangan minum air sumur dulu ya',
];
const FOURTH = 'katanya limbah pabrik sawit sudah mencemari sumur warga di kecamatan Tabir, jangan minum air sumur dulu sampai aman';

describe('local verdicts teach the scorer', () => {
  let h: Harness;
  let app: FastifyInstance;
  let moderatorToken: string;
  let before: number;

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    moderatorToken = (await h.saring.services.staff.add({ name: 'KIM Limbur', role: 'moderator', regionCode: '15.02.13' })).token;
    before = h.saring.services.nlp.score(FOURTH).score;
  }, 60_000);
  afterAll(async () => h?.stop());

  it('after verdicts on three rewordings, a fourth rewording scores high', async () => {
    for (const text of REWORDINGS) {
      const r = resident(h.emulator);
      await r.client.sendMessage(r.client.makeMessage(text));
      await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: 'ticket', timeoutMs: 20_000 });
    }
    const db = h.saring.database.db;
    const rows = await waitFor(
      async () => {
        const found = await db.select().from(reports).where(inArray(reports.rawText, REWORDINGS));
        return found.length === 3 && found.every((r) => r.claimId !== null) ? found : null;
      },
      { what: 'three analysed reports', timeoutMs: 20_000 },
    );
    const claimIds = [...new Set(rows.map((r) => r.claimId!))];
    await db.update(claims).set({ regionCode: '15.02.13.2005' }).where(inArray(claims.id, claimIds));
    await db.update(chats).set({ regionCode: '15.02.13.2005' }).where(inArray(chats.id, rows.map((r) => r.chatId)));
    for (const id of claimIds) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/claims/${id}/verdict`,
        headers: { authorization: `Bearer ${moderatorToken}` },
        payload: { verdict: 'hoaks', clarification: 'Dinas Lingkungan Hidup sudah menguji air sumur di Tabir: tidak tercemar.', sources: ['https://merangin.go.id/berita/air-sumur'] },
      });
      expect(res.statusCode).toBe(200);
    }
    // The publishing process scores with the new memory at once.
    const after = h.saring.services.nlp.score(FOURTH);
    expect(h.saring.services.nlp.localMemorySize).toBe(3);
    expect(after.score).toBeGreaterThan(before);
    expect(after.band).toBe('tinggi');
    expect(after.signals).toContain(LOCAL_REASON);

    // Sent by a resident, the fourth rewording is either answered as the decided claim or starts a claim in the high band.
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(FOURTH));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: 'ticket', timeoutMs: 20_000 });
    const [report] = await waitFor(async () => {
      const found = await db.select().from(reports).where(eq(reports.rawText, FOURTH));
      return found[0]?.claimId ? found : null;
    }, { what: 'fourth report analysed', timeoutMs: 20_000 });
    const [claim] = await db.select().from(claims).where(eq(claims.id, report!.claimId!));
    if (!claimIds.includes(claim!.id)) {
      expect(claim!.scoreBand).toBe('tinggi');
      expect(claim!.signals).toContain(LOCAL_REASON);
    }
  }, 120_000);

  it('shows the live model version on the statistics page', async () => {
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const { cookie } = await dashboardLogin(app, staff.token);
    const res = await app.inject({ method: 'GET', url: '/dashboard/stats', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Model yang dipakai: ${h.saring.services.nlp.hoaxModelVersion}`);
    expect(res.body).toMatch(/Model yang dipakai: v4-[0-9a-f]{10}/);
    expect(res.body).toContain('3 laporan dari putusan yang sudah terbit');
  });
});
