import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { DeliveryUpdate, InboundHandlers } from '../../src/domain/chat-adapter.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from '../../bots/whatsapp/whatsapp-adapter.js';
import { isWhatsAppPageFailure } from '../../bots/whatsapp/page-failure.js';
import { BOT_LID, FakeWhatsAppClient, type FakeBoot } from '../fixtures/whatsapp/fake-client.js';
import { BOT_WID, GROUP, RESIDENT, waMessage } from '../fixtures/whatsapp/messages.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The WhatsApp adapter against a stand-in that behaves like whatsapp-web.js 1.34 where the real platform
 * differs from a friendly fake (issue #17). All watchdogs run on a manual clock.
 */
let adapter: WhatsAppAdapter | undefined;
afterEach(async () => adapter?.stop());

const MIN = 60_000;

function setup(boots: FakeBoot[], over: Partial<WhatsAppAdapterOptions> = {}) {
  const clock = new ManualTimers();
  const clients: FakeWhatsAppClient[] = [];
  adapter = new WhatsAppAdapter(
    () => {
      const c = new FakeWhatsAppClient(boots[Math.min(clients.length, boots.length - 1)]);
      clients.push(c);
      return c;
    },
    {
      logger: pino({ level: 'silent' }),
      now: clock.now,
      timers: clock,
      pacing: { minGapMs: 0, jitterMs: 0, now: clock.now },
      typingMs: 0,
      retry: { baseMs: 1_000, maxMs: 1_000 },
      readyTimeoutMs: 3 * MIN,
      initTimeoutMs: 2 * MIN,
      ackWaitMs: 10_000,
      printQr: () => undefined,
      ...over,
    },
  );
  const messages: InboundMessage[] = [];
  const deliveries: DeliveryUpdate[] = [];
  const removed: Array<{ chatId: string; reason: string }> = [];
  const handlers: InboundHandlers = {
    message: async (m) => void messages.push(m),
    delivery: async (u) => (deliveries.push(u), true),
    removedFromGroup: async (e) => void removed.push(e),
  };
  return { adapter, clock, clients, messages, deliveries, removed, handlers, last: () => clients[clients.length - 1]! };
}

const stateIs = (a: WhatsAppAdapter, s: string) => waitFor(() => a.state() === s, { what: `state ${s}` });

describe('point 1: ready within N minutes of authenticated, else reconnect', () => {
  it('replaces a client that authenticated but never became ready (web cache write failed in the page)', async () => {
    const t = setup(['stuck', 'ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'authenticated');
    t.clock.advance(3 * MIN - 1);
    expect(t.adapter.state()).toBe('authenticated');
    t.clock.advance(1);
    expect(t.adapter.state()).toBe('failed');
    expect(t.adapter.status().lastError).toMatch(/ready did not follow authenticated/);
    await waitFor(() => t.clients[0]!.destroyed, { what: 'stuck client destroyed' });
    t.clock.advance(1_000);
    await stateIs(t.adapter, 'ready');
    expect(t.clients).toHaveLength(2);
  });
});

describe('point 10: initialize bounded by a timeout, then retried with backoff', () => {
  it('abandons an initialize() that never settles (page.goto with timeout 0), closes the browser and retries', async () => {
    const t = setup(['hang', 'ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'starting');
    t.clock.advance(2 * MIN);
    await waitFor(() => t.clients[0]!.destroyed, { what: 'hung client destroyed' });
    expect(t.adapter.state()).toBe('failed');
    expect(t.adapter.status().lastError).toMatch(/initialize timed out/);
    t.clock.advance(1_000);
    await stateIs(t.adapter, 'ready');
  });
});

describe('point 7: "sent" is what the server accepted; change_state pauses sends', () => {
  it('waits for ACK_SERVER; without it within the wait the message is reported unconfirmed, then accepted by a later ack', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    // Connected: the server's ack comes right after sendMessage resolved at ACK_PENDING.
    const ok = await t.adapter.send({ chatId: RESIDENT, text: 'Nomor tiket: T-1' });
    expect(ok.accepted).toBeUndefined();
    await waitFor(() => t.deliveries.find((d) => d.messageId === ok.messageId && d.status === 'server'), { what: 'server ack reported' });

    // The socket drops silently (no change_state yet): the message stays in the page.
    t.last().waState = 'TIMEOUT';
    const pending = t.adapter.send({ chatId: RESIDENT, text: 'Nomor tiket: T-2' });
    await waitFor(() => t.last().sentTo(RESIDENT).length === 2, { what: 'handed to the page' });
    t.clock.advance(10_000);
    const unconfirmed = await pending;
    expect(unconfirmed.accepted).toBe(false);
    t.last().changeState('CONNECTED');
    await waitFor(() => t.deliveries.find((d) => d.messageId === unconfirmed.messageId && d.status === 'server'), { what: 'late acceptance' });
    // Later receipts are followed too.
    t.last().ack(t.last().sentMessage(unconfirmed.messageId), 3);
    await waitFor(() => t.deliveries.find((d) => d.messageId === unconfirmed.messageId && d.status === 'read'), { what: 'read receipt' });
  });

  it('an ack for a message of an earlier session (sent by the page after a restart) still reaches the ledger', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    const old = waMessage({ from: RESIDENT, fromMe: true, body: 'Nomor tiket: T-9' });
    t.last().ack(old, 1);
    await waitFor(() => t.deliveries.find((d) => d.messageId === old.id.id && d.status === 'server'), { what: 'ack of an earlier session' });
  });

  it('TIMEOUT / OPENING make it "reconnecting" (sends refused as transient); CONNECTED makes it ready again', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    t.last().changeState('TIMEOUT');
    expect(t.adapter.state()).toBe('reconnecting');
    await expect(t.adapter.send({ chatId: RESIDENT, text: 'x' })).rejects.toMatchObject({ kind: 'transient' });
    t.last().changeState('OPENING');
    expect(t.adapter.state()).toBe('reconnecting');
    t.last().changeState('CONNECTED');
    expect(t.adapter.state()).toBe('ready');
    expect(t.last().sentTo(RESIDENT)).toHaveLength(0);
  });

  it('a connection that does not come back within the watchdog gets a new client; CONFLICT/UNPAIRED disconnect', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    t.last().changeState('TIMEOUT');
    t.clock.advance(3 * MIN);
    expect(t.adapter.state()).toBe('failed');
    await waitFor(() => t.clients[0]!.destroyed, { what: 'old client destroyed' });
    t.clock.advance(1_000);
    await stateIs(t.adapter, 'ready');
    t.last().changeState('CONFLICT');
    expect(t.adapter.state()).toBe('disconnected');
    expect(t.last().destroyed).toBe(true);
  });

  it('group_leave naming the bot (phone form or lid) reports the group; another member leaving does not', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    t.last().removeFromGroup(GROUP, '6281111111111@c.us', 'leave');
    t.last().removeFromGroup(GROUP, BOT_WID, 'remove');
    await waitFor(() => t.removed.length === 1, { what: 'removal reported' });
    expect(t.removed[0]).toMatchObject({ chatId: GROUP, reason: expect.stringMatching(/removed/) });
    const other = '120363099999999999@g.us';
    t.last().removeFromGroup(other, BOT_LID, 'remove');
    await waitFor(() => t.removed.length === 2, { what: 'lid removal reported' });
    expect(t.removed[1]!.chatId).toBe(other);
  });
});

describe('point 2: one identity across @c.us and @lid', () => {
  const PN = '6281355577799@c.us';
  const LID = '123456789012345@lid';

  it('an @lid author is an admin when the phone-form participant is, and arrives as the phone-form person with the lid as alias', async () => {
    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    const wa = t.last();
    wa.setMember(GROUP, PN, 'admin');
    // Before WhatsApp knows the pair, doubt answers false.
    expect(await t.adapter.isGroupAdmin(GROUP, LID)).toBe(false);
    wa.linkLid(PN, LID);
    expect(await t.adapter.isGroupAdmin(GROUP, LID)).toBe(true);
    expect(await t.adapter.isGroupAdmin(GROUP, PN)).toBe(true);

    wa.deliver(waMessage({ from: GROUP, author: LID, body: '/daftar 15.02.13.2005' }));
    wa.deliver(waMessage({ from: LID, body: '/masuk ABCD1234' }));
    await waitFor(() => t.messages.length === 2, { what: 'two messages' });
    for (const m of t.messages) expect(m.sender).toMatchObject({ id: PN, aliases: [LID] });
    // The chat to answer stays what WhatsApp gave.
    expect(t.messages.find((m) => m.chat.kind === 'private')!.chat.id).toBe(LID);
  });
});

describe('point 3: a rejected page event is contained to the adapter', () => {
  it('recognises the library’s unawaited rejections and replaces the client when told', async () => {
    expect(isWhatsAppPageFailure('auth timeout')).toBe(true);
    expect(isWhatsAppPageFailure(new Error('Execution context was destroyed, most likely because of a navigation.'))).toBe(true);
    expect(isWhatsAppPageFailure(new Error('duplicate key value violates unique constraint'))).toBe(false);
    expect(isWhatsAppPageFailure(undefined)).toBe(false);

    const t = setup(['ready']);
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    t.adapter.containFailure('auth timeout');
    expect(t.adapter.state()).toBe('failed');
    await waitFor(() => t.clients[0]!.destroyed, { what: 'broken client destroyed' });
    t.clock.advance(1_000);
    await stateIs(t.adapter, 'ready');
    expect(t.clients).toHaveLength(2);
  });
});

describe('point 10: messages written while reconnecting are answered once back', () => {
  it('takes what WhatsApp delivers on reconnecting from the outage, but not an old backlog', async () => {
    const t = setup(['ready'], { catchUpMs: 60 * MIN });
    await t.adapter.start(t.handlers);
    await stateIs(t.adapter, 'ready');
    t.last().disconnect('NAVIGATION');
    const outageStartSec = Math.floor(t.clock.now() / 1000);
    t.clock.advance(30 * MIN);
    t.clock.advance(1_000);
    await stateIs(t.adapter, 'ready');
    // Written during the outage (before this client was ready), delivered now by WhatsApp.
    t.last().deliver(waMessage({ body: 'Pesan saat bot terputus: benarkah ada bansos?', timestamp: outageStartSec + 60 }));
    // Written days ago: not answered now.
    t.last().deliver(waMessage({ body: 'Pesan lama sekali', timestamp: outageStartSec - 3 * 24 * 3600 }));
    await waitFor(() => t.messages.length === 1, { what: 'outage message handled' });
    expect(t.messages[0]!.text).toContain('bansos');
  });
});
