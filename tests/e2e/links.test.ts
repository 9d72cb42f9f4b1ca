import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claimLinks, claims, linkPreviews, reports } from '../../src/db/schema/index.js';
import { createClaimImportService } from '../../src/services/claim-import.service.js';
import type { HostResolver } from '../../src/media/links/host-resolver.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';
import { page, redirect, startLinkServer, titled, type LinkServer } from '../helpers/link-server.js';

const CHIP_CLAIM = 'Beredar pesan berantai bahwa vaksin booster COVID-19 mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga';
const CHIP_CLARIFICATION = 'Vaksin tidak mengandung chip. Kemenkes dan BPOM memastikan isi vaksin hanya antigen dan bahan penunjang.';
const PRIZE_CLARIFICATION = 'Tidak ada undian mobil dari bank lewat tautan. Jangan isi data apa pun.';

/**
 * Links residents forward, end to end over the Bot API emulator: shortened links (bit.ly, s.id, tinyurl — names a
 * test DNS points at a loopback web server) are followed in the analyze step, their pages read and matched.
 */
describe('links: shorteners, page titles, same final address, lookalike sites', () => {
  let h: Harness;
  let web: LinkServer;
  const link = (host: string, path: string) => `http://${host}:${web.port}${path}`;
  // Every name the test uses lives on the loopback server; anything else has no address.
  const dns: HostResolver = async (host) => (/\.(?:ly|id|com|xyz|test)$/.test(host) ? [{ address: '127.0.0.1', family: 4 }] : []);

  const replies = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const firstReply = (chatId: number) => waitFor(() => replies(chatId)[0], { what: 'first reply', timeoutMs: 15_000 });
  const db = () => h.saring.database.db;
  const reportOf = async (text: string) => (await db().select().from(reports).where(eq(reports.rawText, text)))[0];

  async function send(text: string): Promise<string> {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    return firstReply(r.chatId);
  }

  beforeAll(async () => {
    web = await startLinkServer();
    h = await startHarness({ LINK_FETCH_ENABLED: 'true', LINK_FETCH_ALLOW_LOOPBACK: 'true' }, { linkHostResolver: dns });
    const s = h.saring;
    const importer = createClaimImportService({ db: s.database.db, repos: s.services.repos }, s.services.nlp);
    await importer.importLines([
      JSON.stringify({ id: 'ext-chip', text: CHIP_CLAIM, verdict: 'hoaks', clarification: CHIP_CLARIFICATION, sources: ['https://www.kemkes.go.id/klarifikasi'] }),
      JSON.stringify({
        id: 'ext-undian',
        text: `Undian mobil dari bank: isi data diri Anda di ${link('undian-berhadiah.test', '/klaim/mobil-2026')}`,
        verdict: 'penipuan',
        clarification: PRIZE_CLARIFICATION,
        sources: [],
      }),
      // A hoax that cites a real news page as its "source": the page is not the hoax.
      JSON.stringify({
        id: 'ext-kutip',
        text: `Beredar klaim bahwa minum air kelapa muda campur garam setiap pagi menyembuhkan demam berdarah dalam satu hari, katanya sesuai ${link('berita-resmi.test', '/kesehatan/demam-berdarah')}`,
        verdict: 'hoaks',
        clarification: 'Air kelapa tidak menyembuhkan demam berdarah.',
        sources: [],
      }),
    ]);
    await waitFor(() => s.services.catalog.size >= 3, { what: 'claims indexed' });

    // bit.ly → s.id → a news-looking page whose title is the verified hoax.
    web.route('/vaksin', redirect(link('s.id', '/chip'), 301));
    web.route('/chip', redirect(link('berita-viral.test', '/2026/11/vaksin-chip')));
    web.route('/2026/11/vaksin-chip', titled('VIRAL! Vaksin booster COVID-19 mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga', 'Pesan berantai'));
    // tinyurl → the very page an imported scam claim names; the page itself says nothing useful.
    web.route('/mobil', redirect(link('undian-berhadiah.test', '/klaim/mobil-2026')));
    web.route('/klaim/mobil-2026', page('<html><head><title>Selamat datang</title></head></html>'));
    // Two different shorteners to one new page nobody has verified yet.
    web.route('/promo-a', redirect(link('toko.test', '/promo/minyak-goreng-gratis')));
    web.route('/promo-b', redirect(link('toko.test', '/promo/minyak-goreng-gratis')));
    // No title: only the address they end at can tell the two links are the same thing.
    web.route('/promo/minyak-goreng-gratis', page('<html><head></head><body>Minyak goreng gratis</body></html>'));
    // A news portal whose title and description say nothing about the message they are shared with.
    web.route('/portal/artikel', titled('Portal Berita Nasional Terkini dan Terpercaya Hari Ini – Berita Politik Ekonomi Olahraga Hiburan', 'Kumpulan berita terbaru hari ini dari seluruh Indonesia, politik, ekonomi, hukum, olahraga, teknologi dan gaya hidup.'));
    web.route('/kesehatan/demam-berdarah', page('<html><head></head></html>'));
    web.route('/kesehatan/gizi-anak', titled('Gizi anak sekolah'));
    // A shortener that hides a site dressed as the Ministry of Social Affairs.
    web.route('/bansos', redirect(link('kemensos-bansos.id-daftar.xyz', '/daftar')));
    web.route('/daftar', titled('Pendaftaran Bantuan Tunai 2026'));
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await web?.stop();
  });

  it('answers a bare shortened link whose page title is a verified hoax with the clarification', async () => {
    const bare = link('bit.ly', '/vaksin');
    const reply = await send(bare);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain(CHIP_CLARIFICATION);
    const report = await reportOf(bare);
    // The resident's own text is kept as sent; the page title was only added to what was analysed.
    expect(report).toMatchObject({ rawText: bare, matchLevel: 'auto' });
    const [cached] = await db().select().from(linkPreviews).where(eq(linkPreviews.url, `bit.ly/vaksin`));
    expect(cached).toMatchObject({ status: 'ok', finalUrl: 'berita-viral.test/2026/11/vaksin-chip' });
    expect(cached?.hops).toEqual(['bit.ly/vaksin', 's.id/chip', 'berita-viral.test/2026/11/vaksin-chip']);
  });

  it('fetches the same link once: the second report is answered from the cache', async () => {
    const fetched = () => web.requests.filter((r) => r.path === '/vaksin').length;
    expect(fetched()).toBe(1);
    const reply = await send(link('bit.ly', '/vaksin'));
    expect(reply).toContain(CHIP_CLARIFICATION);
    expect(fetched()).toBe(1);
  });

  it('matches a link that ends at the same address as a verified claim’s link', async () => {
    const bare = link('tinyurl.com', '/mobil');
    const reply = await send(bare);
    expect(reply).toContain('[PENIPUAN]');
    expect(reply).toContain(PRIZE_CLARIFICATION);
    const report = await reportOf(bare);
    const [claim] = await db().select().from(claims).where(eq(claims.externalId, 'ext-undian'));
    expect(report).toMatchObject({ claimId: claim?.id, matchLevel: 'auto' });
  });

  it('only suggests a claim nobody has verified yet that another link ended at', async () => {
    const a = link('s.id', '/promo-a');
    const b = link('bit.ly', '/promo-b');
    expect(await send(a)).toMatch(/Nomor tiket: T-\d+/);
    const first = await reportOf(a);
    const stored = await db().select().from(claimLinks).where(eq(claimLinks.claimId, first!.claimId!));
    expect(stored.map((l) => l.finalUrl)).toEqual(['toko.test/promo/minyak-goreng-gratis']);
    const reply = await send(b);
    expect(reply).toMatch(/Nomor tiket: T-\d+/);
    expect(reply).not.toContain('[');
    expect(await reportOf(b)).toMatchObject({ claimId: first!.claimId, matchLevel: 'suggest' });
  });

  it('does not call a page a hoax because a hoax cited it', async () => {
    // An imported hoax quotes the page as its source: sharing the page alone is only a suggestion.
    const bare = link('s.id', '/dbd');
    web.route('/dbd', redirect(link('berita-resmi.test', '/kesehatan/demam-berdarah')));
    const reply = await send(bare);
    expect(reply).not.toContain('[HOAKS]');
    const [claim] = await db().select().from(claims).where(eq(claims.externalId, 'ext-kutip'));
    expect(await reportOf(bare)).toMatchObject({ claimId: claim?.id, matchLevel: 'suggest' });

    // A long message that matches the chip hoax and links a real page: the page is not recorded as the hoax's.
    const long = `${CHIP_CLAIM} ${link('berita-resmi.test', '/kesehatan/gizi-anak')}`;
    expect(await send(long)).toContain('[HOAKS]');
    const chip = await reportOf(long);
    const recorded = await db().select().from(claimLinks).where(eq(claimLinks.claimId, chip!.claimId!));
    expect(recorded.map((l) => l.finalUrl)).not.toContain('berita-resmi.test/kesehatan/gizi-anak');
    expect(recorded.map((l) => l.finalUrl)).toContain('berita-viral.test/2026/11/vaksin-chip'); // the bare link of the first test
  });

  it('still answers a reworded copy when the page it links to adds unrelated words', async () => {
    const text = `Diteruskan\nSEBARKAN!! vaksin booster covid-19 ternyata mengandung chip 5G yg dipakai pemerintah utk melacak keberadaan warga 😱😱 ${link('berita-portal.test', '/portal/artikel')}`;
    const reply = await send(text);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain(CHIP_CLARIFICATION);
    expect(web.requests.some((r) => r.path === '/portal/artikel')).toBe(true);
  });

  it('warns about a link that leads to a site dressed as a government site', async () => {
    const bare = link('s.id', '/bansos');
    const reply = await send(bare);
    expect(reply).toContain('PENIPUAN');
    expect(reply).toContain('meniru situs pemerintah');
    expect(reply).not.toContain('kemensos-bansos'); // never repeat the scammer's link to the resident
    const report = await reportOf(bare);
    const [claim] = await db().select().from(claims).where(eq(claims.id, report!.claimId!));
    expect(claim?.scamCandidate).toBe(true);
    expect(claim?.signals).toContain('penipuan: tautan meniru situs pemerintah');
    // Moderators see what the link showed, after the resident's own text.
    expect(claim?.text).toContain('Pendaftaran Bantuan Tunai 2026');
    expect(claim?.text.startsWith(bare)).toBe(true);
  });
});
