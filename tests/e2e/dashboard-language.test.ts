import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { seedRegions } from '../helpers/moderation.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { launchChromium, loginDashboard } from '../helpers/browser.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

/** Screenshots land here (gitignored): look at them. */
const SHOTS = fileURLToPath(new URL('../artifacts/lang/', import.meta.url));

/** Staff pages follow the browser's Accept-Language, with a visible switch that sets a cookie. */
describe('the dashboard in English or Bahasa Indonesia', () => {
  let h: Harness;
  let app: FastifyInstance;
  let token: string;
  let cookie: string;
  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    await seedRegions(h);
    token = (await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' })).token;
    ({ cookie } = await dashboardLogin(app, token));
    // One claim in the queue, so the queue page has a row to show.
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('Gardu induk PLN Bangko meledak sehingga listrik padam total se-Kabupaten Merangin selama seminggu penuh mulai besok'));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: 'ticket', timeoutMs: 20_000 });
    await h.saring.database.sql`update claims set region_code = '15.02.13.2005'`;
  });
  afterAll(async () => h?.stop());

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } });

  it('follows Accept-Language: English for en, Bahasa Indonesia otherwise', async () => {
    const en = await get('/dashboard', { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<h1>Claim queue</h1>');
    expect(en.body).toContain('>Sign out</button>');
    expect(en.body).toContain('>Statistics</a>');
    expect(en.body).not.toContain('Antrean klaim');

    const id = await get('/dashboard', { 'accept-language': 'fr-FR,id;q=0.8,en;q=0.7' });
    expect(id.body).toContain('<html lang="id">');
    expect(id.body).toContain('<h1>Antrean klaim</h1>');
    const none = await get('/dashboard');
    expect(none.body).toContain('<h1>Antrean klaim</h1>');
  });

  it('the switch sets a cookie that wins over the browser, and comes back to the page', async () => {
    const page = await get('/dashboard/stats', { 'accept-language': 'id' });
    const href = /href="(\/dashboard\/bahasa\?lang=en[^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toContain('back=%2Fdashboard%2Fstats');
    const res = await get(href!, { 'accept-language': 'id' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/dashboard/stats');
    const set = res.cookies.find((c) => c.name === 'saring_lang');
    expect(set?.value).toBe('en');
    const chosen = `${cookie}; saring_lang=en`;
    const stats = await app.inject({ method: 'GET', url: '/dashboard/stats', headers: { cookie: chosen, 'accept-language': 'id' } });
    expect(stats.body).toContain('Statistics — ');
    expect(stats.body).toContain('Reports per day');
    const staff = await app.inject({ method: 'GET', url: '/dashboard/staff', headers: { cookie: chosen } });
    expect(staff.body).toContain('<h1>Staff</h1>');
    expect(staff.body).toContain('Create account');
    const broadcasts = await app.inject({ method: 'GET', url: '/dashboard/broadcasts', headers: { cookie: chosen } });
    expect(broadcasts.body).toContain('<h1>Official clarification broadcasts</h1>');
    expect(broadcasts.body).toContain('No broadcasts yet.');
    const groups = await app.inject({ method: 'GET', url: '/dashboard/groups', headers: { cookie: chosen } });
    expect(groups.body).toContain('<h1>KIM groups</h1>');
    // And back: the Indonesian link is on the English page.
    expect(stats.body).toMatch(/href="\/dashboard\/bahasa\?lang=id&amp;back=%2Fdashboard%2Fstats"[^>]*>Bahasa Indonesia</);
    // Never a redirect away from the dashboard.
    const away = await get('/dashboard/bahasa?lang=en&back=https%3A%2F%2Fevil.example%2F');
    expect(away.headers.location).toBe('/dashboard');
    const slashes = await get('/dashboard/bahasa?lang=en&back=%2F%2Fevil.example');
    expect(slashes.headers.location).toBe('/dashboard');
  });

  it('the login page, the claim page and error pages follow too', async () => {
    const login = await app.inject({ method: 'GET', url: '/dashboard/login', headers: { 'accept-language': 'en' } });
    expect(login.body).toContain('Sign in to the dashboard');
    const [claim] = await h.saring.database.sql<{ id: number }[]>`select id from claims limit 1`;
    const page = await get(`/dashboard/claims/${claim!.id}`, { 'accept-language': 'en' });
    expect(page.body).toContain('Give a verdict');
    expect(page.body).toContain('[HOAX]');
    expect(page.body).toContain('Residents’ reports (1)');
    const missing = await get('/dashboard/claims/99999', { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Not found');
    expect(missing.body).toContain('Back to the queue');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
      mkdirSync(SHOTS, { recursive: true });
    });
    afterAll(async () => browser?.close());

    it('the English queue fits a 390 px phone and a 1280 px desktop, and the switch works by tapping', async () => {
      const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } });
      const page = await context.newPage();
      await loginDashboard(page, h.saring.url!, token);
      await expect.poll(() => page.textContent('h1')).toBe('Claim queue');
      for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
        await page.setViewportSize(size);
        const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(width, `queue at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: `${SHOTS}queue-en-${size.width}.png`, fullPage: true });
      }
      await Promise.all([page.waitForURL(/\/dashboard$/), page.click('text=Bahasa Indonesia')]);
      expect(await page.textContent('h1')).toBe('Antrean klaim');
      await Promise.all([page.waitForURL(/\/dashboard$/), page.click('text=English')]);
      expect(await page.textContent('h1')).toBe('Claim queue');
      await context.close();
    });
  });
});
