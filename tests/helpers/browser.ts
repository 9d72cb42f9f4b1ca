import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's Chromium, headless. Its pages send `Accept-Language: en-US` unless a context sets `locale`, and
 * the dashboard follows that header: tests that read Indonesian pages open them with `{ locale: 'id-ID' }`,
 * as the staff's own browsers are set. Also with nothing that calls out to the network (this machine has none):
 * without the background-networking flags Chromium keeps trying Google's hosts.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Log in to the dashboard with a staff token, as a person would. */
export async function loginDashboard(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/dashboard/login`);
  await page.fill('#token', token);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A page as people see it, on a 390 px phone and on a desktop: nothing wider than the screen; on the
 * phone every control at least 44 px tall (a thumb, not a mouse) and no `word-break: break-all`
 * chopping words; a full-page screenshot of each width at `${shot}-${width}.png` (look at them).
 * `load`, when given, runs at each width (a fresh navigation); without it the page as it stands
 * (say, the answer to a form) is resized.
 */
export async function expectFitsScreens(page: Page, shot: string, load?: () => Promise<unknown>): Promise<void> {
  mkdirSync(dirname(shot), { recursive: true });
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await load?.();
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width, `${shot} at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(size.width);
    if (size === PHONE) {
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, select, .button, summary, nav a, input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
          .filter((e) => e.offsetParent !== null)
          .map((e) => ({ what: `${e.tagName.toLowerCase()} ${(e.textContent ?? '').trim().slice(0, 30)}`, h: e.getBoundingClientRect().height }))
          .filter((e) => e.h < 43.5),
      );
      expect(small, `${shot}: touch targets under 44 px`).toEqual([]);
      const breaks = await page.evaluate(() => [...document.querySelectorAll('body, main, pre, td, dd, p')].filter((e) => getComputedStyle(e).wordBreak === 'break-all').length);
      expect(breaks, `${shot}: word-break: break-all`).toBe(0);
    }
    await page.screenshot({ path: `${shot}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}
