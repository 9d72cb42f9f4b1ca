import { join } from 'node:path';
import type { Logger } from 'pino';
// whatsapp-web.js is CommonJS whose exports Node cannot list statically: take the default export.
import wweb from 'whatsapp-web.js';
import type { WhatsAppClientLike } from './client-types.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from './whatsapp-adapter.js';
import { clearStaleChromiumLock } from './chromium-profile.js';

const { Client, LocalAuth } = wweb;

export { WhatsAppAdapter, type AdapterTimers, type WhatsAppAdapterOptions, type WhatsAppStatus } from './whatsapp-adapter.js';
export { toSendError } from './send-errors.js';
export { isWhatsAppPageFailure } from './page-failure.js';
export { clearStaleChromiumLock } from './chromium-profile.js';
export type { ChoiceStore, OfferedChoices } from './choice-store.js';
export type { WhatsAppClientLike } from './client-types.js';

export interface WhatsAppClientOptions {
  /** LocalAuth keeps the linked-device session here, so a restart needs no new QR scan. */
  sessionDir: string;
  /** Debian's /usr/bin/chromium: puppeteer's own download is skipped (.puppeteerrc.cjs). */
  chromiumPath: string;
}

/** Flags for a headless server: no sandbox (root in containers), and nothing that phones home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The options production gives the real Client. Everything it writes stays under `sessionDir`:
 * LocalAuth's Chromium profile (`<sessionDir>/session`), and no web-page cache at all — the library's
 * default `webVersionCache: { type: 'local' }` writes `./.wwebjs_cache/` (LocalWebCache.persist, relative
 * to the working directory, root's `/app` in the image) between `authenticated` and `ready`, and when that
 * write fails inside the page's callback no event ever fires.
 */
export function whatsappClientOptions(opts: WhatsAppClientOptions): wweb.ClientOptions {
  return {
    authStrategy: new LocalAuth({ dataPath: opts.sessionDir }),
    webVersionCache: { type: 'none' },
    puppeteer: { executablePath: opts.chromiumPath, headless: true, args: CHROMIUM_ARGS },
  };
}

/** LocalAuth's Chromium profile folder (LocalAuth.beforeBrowserInitialized: `<dataPath>/session`). */
export function chromiumProfileDir(sessionDir: string): string {
  return join(sessionDir, 'session');
}

/** One real whatsapp-web.js Client. Constructing it starts nothing: initialize() launches Chromium. */
export function createWhatsAppClient(opts: WhatsAppClientOptions): InstanceType<typeof Client> & WhatsAppClientLike {
  return new Client(whatsappClientOptions(opts));
}

export function createWhatsAppAdapter(
  opts: WhatsAppClientOptions & { logger: Logger } & Partial<Omit<WhatsAppAdapterOptions, 'logger'>>,
): WhatsAppAdapter {
  const { sessionDir, chromiumPath, ...adapterOpts } = opts;
  return new WhatsAppAdapter(() => {
    // The previous client's browser is closed by now (the adapter disposes it first): a lock left is stale.
    if (clearStaleChromiumLock(chromiumProfileDir(sessionDir)) === 'removed') adapterOpts.logger.warn('removed a stale Chromium profile lock');
    return createWhatsAppClient({ sessionDir, chromiumPath });
  }, adapterOpts);
}
