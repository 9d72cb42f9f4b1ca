import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, reports } from '../../src/db/schema/index.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
const ELSEWHERE = 'Kabar dari Sampit: pasar Kota Besi ditutup total selama sebulan karena wabah, semua pedagang wajib pindah ke luar kota';

describe('the dashboard in a real browser', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let token: string;
  let xssClaim: number;
  let otherClaim: number;
  const reporter = { chatId: 0 };

  /** A resident reports `text`; the claim is then placed in `region` (the onboarding flow sets regions elsewhere). */
  async function report(text: string, region: string): Promise<{ claimId: number; chatId: number }> {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: 'ticket', timeoutMs: 15_000 });
    const db = h.saring.database.db;
    const [row] = await db.select().from(reports).where(eq(reports.rawText, text));
    await db.update(claims).set({ regionCode: region }).where(eq(claims.id, row!.claimId!));
    return { claimId: row!.claimId!, chatId: r.chatId };
  }

  beforeAll(async () => {
    h = await startHarness();
    token = (await h.saring.services.staff.add({ name: 'Pengurus KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' })).token;
    const x = await report(XSS, '15.02.13.2005');
    xssClaim = x.claimId;
    reporter.chatId = x.chatId;
    otherClaim = (await report(ELSEWHERE, '62.02.01.1009')).claimId;
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'id-ID' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('sends a visitor without a session to the login page, and refuses a wrong token', async () => {
    await page.goto(`${h.saring.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.fill('#token', 'srg_this-is-not-a-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('.error')).toContain('Token tidak dikenal');
  });

  it('logs in with a staff token and filters the queue to the moderator region', async () => {
    await page.fill('#token', token);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'saring_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard' });
    // Moderators see only their region, with or without a filter.
    expect(await page.locator(`tr[data-claim="${otherClaim}"]`).count()).toBe(0);
    await page.selectOption('select[name=status]', 'new');
    await page.fill('#region-filter', '15.02.13.2005');
    await Promise.all([page.waitForURL(/status=new&region=15\.02\.13\.2005/), page.click('form.filters button')]);
    await expect.poll(() => page.locator(`tr[data-claim="${xssClaim}"]`).count()).toBe(1);
    // The queue shows the text as the resident wrote it (not the normalised one), literally.
    expect(await page.locator(`tr[data-claim="${xssClaim}"] td.text`).textContent()).toContain('<script>window.__pwned=1</script>');
    await page.fill('#region-filter', '62.02');
    await Promise.all([page.waitForURL(/region=62\.02/), page.click('form.filters button')]);
    expect(await page.textContent('.error')).toContain('di luar wilayah Anda');
  });

  it('shows a hostile report literally and runs none of it', async () => {
    await page.goto(`${h.saring.url}/dashboard?status=new`);
    await Promise.all([page.waitForURL(new RegExp(`/dashboard/claims/${xssClaim}$`)), page.click(`a[href="/dashboard/claims/${xssClaim}"]`)]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.textContent('pre.claim-text')).toBe(XSS);
    expect(await page.locator('ol.reports pre.text').first().textContent()).toBe(XSS);
  });

  it('gives a verdict from the web and the resident receives it', async () => {
    await page.selectOption('#verdict', 'hoaks');
    await page.fill('#clarification', 'Pesan berisi kode berbahaya dan bukan informasi resmi. Jangan diteruskan.');
    await page.fill('#source', 'https://merangin.go.id/klarifikasi/pesan-berbahaya');
    await Promise.all([page.waitForURL(/verdict\/preview$/), page.click('#verdict-form button')]);
    expect(await page.textContent('#verdict-preview')).toContain('Pesan berisi kode berbahaya');
    await Promise.all([page.waitForURL(/terbit=1/), page.click('#publish-form button')]);
    expect(await page.textContent('.ok')).toContain('1 warga akan menerima klarifikasi');
    expect(await page.textContent('dl.meta')).toContain('[HOAKS]');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-claim.png`, fullPage: true });
    const told = await waitFor(() => h.emulator.botMessagesTo(reporter.chatId).find((m) => m.text.includes('bukan informasi resmi')), {
      what: 'clarification in the emulator',
      timeoutMs: 15_000,
    });
    expect(told.text).toContain('[HOAKS]');
    expect(told.text).toContain('https://merangin.go.id/klarifikasi/pesan-berbahaya');
  });

  it('refuses a form post without its CSRF token, and logs out', async () => {
    const res = await page.evaluate(async (id) => {
      const r = await fetch(`/dashboard/claims/${id}/verdict`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verdict=benar&clarification=x&source=https%3A%2F%2Fx.org' });
      return r.status;
    }, xssClaim);
    expect(res).toBe(403);
    await Promise.all([page.waitForURL(/\/dashboard\/login$/), page.click('header form button')]);
    await page.goto(`${h.saring.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
  });

  it('serves the OpenAPI UI under its own CSP', async () => {
    await page.goto(`${h.saring.url}/docs`);
    await page.waitForSelector('.swagger-ui .opblock', { timeout: 15_000 });
    expect(await page.locator('.opblock-summary-path').allTextContents()).toEqual(expect.arrayContaining(['/api/claims/{id}/verdict']));
  });
});
