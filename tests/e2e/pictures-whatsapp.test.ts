import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { reports } from '../../src/db/schema/index.js';
import { seedRegions } from '../helpers/moderation.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { waitFor } from '../helpers/wait.js';
import { asJpeg, forwardedCopy, poster } from '../fixtures/media/pictures.js';

const OCR_WAIT = 120_000;
/** Per test: several pictures read one after another on a busy machine. */
const TEST_TIMEOUT = 300_000;
const POSTER = ['Listrik gratis 6 bulan untuk', 'semua pelanggan PLN mulai', 'bulan depan, isi formulir ini'];
const SAME_TEMPLATE = ['Pasar murah minyak goreng', 'di kantor desa hari Kamis', 'bawa fotokopi kartu keluarga'];

describe('pictures on WhatsApp: downloaded with the message, read, matched, shown to moderators', () => {
  let h: WhatsAppHarness;
  const moderator = waUser();
  const group = waGroup();
  let claimId = 0;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    await seedRegions(h);
    const { linkCode } = await h.saring.services.staff.add({ name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    h.wa.deliver({ from: moderator, body: `/masuk ${linkCode}` });
    await h.wa.waitText(moderator, (t) => t.includes('tersambung'), 'linked');
    h.wa.deliver({ from: group, author: moderator, body: '/moderasi' });
    await h.wa.waitText(group, (t) => t.includes('grup moderasi'), '/moderasi');
    const officer = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: officer.staff.id, role: 'diskominfo', regionCode: '15.02' };
  }, 60_000);
  afterAll(async () => h?.stop());

  const image = (bytes: Buffer, mimetype = 'image/jpeg') => ({ mimetype, data: bytes.toString('base64'), filename: null });
  const ticketOf = async (chatId: string, timeoutMs = OCR_WAIT) => h.wa.waitText(chatId, (t) => /T-\d+/.test(t), 'ticket', timeoutMs);
  const reportOf = async (reply: string) => (await h.saring.database.db.select().from(reports).where(eq(reports.id, Number(/T-(\d+)/.exec(reply)![1]))))[0]!;

  it('reads a forwarded poster and posts the same picture, then the card, to the moderators group', async () => {
    const warga = waUser();
    h.wa.deliver({ from: warga, body: '/desa Simpang Limbur' });
    await h.wa.waitText(warga, (t) => t.includes('Simpang Limbur Merangin'), '/desa saved');
    h.wa.deliver({ from: warga, media: image(await asJpeg(poster(POSTER), true)), isForwarded: true, forwardingScore: 5 });
    const report = await reportOf(await ticketOf(warga));
    claimId = report.claimId!;
    expect((await h.saring.services.repos.claims.findById(claimId))?.text).toMatch(/Listrik gratis/i);

    const sentPicture = await waitFor(() => h.wa.sentTo(group).find((s) => s.media), { what: 'picture in moderators group', timeoutMs: 30_000 });
    expect(sentPicture.content).toContain(`#${claimId}`);
    expect(sentPicture.media!.mimetype).toBe('image/jpeg');
    expect(sentPicture.media!.asDocument).toBe(false);
    expect((await sharp(sentPicture.media!.data).metadata()).exif).toBeUndefined();
    await h.wa.waitText(group, (t) => t.startsWith(`KLAIM #${claimId}`), 'card', 30_000);
  }, TEST_TIMEOUT);

  it('answers a re-encoded, resized, cropped copy at once after a verdict; not a poster of the same template', async () => {
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'PLN tidak memberi listrik gratis lewat formulir.', sources: ['https://web.pln.co.id/klarifikasi'], actor });
    const again = waUser();
    h.wa.deliver({ from: again, media: image(await forwardedCopy(poster(POSTER), { cropPct: 2, scale: 0.6, quality: 35 })), isForwarded: true });
    const reply = await h.wa.waitText(again, (t) => /T-\d+/.test(t), 'answer', OCR_WAIT);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain('PLN tidak memberi listrik gratis');
    expect((await reportOf(reply)).claimId).toBe(claimId);

    const other = waUser();
    h.wa.deliver({ from: other, media: image(await forwardedCopy(poster(SAME_TEMPLATE))), isForwarded: true });
    const otherReply = await ticketOf(other);
    expect(otherReply).not.toContain('[HOAKS]');
    expect((await reportOf(otherReply)).claimId).not.toBe(claimId);
  }, TEST_TIMEOUT);

  it('refuses a 40 MB file plainly and keeps a voice note for moderators without matching it', async () => {
    const big = waUser();
    const forty = Buffer.alloc(40 * 1024 * 1024, 7);
    h.wa.deliver({ from: big, type: 'document', media: { mimetype: 'application/pdf', data: forty.toString('base64'), filename: 'surat.pdf' } });
    expect(await ticketOf(big, 60_000)).toMatch(/terlalu besar \(lebih dari 10 MB\)/);
    expect(h.wa.client().sentTo(big)).toHaveLength(1);

    const voice = waUser();
    h.wa.deliver({ from: voice, type: 'ptt', media: { mimetype: 'audio/ogg; codecs=opus', data: Buffer.from('OggS-voice-note').toString('base64'), filename: null } });
    const reply = await ticketOf(voice, 60_000);
    expect(reply).toContain('pesan suara belum bisa kami periksa otomatis');
    const [row] = await h.saring.database.sql`select rm.status, mo.mime from report_media rm join media_objects mo on mo.id = rm.media_id where rm.report_id = ${Number(/T-(\d+)/.exec(reply)![1])}`;
    expect(row).toMatchObject({ status: 'stored', mime: 'audio/ogg; codecs=opus' });
  }, TEST_TIMEOUT);
});
