import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';
import { s3MediaEnv, startS3Server, type S3TestServer } from '../fixtures/s3/s3-server.js';

const BUCKET = 'saring-media';
const PREFIX = 'kab-merangin/';
/** Heavy load on 2 shared cores: generous waits, never timed assertions. */
const WAIT = 60_000;

/**
 * The whole service with MEDIA_STORE=s3 against a strict S3-compatible server on loopback: a resident's picture
 * is kept in the bucket (not on disk), read back from it for moderators, kept once however often it is forwarded,
 * and removed from the bucket by `/hapus` once no report holds it any more, and by the retention purge.
 */
describe('pictures kept in an S3-compatible bucket (MEDIA_STORE=s3)', () => {
  let h: Harness;
  let s3: S3TestServer;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    h = await startHarness(s3MediaEnv(s3, BUCKET, PREFIX));
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await s3?.stop();
  });

  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text ?? m.caption ?? '');
  const keyOf = (sha: string) => `${PREFIX}media/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;

  async function sendPhoto(r: ReturnType<typeof resident>, bytes: Buffer, caption: string) {
    const full = await h.emulator.files.add(bytes);
    await r.client.sendMessage({ ...r.client.makeMessage(''), text: undefined, caption, photo: [full] } as never);
  }

  /** The resident's ticket, and the picture's stored object once the analyze step has kept and read it. */
  async function reportedPicture(r: ReturnType<typeof resident>) {
    const ticket = await waitFor(() => texts(r.chatId).map((t) => /T-(\d+)/.exec(t)?.[1]).find(Boolean), { what: 'ticket', timeoutMs: WAIT });
    const reportId = Number(ticket);
    const link = await waitFor(
      async () => (await h.saring.services.repos.media.ofReport(reportId)).find((l) => l.status !== 'pending' && l.object),
      { what: 'picture kept', timeoutMs: WAIT },
    );
    return { reportId, link };
  }

  let sha = '';
  const firstResident = { r: undefined as unknown as ReturnType<typeof resident>, reportId: 0 };
  const secondResident = { r: undefined as unknown as ReturnType<typeof resident>, reportId: 0 };

  // Icon-sized: kept and hashed, too small to read, so no OCR is spent here.
  const picture = () => sharp({ create: { width: 48, height: 48, channels: 3, background: '#b4004e' } }).jpeg().toBuffer();

  it('keeps a forwarded picture in the bucket, not on disk, and reads it back from there for moderators', async () => {
    const bytes = await picture();
    firstResident.r = resident(h.emulator);
    await sendPhoto(firstResident.r, bytes, 'foto ini asli? katanya dari kelurahan');
    const { reportId, link } = await reportedPicture(firstResident.r);
    firstResident.reportId = reportId;
    sha = link.object!.sha256;

    const stored = s3.objects(BUCKET).get(keyOf(sha));
    expect(stored?.body.equals(bytes)).toBe(true);
    expect(existsSync(h.saring.config.media.dir)).toBe(false);
    // Every request the service made was signed as S3 checks it.
    expect(s3.requests.filter((q) => q.status >= 400 && !(q.method === 'HEAD' && q.status === 404))).toEqual([]);

    // The dashboard's picture comes through the store: from the bucket, re-encoded without EXIF.
    const shown = await h.saring.services.media.forDisplay(link.object!);
    expect(shown?.mime).toBe('image/jpeg');
    expect((await sharp(shown!.data).metadata()).width).toBe(48);
  }, 120_000);

  it('keeps the same picture once when another resident forwards it: a HEAD, no second upload', async () => {
    const putsBefore = s3.requests.filter((q) => q.method === 'PUT').length;
    secondResident.r = resident(h.emulator);
    await sendPhoto(secondResident.r, await picture(), 'ini benar?');
    const { reportId, link } = await reportedPicture(secondResident.r);
    secondResident.reportId = reportId;
    expect(link.object!.sha256).toBe(sha);
    expect(s3.requests.filter((q) => q.method === 'PUT').length).toBe(putsBefore);
  }, 120_000);

  it('/hapus removes the picture from the bucket once no report holds it', async () => {
    const hapus = async (who: typeof firstResident) => {
      await who.r.client.sendCommand(who.r.client.makeCommand(`/hapus T-${who.reportId}`));
      await waitFor(() => texts(who.r.chatId).some((t) => t.includes('sudah dihapus')), { what: '/hapus done', timeoutMs: WAIT });
      expect(await h.saring.database.sql`select 1 from report_media where report_id = ${who.reportId}`).toHaveLength(0);
    };
    // The first erasure leaves the bytes: the second resident's report still holds them.
    await hapus(firstResident);
    expect(s3.objects(BUCKET).has(keyOf(sha))).toBe(true);
    await hapus(secondResident);
    expect(s3.objects(BUCKET).has(keyOf(sha))).toBe(false);
    expect(await h.saring.database.sql`select 1 from media_objects where sha256 = ${sha}`).toHaveLength(0);
    expect(s3.requests.some((q) => q.method === 'DELETE' && q.key === keyOf(sha) && q.status === 204)).toBe(true);
  }, 120_000);

  it('the retention purge removes the picture of an old decided report from the bucket', async () => {
    const bytes = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#00796b' } }).png().toBuffer();
    const r = resident(h.emulator);
    await sendPhoto(r, bytes, 'Besok ada pembagian sembako gratis di kantor camat, bawa fotokopi KK dan KTP semua anggota keluarga');
    const { reportId, link } = await reportedPicture(r);
    const key = keyOf(link.object!.sha256);
    expect(s3.objects(BUCKET).has(key)).toBe(true);
    const sql = h.saring.database.sql;
    await waitFor(async () => (await sql`select claim_id from reports where id = ${reportId}`)[0]?.claim_id, { what: 'report filed under a claim', timeoutMs: WAIT });
    await sql`update claims set status = 'verified' where id = (select claim_id from reports where id = ${reportId})`;
    await sql`update reports set received_at = now() - interval '200 days' where id = ${reportId}`;
    const result = await h.saring.services.privacy.purge(new Date(Date.now() - 180 * 86_400_000));
    expect(result.reports).toBeGreaterThanOrEqual(1);
    expect(s3.objects(BUCKET).has(key)).toBe(false);
    expect(await sql`select 1 from report_media where report_id = ${reportId}`).toHaveLength(0);
  }, 120_000);
});
