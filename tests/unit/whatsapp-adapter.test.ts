import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import wweb from 'whatsapp-web.js';
import { SendError, type InboundHandlers } from '../../src/domain/chat-adapter.js';
import type { InboundCallback, InboundMessage } from '../../src/domain/inbound.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from '../../bots/whatsapp/whatsapp-adapter.js';
import { toSendError } from '../../bots/whatsapp/send-errors.js';
import { createWhatsAppAdapter, createWhatsAppClient } from '../../bots/whatsapp/index.js';
import { FAKE_QR, FakeWhatsAppClient, type FakeBoot } from '../fixtures/whatsapp/fake-client.js';
import { GROUP, GROUP_MEMBER, RESIDENT, TINY_PNG_BASE64, fixtures, waMessage } from '../fixtures/whatsapp/messages.js';

const OTHER_GROUP = '120363049876543210@g.us';
import { sleep, waitFor } from '../helpers/wait.js';

let adapter: WhatsAppAdapter | undefined;
afterEach(async () => adapter?.stop());

/** An adapter over stand-in clients whose boot behaviour is scripted per connection attempt. */
function setup(boots: FakeBoot[], over: Partial<WhatsAppAdapterOptions> = {}) {
  const clients: FakeWhatsAppClient[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (chunk, _enc, cb) => (logs.push(JSON.parse(String(chunk))), cb()) });
  adapter = new WhatsAppAdapter(
    () => {
      const c = new FakeWhatsAppClient(boots[Math.min(clients.length, boots.length - 1)]);
      clients.push(c);
      return c;
    },
    { logger: pino({ level: 'debug' }, sink), pacing: { minGapMs: 0, jitterMs: 0 }, typingMs: 0, retry: { baseMs: 20, maxMs: 60 }, printQr: () => undefined, ...over },
  );
  const messages: InboundMessage[] = [];
  const callbacks: InboundCallback[] = [];
  const handlers: InboundHandlers = { message: async (m) => void messages.push(m), callback: async (c) => void callbacks.push(c) };
  return { adapter, clients, logs, messages, callbacks, handlers, last: () => clients[clients.length - 1]! };
}

const ready = (a: WhatsAppAdapter) => waitFor(() => a.state() === 'ready', { what: 'ready' });

describe('WhatsApp adapter lifecycle', () => {
  it('survives initialize() rejecting (no internet): failed, then retried with capped doubling backoff', async () => {
    const t = setup(['offline']);
    await expect(t.adapter.start(t.handlers)).resolves.toBeUndefined();
    await waitFor(() => t.clients.length >= 5, { what: 'five attempts' });
    expect(['failed', 'starting']).toContain(t.adapter.state());
    expect(t.adapter.status().lastError).toContain('net::ERR_NAME_NOT_RESOLVED');
    const delays = t.logs.filter((l) => l.retryInMs !== undefined).map((l) => l.retryInMs);
    expect(delays.slice(0, 4)).toEqual([20, 40, 60, 60]);
    // Each retry closed the previous browser before starting another on the same session directory.
    for (const c of t.clients.slice(0, -1)) expect(c.destroyed).toBe(true);
  });

  it('recovers once WhatsApp is reachable again, and resets the backoff', async () => {
    const t = setup(['offline', 'offline', 'ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    expect(t.clients).toHaveLength(3);
    expect(t.adapter.status()).toMatchObject({ state: 'ready', failures: 0, lastError: undefined });
  });

  it('shows the QR, keeps the latest one as text and PNG, then goes authenticated → ready', async () => {
    const printed: string[] = [];
    const t = setup(['qr'], { printQr: (s) => printed.push(s) });
    await t.adapter.start(t.handlers);
    await waitFor(() => t.adapter.state() === 'qr', { what: 'qr' });
    expect(t.adapter.latestQr()).toBe(FAKE_QR);
    expect(printed[0]).toMatch(/[▀▄█]/);
    const png = await t.adapter.qrPng();
    expect(png!.subarray(1, 4).toString()).toBe('PNG');
    const states: string[] = [];
    t.last().on('authenticated', () => states.push(t.adapter.state()));
    t.last().scanQr();
    await ready(t.adapter);
    expect(states).toEqual(['authenticated']);
    expect(t.adapter.latestQr()).toBeUndefined();
    expect(await t.adapter.qrPng()).toBeUndefined();
  });

  it('on disconnect: reports it, destroys the old client and reconnects with a new one', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const first = t.last();
    first.disconnect('CONFLICT');
    expect(t.adapter.state()).toBe('disconnected');
    await waitFor(() => t.clients.length === 2 && t.adapter.state() === 'ready', { what: 'reconnected' });
    expect(first.destroyed).toBe(true);
    // The old client's late events are no longer ours.
    first.deliver(fixtures.privateText());
    t.last().deliver(fixtures.lidText());
    await waitFor(() => t.messages.length === 1, { what: 'message on new client' });
    await sleep(30);
    expect(t.messages.map((m) => m.chat.id)).toEqual([fixtures.lidText().from]);
  });

  it('treats an auth failure or a failing client constructor as a failure to retry', async () => {
    let calls = 0;
    adapter = new WhatsAppAdapter(
      () => {
        if (++calls === 1) throw new Error('Invalid clientId');
        return new FakeWhatsAppClient('ready');
      },
      { logger: pino({ level: 'silent' }), retry: { baseMs: 10, maxMs: 10 } },
    );
    await adapter.start();
    await ready(adapter);
    expect(calls).toBe(2);
  });

  it('an auth failure (bad saved session) fails and retries with a fresh client', async () => {
    const t = setup(['qr', 'ready']);
    await t.adapter.start(t.handlers);
    await waitFor(() => t.adapter.state() === 'qr', { what: 'qr' });
    t.last().emit('auth_failure', 'Unable to log in. Are the session details valid?');
    expect(t.adapter.state()).toBe('failed');
    expect(t.adapter.status().lastError).toContain('Unable to log in');
    await ready(t.adapter);
    expect(t.clients[0]!.destroyed).toBe(true);
  });

  it('stop() cancels pending retries and destroys the client', async () => {
    const t = setup(['offline'], { retry: { baseMs: 100, maxMs: 100 } });
    await t.adapter.start(t.handlers);
    await waitFor(() => t.adapter.state() === 'failed', { what: 'failed' });
    await t.adapter.stop();
    expect(t.adapter.state()).toBe('stopped');
    await sleep(250);
    expect(t.clients).toHaveLength(1);
    expect(t.clients[0]!.destroyed).toBe(true);
  });

  it('drops messages older than the catch-up window, and everything when it only sends', async () => {
    const t = setup(['ready']);
    await t.adapter.start();
    await ready(t.adapter);
    t.last().deliver(fixtures.privateText());
    await sleep(20);
    await t.adapter.stop();
    const u = setup(['ready']);
    await u.adapter.start(u.handlers);
    await ready(u.adapter);
    u.last().deliver(fixtures.beforeReady(Date.now() - 2 * 60 * 60_000));
    u.last().deliver(fixtures.privateText());
    await waitFor(() => u.messages.length === 1, { what: 'one message' });
    expect(u.messages[0]!.text).toContain('bansos');
  });
});

describe('WhatsApp adapter sending', () => {
  it('is a transient error before ready, and never throws out of the core’s way otherwise', async () => {
    const t = setup(['offline']);
    await expect(t.adapter.send({ chatId: RESIDENT, text: 'x' })).rejects.toMatchObject({ kind: 'transient' });
    await t.adapter.start();
    await expect(t.adapter.send({ chatId: RESIDENT, text: 'x' })).rejects.toBeInstanceOf(SendError);
  });

  it('shows typing, quotes the resident’s message and returns the sent id', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const sent = await t.adapter.send({ chatId: RESIDENT, text: 'Nomor tiket: T-7', replyToMessageId: '3EB0ABC' });
    const [rec] = t.last().sentTo(RESIDENT);
    expect(sent.messageId).toBe(rec!.id);
    expect(rec!.options).toEqual({ linkPreview: false, sendSeen: false, quotedMessageId: `false_${RESIDENT}_3EB0ABC` });
    expect(t.last().chats.get(RESIDENT)!.typing).toBe(1);
    await t.adapter.send({ chatId: GROUP, text: 'Info untuk grup', replyToMessageId: '3EB0DEF' });
    expect(t.last().sentTo(GROUP)[0]!.options).toEqual({ linkPreview: false, sendSeen: false });
  });

  it('quotes a group message it received by its full id (with the author), text or card', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const hoax = fixtures.groupChatter();
    t.last().deliver(hoax);
    await waitFor(() => t.messages.length === 1, { what: 'group message' });
    // The core keeps only the short id: no phone number at rest.
    expect(t.messages[0]!.messageId).toBe(hoax.id.id);
    await t.adapter.send({ chatId: GROUP, text: 'Ini hoaks.', replyToMessageId: hoax.id.id });
    const card = { kind: 'photo' as const, data: Buffer.from(TINY_PNG_BASE64, 'base64'), mime: 'image/png', filename: 'kartu.png' };
    await t.adapter.send({ chatId: GROUP, text: 'Ini hoaks.', file: card, replyToMessageId: hoax.id.id });
    const [text, media] = t.last().sentTo(GROUP);
    for (const rec of [text!, media!]) {
      expect(rec.options?.quotedMessageId).toBe(`false_${GROUP}_${hoax.id.id}_${GROUP_MEMBER}`);
      expect(rec.quoted).toBe(hoax.id._serialized);
    }
    // The same short id in another group is another message.
    await t.adapter.send({ chatId: OTHER_GROUP, text: 'Ini hoaks.', replyToMessageId: hoax.id.id });
    expect(t.last().sentTo(OTHER_GROUP)[0]!.options?.quotedMessageId).toBeUndefined();
  });

  it('maps bad addresses to permanent errors and browser trouble to transient (and reconnects)', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    await expect(t.adapter.send({ chatId: 'status@broadcast', text: 'x' })).rejects.toMatchObject({ kind: 'permanent' });
    await expect(t.adapter.send({ chatId: 'bukan-nomor@c.us ', text: 'x' })).rejects.toMatchObject({ kind: 'permanent' });
    await expect(t.adapter.send({ chatId: '0@c.us', text: 'x' })).rejects.toMatchObject({ kind: 'permanent', message: 'chat not found' });
    await expect(t.adapter.send({ chatId: RESIDENT, text: '  ' })).rejects.toMatchObject({ kind: 'permanent' });
    expect(toSendError(new Error('Evaluation failed: Error: invalid wid'))).toMatchObject({ kind: 'permanent' });
    expect(toSendError(new Error('Evaluation failed: TypeError: x is undefined'))).toMatchObject({ kind: 'transient' });
    t.last().sendMessage = async () => {
      throw new Error('Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.');
    };
    await expect(t.adapter.send({ chatId: RESIDENT, text: 'x' })).rejects.toMatchObject({ kind: 'transient' });
    await waitFor(() => t.clients.length === 2 && t.adapter.state() === 'ready', { what: 'reconnect after browser loss' });
  });

  /**
   * Pacing is measured on a controllable clock: waiting for a slot advances virtual time at once, and
   * each send records the virtual time it went out at. No wall-clock gap is asserted.
   */
  function manualClock(start = 1_700_000_000_000) {
    let t = start;
    const waits: number[] = [];
    return {
      now: () => t,
      sleep: async (ms: number) => {
        if (ms <= 0) return;
        waits.push(ms);
        t += ms;
      },
      waits,
    };
  }

  /** Wraps the client's sendMessage so every send records the clock's time. */
  function recordTimes(client: FakeWhatsAppClient, clock: { now(): number }, fail?: (call: number) => boolean) {
    const real = client.sendMessage.bind(client);
    const times: Array<{ chatId: string; at: number }> = [];
    let calls = 0;
    client.sendMessage = async (...args) => {
      if (fail?.(++calls)) throw new Error('Evaluation failed: timeout');
      times.push({ chatId: args[0], at: clock.now() });
      return real(...args);
    };
    return times;
  }

  it('splits a long text, paces the parts, returns the first id, and resumes after a failed part', async () => {
    const clock = manualClock();
    const t = setup(['ready'], { pacing: { minGapMs: 40, jitterMs: 0 }, now: clock.now, sleep: clock.sleep });
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const text = Array.from({ length: 3 }, (_, i) => `Bagian ${i + 1}. ` + 'kata '.repeat(700).trim()).join('\n\n');
    const client = t.last();
    const times = recordTimes(client, clock, (call) => call === 2);
    await expect(t.adapter.send({ chatId: RESIDENT, text })).rejects.toMatchObject({ kind: 'transient' });
    const sent = await t.adapter.send({ chatId: RESIDENT, text });
    const parts = client.sentTo(RESIDENT);
    expect(parts.map((p) => p.content.slice(0, 8))).toEqual(['Bagian 1', 'Bagian 2', 'Bagian 3']);
    expect(sent.messageId).toBe(parts[0]!.id);
    expect(parts.every((p) => p.content.length <= 4000)).toBe(true);
    // Part 1 at once; the retry resumes with parts 2 and 3 in fresh slots, 40 ms apart on the clock.
    const at = times.map((x) => x.at - times[0]!.at);
    expect(at).toEqual([0, 120, 160]);
  });

  it('tells the caller to come back later rather than queueing many sends in memory', async () => {
    const clock = manualClock();
    const t = setup(['ready'], { pacing: { minGapMs: 200, jitterMs: 0, maxWaitMs: 300 }, now: clock.now, sleep: clock.sleep });
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const times = recordTimes(t.last(), clock);
    await t.adapter.send({ chatId: RESIDENT, text: 'satu' });
    // Another chat, same number: waits 200 ms for its slot, within maxWait.
    const second = t.adapter.send({ chatId: GROUP, text: 'dua' });
    const third = await t.adapter.send({ chatId: RESIDENT, text: 'tiga' }).catch((e: unknown) => e);
    expect(third).toMatchObject({ kind: 'rate_limited' });
    expect((third as SendError).retryAfterMs).toBe(400);
    await second;
    expect(times.map((x) => [x.chatId, x.at - times[0]!.at])).toEqual([
      [RESIDENT, 0],
      [GROUP, 200],
    ]);
    expect(t.last().sentTo(RESIDENT)).toHaveLength(1);
  });
});

describe('WhatsApp numbered choices', () => {
  it('turns a digit answering the last offer into a callback; other digits stay messages', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await ready(t.adapter);
    const { messageId } = await t.adapter.send({
      chatId: RESIDENT,
      text: 'Kirim sebagai laporan?',
      buttons: [[{ text: 'Ya', data: 'confirm:9' }], [{ text: 'Tidak', data: 'cancel:9' }]],
    });
    expect(t.last().sentTo(RESIDENT)[0]!.content).toContain('Balas 2 untuk Tidak');
    t.last().deliver(waMessage({ body: '2' }));
    await waitFor(() => t.callbacks.length === 1, { what: 'callback' });
    expect(t.callbacks[0]).toMatchObject({ platform: 'whatsapp', data: 'cancel:9', messageId, chat: { id: RESIDENT, kind: 'private' } });
    t.last().deliver(waMessage({ body: '3' }));
    t.last().deliver(waMessage({ from: fixtures.lidText().from, body: '1' }));
    await waitFor(() => t.messages.length === 2, { what: 'plain digits' });
    expect(t.messages.map((m) => m.text)).toEqual(['3', '1']);
  });
});

describe('createWhatsAppAdapter', () => {
  it('builds a real whatsapp-web.js Client with our Chromium and LocalAuth session dir, without starting it', () => {
    const client = createWhatsAppClient({ sessionDir: '/tmp/saring-wa-session', chromiumPath: '/usr/bin/chromium' });
    expect(client).toBeInstanceOf(wweb.Client);
    const opts = (client as unknown as { options: { puppeteer: { executablePath: string; headless: boolean; args: string[] } } }).options;
    expect(opts.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true });
    expect(opts.puppeteer.args).toContain('--no-sandbox');
    const auth = (client as unknown as { authStrategy: unknown }).authStrategy;
    expect(auth).toBeInstanceOf(wweb.LocalAuth);
    expect((auth as { dataPath: string }).dataPath).toBe('/tmp/saring-wa-session');
    expect(client.pupBrowser).toBeNull();

    const a = createWhatsAppAdapter({ sessionDir: '/tmp/saring-wa-session', chromiumPath: '/usr/bin/chromium', logger: pino({ level: 'silent' }) });
    expect(a.platform).toBe('whatsapp');
    expect(a.state()).toBe('stopped');
  });
});
