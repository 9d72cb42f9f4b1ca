import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { reports, reportMedia } from '../../src/db/schema/index.js';
import { createClaimImportService } from '../../src/services/claim-import.service.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { waitFor } from '../helpers/wait.js';
import { animatedGif, asJpeg, chatScreenshot, corruptJpeg, forwardedCopy, pngBomb, poster } from '../fixtures/media/pictures.js';

/** OCR is slow on 2 shared cores: generous waits, never timed assertions. */
const OCR_WAIT = 120_000;
/** Per test: several pictures read one after another on a busy machine. */
const TEST_TIMEOUT = 300_000;

const POSTER = ['Bantuan sosial Rp 2,5 juta', 'cair lewat link pendaftaran', 'daftar sebelum 30 November'];
const SAME_TEMPLATE = ['Vaksin booster gratis untuk', 'lansia di puskesmas terdekat', 'hari Sabtu jam delapan pagi'];
const SCREENSHOT_CLAIM = 'Minum air garam hangat setiap pagi dapat menyembuhkan covid dalam tiga hari, sebarkan ke grup keluarga';

describe('pictures over the Bot API emulator: read, matched, shown to moderators', () => {
  let h: Harness;
  let mods: Awaited<ReturnType<typeof moderatorGroup>>;
  let posterClaimId = 0;
  let officerToken = '';
  let otherRegionToken = '';
  let actor: { id: number; role: 'diskominfo'; regionCode: string };

  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
    mods = await moderatorGroup(h, { name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    const officer = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    officerToken = officer.token;
    actor = { id: officer.staff.id, role: 'diskominfo', regionCode: '15.02' };
    otherRegionToken = (await h.saring.services.staff.add({ name: 'KIM Kota Besi', role: 'moderator', regionCode: '62.02.01' })).token;
    const importer = createClaimImportService({ db: h.saring.database.db, repos: h.saring.services.repos }, h.saring.services.nlp);
    await importer.importLines([JSON.stringify({ id: 'ext-garam', text: SCREENSHOT_CLAIM, verdict: 'hoaks', clarification: 'Air garam tidak menyembuhkan covid.', sources: ['https://www.kemkes.go.id/garam'] })]);
    await waitFor(() => h.saring.services.catalog.size >= 1, { what: 'claim indexed' });
  }, 60_000);
  afterAll(async () => h?.stop());

  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text ?? m.caption ?? '');

  /** A resident forwards a picture as Telegram delivers it: several sizes, no text field. */
  async function sendPhoto(r: ReturnType<typeof resident>, bytes: Buffer, caption?: string) {
    // A corrupt upload has no thumbnail worth the name: Telegram would still list a size.
    const small = await sharp(bytes).resize(90).jpeg().toBuffer().catch(() => bytes.subarray(0, 100));
    const thumb = await h.emulator.files.add(small);
    const full = await h.emulator.files.add(bytes);
    await r.client.sendMessage({ ...r.client.makeMessage(''), text: undefined, ...(caption ? { caption } : {}), photo: [thumb, full] } as never);
  }

  async function sendDocument(r: ReturnType<typeof resident>, bytes: Buffer, mime: string, declaredSize?: number) {
    const file = await h.emulator.files.add(bytes, { mime, ...(declaredSize ? { declaredSize } : {}) });
    await r.client.sendMessage({ ...r.client.makeMessage(''), text: undefined, document: { ...file, file_name: 'kiriman' } } as never);
  }

  const firstReply = (chatId: number, timeoutMs = OCR_WAIT) => waitFor(() => texts(chatId)[0], { what: 'first reply', timeoutMs });

  async function latestReport(chatId: number) {
    const ticket = Number(/T-(\d+)/.exec(await firstReply(chatId))?.[1]);
    const [row] = await h.saring.database.db.select().from(reports).where(eq(reports.id, ticket));
    return row!;
  }

  it('reads a bare poster, files it as a claim with its text, and posts the picture (without EXIF) then the card to the moderators', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).some((t) => t.includes('Simpang Limbur')), { what: '/desa saved' });
    const original = await asJpeg(poster(POSTER), true);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    await sendPhoto(r, original);
    const ticket = await waitFor(() => texts(r.chatId).find((t) => /T-\d+/.test(t)), { what: 'ticket', timeoutMs: OCR_WAIT });
    expect(ticket).not.toContain('[HOAKS]');
    const [report] = await h.saring.database.db.select().from(reports).where(eq(reports.id, Number(/T-(\d+)/.exec(ticket)![1])));
    posterClaimId = report!.claimId!;
    const claim = await h.saring.services.repos.claims.findById(posterClaimId);
    expect(claim?.text).toMatch(/Bantuan sosial/i);

    // The moderators' chat: the picture with a caption naming the claim, then the card.
    const photo = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.photo), { what: 'picture in moderators chat', timeoutMs: 30_000 });
    expect(photo.caption).toContain(`#${posterClaimId}`);
    const sent = h.emulator.files.bytesOf(photo.photo![0]!.file_id)!;
    const meta = await sharp(sent).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(sent.includes(Buffer.from('Rahasia-GPS-9000'))).toBe(false);
    await waitFor(() => texts(mods.groupId).some((t) => t.startsWith(`KLAIM #${posterClaimId}`)), { what: 'card', timeoutMs: 30_000 });
  }, TEST_TIMEOUT);

  it('answers a re-encoded, resized, slightly cropped copy of the poster at once after a verdict', async () => {
    await h.saring.services.verdicts.publish({ claimId: posterClaimId, verdict: 'hoaks', clarification: 'Tidak ada bansos lewat link itu.', sources: ['https://kemensos.go.id/klarifikasi'], actor });
    const r = resident(h.emulator);
    await sendPhoto(r, await forwardedCopy(poster(POSTER)));
    const reply = await firstReply(r.chatId);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain('Tidak ada bansos lewat link itu.');
    const report = await latestReport(r.chatId);
    expect(report.claimId).toBe(posterClaimId);
  }, TEST_TIMEOUT);

  it('does not answer a different poster on the same template (same colours, other words)', async () => {
    const r = resident(h.emulator);
    await sendPhoto(r, await forwardedCopy(poster(SAME_TEMPLATE)));
    const reply = await firstReply(r.chatId);
    expect(reply).not.toContain('[HOAKS]');
    expect((await latestReport(r.chatId)).claimId).not.toBe(posterClaimId);
  }, TEST_TIMEOUT);

  it('matches a chat screenshot of a verified claim through the text read from it', async () => {
    const r = resident(h.emulator);
    const shot = chatScreenshot(['Minum air garam hangat setiap pagi dapat', 'menyembuhkan covid dalam tiga hari,', 'sebarkan ke grup keluarga']);
    await sendPhoto(r, await sharp(shot).jpeg({ quality: 70 }).toBuffer());
    const reply = await firstReply(r.chatId);
    // The screenshot's own header ("Grup Keluarga Besar") is read too: suggest or auto, by the text rules.
    const report = await latestReport(r.chatId);
    const imported = await h.saring.services.repos.claims.findByExternalId?.('ext-garam');
    const garamId = imported?.id ?? Number(h.saring.services.catalog.index.query(h.saring.services.nlp.normalize(SCREENSHOT_CLAIM), { limit: 1 })[0]?.id);
    expect(report.claimId).toBe(garamId);
    expect(['auto', 'suggest']).toContain(report.matchLevel);
    if (report.matchLevel === 'auto') expect(reply).toContain('Air garam tidak menyembuhkan covid.');
    else expect(reply).not.toContain('[HOAKS]');
  }, TEST_TIMEOUT);

  it('shows the picture on the dashboard to staff of the claim region only', async () => {
    const app = h.saring.app!;
    const { cookie } = await dashboardLogin(app, officerToken);
    const page = await app.inject({ method: 'GET', url: `/dashboard/claims/${posterClaimId}`, headers: { cookie } });
    const src = /<img class="claim-media" src="([^"]+)"/.exec(page.body)?.[1];
    expect(src).toMatch(new RegExp(`^/dashboard/claims/${posterClaimId}/media/\\d+$`));
    const img = await app.inject({ method: 'GET', url: src!, headers: { cookie } });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['cache-control']).toContain('no-store');
    expect((await sharp(img.rawPayload).metadata()).exif).toBeUndefined();

    // Not public, and not for another region's staff.
    expect((await app.inject({ method: 'GET', url: src! })).statusCode).not.toBe(200);
    const other = await dashboardLogin(app, otherRegionToken);
    const denied = await app.inject({ method: 'GET', url: src!, headers: { cookie: other.cookie } });
    expect([403, 404]).toContain(denied.statusCode);
    expect(denied.headers['content-type']).not.toBe('image/jpeg');
    // A file of another claim is not reachable through this claim's page.
    const wrong = await app.inject({ method: 'GET', url: `/dashboard/claims/${posterClaimId}/media/999999`, headers: { cookie } });
    expect(wrong.statusCode).toBe(404);
  }, TEST_TIMEOUT);

  it('erases the picture with the report on /hapus: rows and stored bytes', async () => {
    const r = resident(h.emulator);
    // Icon-sized: kept and hashed, too small to read, so no OCR is spent here.
    const icon = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#c0ffee' } }).jpeg().toBuffer();
    await sendPhoto(r, icon, 'foto ini asli?');
    const report = await latestReport(r.chatId);
    const [link] = await h.saring.database.sql`select rm.media_id, mo.sha256 from report_media rm join media_objects mo on mo.id = rm.media_id where rm.report_id = ${report.id}`;
    const file = join(h.saring.config.media.dir, String(link!.sha256).slice(0, 2), String(link!.sha256).slice(2, 4), String(link!.sha256));
    expect(existsSync(file)).toBe(true);
    await r.client.sendCommand(r.client.makeCommand(`/hapus T-${report.id}`));
    await waitFor(() => texts(r.chatId).some((t) => t.includes('sudah dihapus')), { what: '/hapus done', timeoutMs: 30_000 });
    expect(await h.saring.database.sql`select 1 from report_media where report_id = ${report.id}`).toHaveLength(0);
    expect(await h.saring.database.sql`select 1 from media_objects where id = ${link!.media_id}`).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
  }, TEST_TIMEOUT);

  it('answers a 40 MB file, a corrupt JPEG, a PNG bomb and a GIF clearly, and keeps working', async () => {
    const cases: Array<{ send: (r: ReturnType<typeof resident>) => Promise<void>; expect: RegExp }> = [
      // The Bot API declares the size: the file is refused without being fetched.
      { send: (r) => sendDocument(r, Buffer.from('x'), 'video/mp4', 40 * 1024 * 1024), expect: /terlalu besar \(lebih dari 10 MB\)/ },
      { send: async (r) => sendPhoto(r, await corruptJpeg()), expect: /rusak atau tidak bisa dibuka/ },
      { send: (r) => sendDocument(r, pngBomb(), 'image/png'), expect: /Ukuran gambarnya terlalu besar/ },
      { send: async (r) => sendDocument(r, await animatedGif(), 'image/gif'), expect: /GIF/ },
    ];
    const before = h.emulator.files.requests.length;
    for (const c of cases) {
      const r = resident(h.emulator);
      await c.send(r);
      const reply = await firstReply(r.chatId, 60_000);
      expect(reply).toMatch(/T-\d+/);
      expect(reply).toMatch(c.expect);
    }
    // The 40 MB file was never requested from Telegram.
    expect(h.emulator.files.requests.slice(before).filter((x) => x.startsWith('getFile')).length).toBe(3);
    const refused = await h.saring.database.db.select().from(reportMedia).orderBy(desc(reportMedia.id)).limit(4);
    expect(refused.map((x) => x.status).sort()).toEqual(['animated', 'too_large', 'too_many_pixels', 'unreadable']);
    // Still alive: a plain text report is answered.
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('Kabar jalan desa ditutup besok pagi karena perbaikan jembatan sungai'));
    expect(await firstReply(r.chatId, 30_000)).toMatch(/T-\d+/);
  }, TEST_TIMEOUT);
});
