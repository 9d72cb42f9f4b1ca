import { chromium, type Browser, type Page } from 'playwright-core';

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
