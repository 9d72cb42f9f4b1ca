import { FakeWhatsAppClient, type SentRecord } from '../fixtures/whatsapp/fake-client.js';
import { waMessage, type FixtureInit, type FixtureMessage } from '../fixtures/whatsapp/messages.js';
import type { StartOverrides } from '../../src/entry/service.js';
import { startHarness, type Harness } from './saring.js';
import { waitFor } from './wait.js';

/** The WhatsApp side of a harness: the stand-in client the service talks to, played from the phones' end. */
export interface WhatsAppSide {
  /** The stand-in the adapter currently uses (a reconnect makes a new one). */
  client(): FakeWhatsAppClient;
  /** Someone writes to the bot (private chat, or a group when `from` is `…@g.us` with an `author`). */
  deliver(init: FixtureInit): FixtureMessage;
  /** Delivers an already built fixture message (status, own messages, newsletters…). */
  deliverRaw(msg: FixtureMessage): void;
  /** What the bot sent to this chat, in order. */
  sentTo(chatId: string): SentRecord[];
  texts(chatId: string): string[];
  /** The first bot message to `chatId` that satisfies `match`, waiting for it. */
  waitText(chatId: string, match: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
}

export interface WhatsAppHarness extends Harness {
  wa: WhatsAppSide;
}

/**
 * startHarness with WHATSAPP_ENABLED and the whatsapp-web.js stand-in injected through startSaring's
 * overrides; pacing and "typing…" near zero. Resolves once the WhatsApp adapter is ready.
 */
export async function startWhatsAppHarness(env: Record<string, string | undefined> = {}, start: Omit<StartOverrides, 'whatsappClient'> = {}): Promise<WhatsAppHarness> {
  const clients: FakeWhatsAppClient[] = [];
  const h = await startHarness(
    { WHATSAPP_ENABLED: 'true', WHATSAPP_MIN_INTERVAL_MS: '0', WHATSAPP_BROADCAST_INTERVAL_SECONDS: '0', WHATSAPP_BROADCAST_JITTER_SECONDS: '0', ...env },
    {
      whatsappClient: () => {
        const c = new FakeWhatsAppClient('ready');
        clients.push(c);
        return c;
      },
      whatsappOptions: { minGapMs: 0, jitterMs: 0, typingMs: 0 },
      ...start,
    },
  );
  try {
    await waitFor(() => h.saring.whatsapp?.state() === 'ready', { what: 'whatsapp adapter ready' });
  } catch (err) {
    await h.stop();
    throw err;
  }
  const client = () => {
    const c = clients[clients.length - 1];
    if (!c) throw new Error('the service created no WhatsApp client');
    return c;
  };
  const texts = (chatId: string) => client().sentTo(chatId).map((s) => s.content);
  return {
    ...h,
    wa: {
      client,
      deliver(init) {
        const msg = waMessage(init);
        client().deliver(msg);
        return msg;
      },
      deliverRaw(msg) {
        client().deliver(msg);
      },
      sentTo: (chatId) => client().sentTo(chatId),
      texts,
      waitText(chatId, match, what, timeoutMs = 10_000) {
        return waitFor(() => texts(chatId).find(match), { what, timeoutMs });
      },
    },
  };
}

let nextNumber = 1_000_000;

/** A fresh Indonesian mobile number as a WhatsApp private chat id (`62812…@c.us`). */
export function waUser(): string {
  return `62812${String(nextNumber++).padStart(7, '0')}${String(Math.floor(Math.random() * 10))}@c.us`;
}

let nextGroup = 0;
const groupStamp = String(Date.now() % 1e8).padStart(8, '0');

/**
 * A fresh WhatsApp group id in the form WhatsApp gives groups made today: `120363` and 12 more digits
 * (`120363041234567890@g.us`), unique within this test process.
 */
export function waGroup(): string {
  return `120363${groupStamp}${String(nextGroup++ % 10_000).padStart(4, '0')}@g.us`;
}
