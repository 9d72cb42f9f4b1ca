import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, reports } from '../../src/db/schema/index.js';
import { expectFitsScreens, launchChromium, loginDashboard, PHONE } from '../helpers/browser.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { registerGroups } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

/** Screenshots land here (gitignored): look at them. */
const SHOTS = fileURLToPath(new URL('../artifacts/people-dash/', import.meta.url));

const WELL = 'Beredar pesan bahwa air sumur di Desa Limbur tercemar limbah tambang emas dan warga dilarang memakainya untuk minum mulai hari ini.\nMohon diteruskan ke grup keluarga dan tetangga!!';
const WELL_AGAIN = 'Info penting: semua sumur di Limbur beracun karena limbah tambang emas ilegal, sebarkan ke keluarga supaya tidak ada yang minum';
const LINKY_PHONE = '0812-3456-7890';
const LINKY = `Daftar bansos tahap dua sekarang juga lewat https://bansos-kemensos.id-daftar.xyz/formulir-pendaftaran-bantuan-sosial-2026?ref=grupkeluargabesar sebelum ditutup besok, hubungi ${LINKY_PHONE}`;
const GARDU = 'Gardu induk PLN Bangko meledak sehingga listrik padam total se-Kabupaten Merangin selama seminggu penuh mulai besok';
const ROLES = ['moderator', 'diskominfo', 'admin'] as const;
type Role = (typeof ROLES)[number];

describe('the dashboard on a 390 px phone and a desktop, for every role', () => {
  let h: Harness;
  let browser: Browser;
  const tokens = {} as Record<Role, string>;
  const ids = { well: 0, wellAgain: 0, linky: 0, gardu: 0, broadcast: 0 };
  const people = {} as Record<'well' | 'wellAgain', ReturnType<typeof resident>>;

  async function report(text: string, region: string) {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: 'ticket', timeoutMs: 20_000 });
    const db = h.saring.database.db;
    const [row] = await db.select().from(reports).where(eq(reports.rawText, text));
    await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, row!.id)))[0]?.claimId ?? undefined, { what: 'claim', timeoutMs: 20_000 });
    const [again] = await db.select().from(reports).where(eq(reports.id, row!.id));
    await db.update(claims).set({ regionCode: region }).where(eq(claims.id, again!.claimId!));
    return { claimId: again!.claimId!, r };
  }

  /** Both widths, touch targets and a screenshot of each (tests/helpers/browser.ts). */
  const check = (page: Page, name: string) => expectFitsScreens(page, `${SHOTS}${name}`);

  const url = (path: string) => `${h.saring.url}${path}`;

  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
    const s = h.saring.services;
    tokens.moderator = (await s.staff.add({ name: 'Pengurus KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' })).token;
    const diskominfo = await s.staff.add({ name: 'Diskominfo Kabupaten Merangin', role: 'diskominfo', regionCode: '15.02' });
    tokens.diskominfo = diskominfo.token;
    tokens.admin = (await s.staff.add({ name: 'Admin Saring', role: 'admin', regionCode: '15' })).token;
    await s.staff.add({ name: 'KIM Tanjung Lamin', role: 'moderator', regionCode: '15.02.13.2001', telegramUserId: '880001' });

    const well = await report(WELL, '15.02.13.2005');
    ids.well = well.claimId;
    people.well = well.r;
    const again = await report(WELL_AGAIN, '15.02.13.2002');
    ids.wellAgain = again.claimId;
    people.wellAgain = again.r;
    expect(ids.wellAgain).not.toBe(ids.well);
    const insert = async (text: string, hash: string, region: string) =>
      (await h.saring.database.sql<{ id: number }[]>`
        insert into claims (text, basic_text, basic_hash, region_code, status) values (${text}, ${text.toLowerCase()}, ${hash}, ${region}, 'new') returning id`)[0]!.id;
    ids.linky = await insert(LINKY, 'phone-linky', '15.02.13.2001');
    ids.gardu = await insert(GARDU, 'phone-gardu', '15.02.13.2006');
    await s.verdicts.publish({ claimId: ids.gardu, verdict: 'hoaks', clarification: 'Tidak ada ledakan di gardu induk Bangko; listrik Merangin normal.', sources: ['https://merangin.go.id/klarifikasi/gardu'], actor: { id: diskominfo.staff.id, role: 'diskominfo', regionCode: '15.02' } });
    await registerGroups(h, ['15.02.13.2001', '15.02.13.2005', '15.02.13.2006']);
    ids.broadcast = (await s.broadcasts.start({ claimId: ids.gardu, regions: ['15.02.13'], platforms: ['telegram'], actor: { id: diskominfo.staff.id, role: 'diskominfo', regionCode: '15.02' } })).id;
    await s.catalog.refresh();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('fits every page of every role on a phone, and on a desktop', async () => {
    const anon = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const login = await anon.newPage();
    await login.goto(url('/dashboard/login'));
    await check(login, 'login');
    await anon.close();

    for (const role of ROLES) {
      const context: BrowserContext = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
      const page = await context.newPage();
      try {
        await loginDashboard(page, h.saring.url!, tokens[role]);
        // The queue: cards with the text as written, names instead of codes.
        expect(await page.locator(`tr[data-claim="${ids.well}"] td.text`).textContent()).toContain('Beredar pesan bahwa air sumur di Desa Limbur');
        expect(await page.locator(`tr[data-claim="${ids.well}"]`).textContent()).toContain('Desa Simpang Limbur Merangin, Kab. Merangin');
        expect(await page.locator('header .who').textContent()).toMatch(role === 'admin' ? /Prov\. Jambi/ : /Merangin|Pamenang Barat/);
        await check(page, `${role}-queue`);

        await page.goto(url(`/dashboard/claims/${ids.well}`));
        expect(await page.textContent('#claim-region')).toBe('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
        expect(await page.locator(`li[data-similar="${ids.wellAgain}"] button`).textContent()).toBe(`Gabungkan #${ids.wellAgain} ke sini`);
        await check(page, `${role}-claim`);

        await page.goto(url(`/dashboard/claims/${ids.linky}`));
        // A moderator reads the scam's link and phone number to judge them, but they are text, not something to
        // tap: no anchor to either, and phones told not to turn numbers or addresses in the page into links.
        const claimText = await page.locator('pre.claim-text').textContent();
        expect(claimText).toContain('bansos-kemensos.id-daftar.xyz');
        expect(claimText).toContain(LINKY_PHONE);
        expect(await page.locator('a[href*="id-daftar"], a[href^="tel:"]').count()).toBe(0);
        expect(await page.getAttribute('meta[name="format-detection"]', 'content')).toBe('telephone=no, email=no, address=no, date=no');
        await check(page, `${role}-claim-long-link`);

        await page.goto(url(`/dashboard/claims/${ids.well}`));
        await page.selectOption('#verdict', 'menyesatkan');
        await page.fill('#clarification', 'Dinas Kesehatan sudah menguji air sumur di Limbur: aman. Larangan itu tidak pernah dikeluarkan.');
        await page.fill('#source', 'https://merangin.go.id/klarifikasi/air-sumur-limbur-aman-diminum-hasil-uji-laboratorium-dinas-kesehatan');
        await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button[type=submit]')]);
        await check(page, `${role}-verdict-preview`);

        await page.goto(url('/dashboard/groups'));
        await check(page, `${role}-groups`);

        await page.goto(url('/dashboard/stats'));
        await check(page, `${role}-stats`);

        const staffPage = await page.goto(url('/dashboard/staff'));
        expect(staffPage?.status()).toBe(role === 'moderator' ? 403 : 200);
        await check(page, `${role}-staff`);

        const broadcasts = await page.goto(url('/dashboard/broadcasts'));
        expect(broadcasts?.status()).toBe(role === 'moderator' ? 403 : 200);
        await check(page, `${role}-broadcasts`);
        if (role !== 'moderator') {
          await page.check(`input[name=claimId][value="${ids.gardu}"]`);
          await Promise.all([page.waitForURL(/broadcasts\/preview$/), page.click('#broadcast-form button[type=submit]')]);
          await check(page, `${role}-broadcast-preview`);
          await page.goto(url(`/dashboard/broadcasts/${ids.broadcast}`));
          await check(page, `${role}-broadcast-detail`);
        }

        const wa = await page.goto(url('/dashboard/whatsapp'));
        expect(wa?.status()).toBe(role === 'admin' ? 200 : 403);
        if (role !== 'moderator') await check(page, `${role}-whatsapp`);

        const missing = await page.goto(url('/dashboard/claims/999999'));
        expect(missing?.status()).toBe(404);
        expect(await page.textContent('h1')).toBe('Tidak ditemukan');
        if (role === 'moderator') await check(page, `${role}-404`);
      } finally {
        await context.close();
      }
    }
  }, 300_000);

  it('merges a similar claim in one tap, then previews the verdict before publishing it', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    try {
      await loginDashboard(page, h.saring.url!, tokens.moderator);
      await page.goto(url(`/dashboard/claims/${ids.well}`));
      await Promise.all([page.waitForURL(new RegExp(`gabung=${ids.wellAgain}`)), page.click(`li[data-similar="${ids.wellAgain}"] button`)]);
      expect(await page.textContent('.ok')).toContain(`Klaim #${ids.wellAgain} digabung ke klaim ini; 1 laporan dipindahkan ke sini.`);
      expect((await h.saring.services.repos.claims.findById(ids.wellAgain))?.mergedIntoId).toBe(ids.well);

      await page.selectOption('#verdict', 'hoaks');
      await page.fill('#clarification', 'Hasil uji Dinas Kesehatan: air sumur Limbur aman diminum. Tidak ada larangan.');
      await page.fill('#source', 'https://merangin.go.id/klarifikasi/air-sumur');
      await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button[type=submit]')]);
      const preview = await page.textContent('#verdict-preview');
      expect(preview).toContain('[HOAKS] — Hasil pemeriksaan pengurus KIM');
      expect(preview).toContain('air sumur Limbur aman diminum');
      expect(preview).toContain('Sumber: https://merangin.go.id/klarifikasi/air-sumur');
      expect(await page.textContent('#verdict-reach')).toBe('2 warga akan menerima pesan ini.');
      // Nothing is published by the preview.
      expect(await h.saring.services.repos.claims.currentVerdict(ids.well)).toBeUndefined();
      // "Ubah" brings the form back as typed.
      await page.click('form:has(input[name=ubah]) button');
      expect(await page.inputValue('#clarification')).toContain('air sumur Limbur aman diminum');
      await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button[type=submit]')]);
      await Promise.all([page.waitForURL(/terbit=2/), page.click('#publish-form button')]);
      expect(await page.textContent('.ok')).toBe('Putusan diterbitkan. 2 warga akan menerima klarifikasi.');
      for (const who of [people.well, people.wellAgain]) {
        await waitFor(() => h.emulator.botMessagesTo(who.chatId).find((m) => m.text.includes('aman diminum')), { what: 'the verdict', timeoutMs: 20_000 });
      }
      // The same verdict again: the flash says nobody new is told, not "0 warga".
      await page.selectOption('#verdict', 'hoaks');
      await page.fill('#clarification', 'Hasil uji Dinas Kesehatan: air sumur Limbur aman diminum.');
      await page.fill('#source', 'https://merangin.go.id/klarifikasi/air-sumur');
      await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button[type=submit]')]);
      expect(await page.textContent('#verdict-reach')).toContain('Semua pelapor sudah menerima putusan sebelumnya');
      await Promise.all([page.waitForURL(/terbit=0/), page.click('#publish-form button')]);
      expect(await page.textContent('.ok')).toContain('Semua pelapor sudah menerima putusan sebelumnya');
      await check(page, 'moderator-claim-after-verdict');

      // "Di luar cakupan" needs no source; a claim without reporters says so.
      await page.goto(url(`/dashboard/claims/${ids.linky}`));
      await page.selectOption('#verdict', 'di_luar_cakupan');
      await page.fill('#clarification', 'Ini iklan pendaftaran, bukan kabar yang bisa diperiksa.');
      await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button[type=submit]')]);
      expect(await page.textContent('#verdict-preview')).not.toContain('Sumber:');
      await Promise.all([page.waitForURL(/terbit=0/), page.click('#publish-form button')]);
      expect(await page.textContent('.ok')).toContain('tidak punya pelapor');
      // A hoaks without a source is still refused, in Indonesian.
      await page.selectOption('#verdict', 'hoaks');
      await page.fill('#clarification', 'Tanpa sumber.');
      await page.click('#verdict-form button[type=submit]');
      await expect.poll(() => page.textContent('.error')).toContain('perlu tautan sumber');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('picks broadcast regions by name as you type; WhatsApp is not ticked when it is off', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    try {
      await loginDashboard(page, h.saring.url!, tokens.diskominfo);
      await page.goto(url(`/dashboard/broadcasts?claim=${ids.gardu}`));
      expect(await page.isChecked('input[name=platforms][value=whatsapp]')).toBe(false);
      expect(await page.isChecked('input[name=platforms][value=telegram]')).toBe(true);
      expect(await page.locator('.picker-chips li').allTextContents()).toEqual(['Kab. Merangin, Prov. Jambi×']);
      await page.click('.picker-chips button');
      await page.locator('#regions').pressSequentially('pamenang', { delay: 30 });
      await page.waitForSelector('.picker-list button');
      expect(await page.locator('.picker-list button').first().textContent()).toBe('Kec. Pamenang Barat, Kab. Merangin');
      await check(page, 'diskominfo-broadcast-picker');
      await page.click('.picker-list button >> nth=0');
      await page.locator('#regions').pressSequentially('mampun', { delay: 30 });
      await page.waitForSelector('.picker-list button');
      await page.keyboard.press('Enter');
      expect(await page.locator('.picker-chips li span').allTextContents()).toEqual(['Kec. Pamenang Barat, Kab. Merangin', 'Desa Mampun Baru, Kec. Pamenang Barat, Kab. Merangin']);
      await Promise.all([page.waitForURL(/broadcasts\/preview$/), page.click('#broadcast-form button[type=submit]')]);
      expect(await page.textContent('#preview-regions')).toBe('Kec. Pamenang Barat, Kab. Merangin; Desa Mampun Baru, Kec. Pamenang Barat, Kab. Merangin');
      expect(await page.textContent('#preview-groups')).toBe('3');
    } finally {
      await context.close();
    }
  }, 60_000);
});
