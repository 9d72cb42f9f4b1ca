import type { Logger } from 'pino';
// whatsapp-web.js is CommonJS whose exports Node cannot list statically: take the default export.
import wweb from 'whatsapp-web.js';
import type { WhatsAppClientLike } from './client-types.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from './whatsapp-adapter.js';

const { Client, LocalAuth } = wweb;

export { WhatsAppAdapter, type WhatsAppAdapterOptions, type WhatsAppStatus } from './whatsapp-adapter.js';
export { toSendError } from './send-errors.js';
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

/** One real whatsapp-web.js Client. Constructing it starts nothing: initialize() launches Chromium. */
export function createWhatsAppClient(opts: WhatsAppClientOptions): InstanceType<typeof Client> & WhatsAppClientLike {
  return new Client({
    authStrategy: new LocalAuth({ dataPath: opts.sessionDir }),
    puppeteer: { executablePath: opts.chromiumPath, headless: true, args: CHROMIUM_ARGS },
  });
}

export function createWhatsAppAdapter(
  opts: WhatsAppClientOptions & { logger: Logger } & Partial<Omit<WhatsAppAdapterOptions, 'logger'>>,
): WhatsAppAdapter {
  const { sessionDir, chromiumPath, ...adapterOpts } = opts;
  return new WhatsAppAdapter(() => createWhatsAppClient({ sessionDir, chromiumPath }), adapterOpts);
}
