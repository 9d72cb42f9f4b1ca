import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loginDashboard } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { registerGroups } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** Slow on purpose: five groups take ~4 s, so the progress page is seen running, then done. */
const GLOBAL_PER_SEC = 1;
const HOAX = 'Gardu induk PLN Bangko meledak sehingga listrik padam total se-Kabupaten Merangin selama seminggu penuh mulai besok';
const CLARIFICATION = 'Tidak ada ledakan di gardu induk Bangko; listrik Merangin normal. <b>Pemadaman</b> bergilir hanya dua jam.';
/** Five groups (two share a desa) in kecamatan Pamenang Barat. */
const TARGET = ['15.02.13.2001', '15.02.13.2002', '15.02.13.2005', '15.02.13.2006', '15.02.13.2006'];
const ELSEWHERE = ['15.02.14.2001', '62.02.01.1009'];

describe('Diskominfo broadcasts from the dashboard in a real browser', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let diskominfoToken: string;
  let moderatorToken: string;
  let claimId: number;
  let communityClaimId: number;
  let groups: Awaited<ReturnType<typeof registerGroups>>;
  let broadcastId: number;

  const login = (p: Page, token: string) => loginDashboard(p, h.saring.url!, token);
  /** The regions field as a person uses it: drop the picked ones, type codes (names work too). */
  const setRegions = async (p: Page, typed: string) => {
    while ((await p.locator('.picker-chips button').count()) > 0) await p.click('.picker-chips button >> nth=0');
    await p.fill('#regions', typed);
  };

  /** Text of a selector, tolerating the moment a meta refresh replaces the document. */
  const textOf = async (p: Page, selector: string) => {
    try {
      return (await p.textContent(selector, { timeout: 2000 })) ?? '';
    } catch {
      return '';
    }
  };

  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_RATE_GLOBAL_PER_SEC: String(GLOBAL_PER_SEC) });
    await seedRegions(h);
    const s = h.saring.services;
    const diskominfo = await s.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    diskominfoToken = diskominfo.token;
    const moderator = await s.staff.add({ name: 'KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' });
    moderatorToken = moderator.token;
    const insert = async (text: string, hash: string) => {
      const [row] = await h.saring.database.sql<{ id: number }[]>`
        insert into claims (text, basic_text, basic_hash, region_code, status) values (${text}, ${text.toLowerCase()}, ${hash}, '15.02.13.2005', 'verified') returning id`;
      return row!.id;
    };
    claimId = await insert(HOAX, 'dash-bc-official');
    communityClaimId = await insert('Beras plastik dari luar negeri beredar di pasar Pamenang, jangan membeli beras curah sampai ada pengumuman resmi', 'dash-bc-community');
    await s.verdicts.publish({ claimId, verdict: 'hoaks', clarification: CLARIFICATION, sources: ['https://merangin.go.id/klarifikasi/gardu'], actor: { id: diskominfo.staff.id, role: 'diskominfo', regionCode: '15.02' } });
    await s.verdicts.publish({ claimId: communityClaimId, verdict: 'hoaks', clarification: 'Tidak benar.', sources: ['https://example.org'], actor: { id: moderator.staff.id, role: 'moderator', regionCode: '15.02.13' } });
    groups = await registerGroups(h, [...TARGET, ...ELSEWHERE]);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'id-ID' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('offers only claims with an official verdict, with the staff region as default', async () => {
    await login(page, diskominfoToken);
    await Promise.all([page.waitForURL(/\/dashboard\/broadcasts$/), page.click('nav.sections a[href="/dashboard/broadcasts"]')]);
    expect(await page.locator(`label[data-claim="${claimId}"]`).count()).toBe(1);
    expect(await page.locator(`label[data-claim="${communityClaimId}"]`).count()).toBe(0);
    expect(await page.locator('.picker-chips li span').allTextContents()).toEqual(['Kab. Merangin, Prov. Jambi']);
    expect(await page.isChecked('input[name=platforms][value=telegram]')).toBe(true);
  });

  it('previews the exact message and its reach, sending nothing yet', async () => {
    await page.check(`input[name=claimId][value="${claimId}"]`);
    await setRegions(page, '15.02.13');
    await page.uncheck('input[name=platforms][value=whatsapp]');
    await Promise.all([page.waitForURL(/\/dashboard\/broadcasts\/preview$/), page.click('#broadcast-form button[type=submit]')]);
    const preview = await page.textContent('#preview-text');
    expect(preview).toContain('KLARIFIKASI RESMI DISKOMINFO');
    // Shown literally, exactly as the groups will get it.
    expect(preview).toContain('<b>Pemadaman</b>');
    expect(await page.locator('#preview-text b').count()).toBe(0);
    expect(await page.textContent('#preview-groups')).toBe(String(TARGET.length));
    expect(await page.textContent('#preview-subscribers')).toBe('0');
    expect(await h.saring.database.sql`select 1 from broadcasts`).toHaveLength(0);
    expect(groups.every((g) => h.emulator.botMessagesTo(g.telegramChatId).length === 0)).toBe(true);
  });

  it('sends, watches the progress page refresh itself until done, and the groups receive it once each', async () => {
    await Promise.all([page.waitForURL(/\/dashboard\/broadcasts\/\d+\?baru=1$/), page.click('#send-form button[type=submit]')]);
    broadcastId = Number(/broadcasts\/(\d+)/.exec(page.url())![1]);
    expect(await textOf(page, '#broadcast-state')).toBe('berjalan');
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('3');
    // No script on the page: the meta refresh alone brings it to "selesai".
    await expect.poll(() => textOf(page, '#broadcast-state'), { timeout: 30_000, interval: 500 }).toBe('selesai');
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await textOf(page, '[data-count="total"] strong')).toBe(String(TARGET.length));
    expect(await textOf(page, '[data-count="sent"] strong')).toBe(String(TARGET.length));
    expect(await textOf(page, '[data-count="failed"] strong')).toBe('0');
    expect(await textOf(page, '[data-count="pending"] strong')).toBe('0');
    // The officer sees what went out by its words and verdict, not only a claim number.
    const named = await textOf(page, '#broadcast-claim');
    expect(named).toContain(`#${claimId}`);
    expect(named).toContain('[HOAKS]');
    expect(named).toContain('Gardu induk PLN Bangko meledak');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-broadcast.png`, fullPage: true });

    await sleep(500);
    const reached = new Set<number>();
    for (const g of groups) {
      const got = h.emulator.botMessagesTo(g.telegramChatId);
      if (!TARGET.includes(g.regionCode)) {
        expect(got, g.regionCode).toHaveLength(0);
        continue;
      }
      expect(got, g.regionCode).toHaveLength(1);
      expect(got[0]!.text).toContain('listrik Merangin normal');
      reached.add(g.telegramChatId);
    }
    expect(reached.size).toBe(TARGET.length);
    const [row] = await h.saring.database.sql`select status from broadcasts where id = ${broadcastId}`;
    expect(row).toEqual({ status: 'done' });
    // And in the list of recent broadcasts. As if nobody had watched it finish (the page marks it done when
    // opened): the list still says "selesai" once nothing is left to send, and only says it.
    await h.saring.database.sql`update broadcasts set status = 'running' where id = ${broadcastId}`;
    await page.goto(`${h.saring.url}/dashboard/broadcasts`);
    const listed = await textOf(page, `tr[data-broadcast="${broadcastId}"] td[data-label="Klaim"]`);
    expect(listed).toContain('[HOAKS]');
    expect(listed).toContain('Gardu induk PLN Bangko meledak');
    expect(await textOf(page, `tr[data-broadcast="${broadcastId}"] td[data-label="Status"]`)).toBe('selesai');
    expect(await h.saring.database.sql`select status from broadcasts where id = ${broadcastId}`).toEqual([{ status: 'running' }]);
  });

  it('lists the failures with their reason and retries them from the page', async () => {
    const kicked = groups.find((g) => g.regionCode === '15.02.13.2001')!;
    h.emulator.kickedFrom.add(String(kicked.telegramChatId));
    await page.goto(`${h.saring.url}/dashboard/broadcasts?claim=${claimId}`);
    expect(await page.isChecked(`input[name=claimId][value="${claimId}"]`)).toBe(true);
    await setRegions(page, '15.02.13.2001, 15.02.13.2002');
    await page.uncheck('input[name=platforms][value=whatsapp]');
    await Promise.all([page.waitForURL(/preview$/), page.click('#broadcast-form button[type=submit]')]);
    expect(await page.textContent('#preview-groups')).toBe('2');
    await Promise.all([page.waitForURL(/\/dashboard\/broadcasts\/\d+/), page.click('#send-form button[type=submit]')]);
    await expect.poll(() => textOf(page, '#broadcast-state'), { timeout: 30_000, interval: 500 }).toBe('selesai');
    expect(await textOf(page, '[data-count="failed"] strong')).toBe('1');
    const failure = await textOf(page, `ul.failures li[data-chat="${kicked.chatId}"]`);
    expect(failure).toContain(`KIM ${kicked.regionCode}`);
    expect(failure).toContain('kicked');
    expect(failure).not.toContain(String(kicked.telegramChatId));
    await Promise.all([page.waitForURL(/ulang=0$/), page.click('button:has-text("Kirim ulang yang gagal")')]);
    expect(await textOf(page, '.ok')).toContain('Tidak ada yang dikirim ulang: semua pengiriman yang gagal menuju grup yang sudah mengeluarkan bot.');
  });

  it('shows the KIM groups of the region, and keeps moderators out of broadcasts', async () => {
    await page.click('nav.sections a[href="/dashboard/groups"]');
    await page.waitForURL(/\/dashboard\/groups$/);
    const names = await page.locator('tr[data-group] td:first-child').allTextContents();
    expect(names.sort()).toEqual(groups.filter((g) => g.regionCode.startsWith('15.02.')).map((g) => `KIM ${g.regionCode}`).sort());

    const context = await browser.newContext({ locale: 'id-ID' });
    const mod = await context.newPage();
    try {
      await login(mod, moderatorToken);
      expect(await mod.locator('nav.sections a[href="/dashboard/broadcasts"]').count()).toBe(0);
      const res = await mod.goto(`${h.saring.url}/dashboard/broadcasts/${broadcastId}`);
      expect(res?.status()).toBe(403);
      const form = await mod.goto(`${h.saring.url}/dashboard/broadcasts`);
      expect(form?.status()).toBe(403);
      await mod.goto(`${h.saring.url}/dashboard/groups`);
      expect((await mod.locator('tr[data-group]').count())).toBe(groups.filter((g) => g.regionCode.startsWith('15.02.13.')).length);
    } finally {
      await context.close();
    }
    // A form post without its CSRF token is refused.
    const status = await page.evaluate(async (id) => {
      const r = await fetch('/dashboard/broadcasts', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `claimId=${id}&regions=15.02.13&platforms=telegram` });
      return r.status;
    }, claimId);
    expect(status).toBe(403);
    const count = await waitFor(async () => (await h.saring.database.sql`select count(*)::int as n from broadcasts`)[0] as { n: number }, { what: 'count' });
    expect(count.n).toBe(2);
  });
});
