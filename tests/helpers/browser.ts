import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with nothing that calls out to the network (this machine has none):
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
