import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { claims, reports } from '../../src/db/schema/index.js';
import { createClaimImportService } from '../../src/services/claim-import.service.js';
import { createClaimCatalog } from '../../src/services/claim-catalog.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

// A fact-checker's short title, and what residents actually forward (it shares few of the title's words).
const TITLE = 'Air sumur Desa Limbur tercemar limbah tambang emas';
const FORWARD =
  'Assalamualaikum warga semua, mulai hari ini air sumur di Desa Limbur tidak boleh dipakai untuk minum dan masak karena ' +
  'sudah tercemar limbah tambang emas dari hulu sungai. Anak-anak jangan mandi di sungai, tunggu pengumuman resmi dari puskesmas kecamatan';
const REWORDED =
  'Diteruskan dari grup sebelah: mulai hari ini air sumur di Desa Limbur gak boleh dipakai buat minum dan masak karena udah ' +
  'tercemar limbah tambang emas dari hulu sungai, anak2 jangan mandi di sungai!! tunggu pengumuman resmi puskesmas kecamatan';
const CLARIFICATION = 'Hasil uji laboratorium dinas kesehatan: air sumur Limbur aman diminum.';

/** A moderator's ✓ on a suggestion teaches the matcher that wording: the next rewording is answered at once. */
describe('confirmed suggestions become aliases of their claim', () => {
  let h: Harness;
  let token: string;
  let claimId: number;

  beforeAll(async () => {
    h = await startHarness();
    const s = h.saring;
    token = (await s.services.staff.add({ name: 'KIM Limbur', role: 'moderator', regionCode: '15.02.13' })).token;
    const importer = createClaimImportService({ db: s.database.db, repos: s.services.repos }, s.services.nlp);
    const line = JSON.stringify({ id: 'ext-sumur', text: TITLE, verdict: 'hoaks', clarification: CLARIFICATION, sources: ['https://merangin.go.id/air'], region: '15.02.13' });
    expect((await importer.importLines([line])).added).toBe(1);
    await waitFor(() => s.services.catalog.size >= 1, { what: 'claim indexed' });
    claimId = (await s.database.db.select().from(claims).where(eq(claims.externalId, 'ext-sumur')))[0]!.id;
  }, 90_000);
  afterAll(async () => h?.stop());

  async function forward(text: string) {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    const reply = await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0]?.text, { what: 'first reply', timeoutMs: 15_000 });
    const [row] = await h.saring.database.db.select().from(reports).where(eq(reports.rawText, text));
    return { reply, row: row! };
  }

  it('suggests the long forward, and after the ✓ answers a rewording automatically', async () => {
    const first = await forward(FORWARD);
    expect(first.row).toMatchObject({ claimId, matchLevel: 'suggest' });
    expect(first.reply).not.toContain(CLARIFICATION);

    const res = await h.saring.app!.inject({ method: 'POST', url: `/api/reports/${first.row.id}/confirm-match`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);

    const second = await forward(REWORDED);
    expect(second.row).toMatchObject({ claimId, matchLevel: 'auto' });
    expect(second.reply).toContain(CLARIFICATION);
  });

  it('another process reads the aliases from the database', async () => {
    const s = h.saring;
    const other = createClaimCatalog(s.services.nlp, s.services.repos.claims, pino({ level: 'silent' }), s.services.repos.reports);
    await other.refresh();
    expect(other.index.aliasCount(String(claimId))).toBe(1);
    const [best] = other.index.query(s.services.nlp.normalize(REWORDED));
    expect(best).toMatchObject({ id: String(claimId) });
    expect(best!.similarity).toBeGreaterThanOrEqual(0.9);
  });

  it('a /hapus of the confirmed report takes its wording out of the index', async () => {
    const s = h.saring;
    const [row] = await s.database.db.select().from(reports).where(eq(reports.rawText, FORWARD));
    expect(await s.services.erasure.eraseReport(row!.id, 'resident')).not.toBeNull();
    await waitFor(async () => (await s.services.catalog.refresh(), s.services.catalog.index.aliasCount(String(claimId)) === 0) || null, { what: 'alias dropped' });
  });
});
