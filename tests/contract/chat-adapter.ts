import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendError, type ChatAdapter, type ChatMigration, type InboundHandlers } from '../../src/domain/chat-adapter.js';
import type { GroupJoin, InboundCallback, InboundMessage } from '../../src/domain/inbound.js';
import { sleep, waitFor } from '../helpers/wait.js';

export interface InjectInput {
  text: string;
  /** Where the resident writes: their private chat with the bot (default) or the KIM group. */
  chat?: 'private' | 'group';
}

export interface DeliveredMessage {
  text: string;
  messageId?: string;
  /** Button labels when the platform has real buttons. */
  buttons?: string[];
  /** The bytes of a picture or file sent with the message (its caption is `text`). */
  file?: Buffer;
}

/** What each platform's test file provides: the adapter plus a way to play the platform's other side. */
export interface ContractHarness {
  adapter: ChatAdapter;
  residentChatId: string;
  groupChatId: string;
  /** The platform delivers a message from a resident; resolves once the platform has handed it over. */
  injectInbound(input: string | InjectInput): Promise<void>;
  /** For platforms that echo the bot's own messages to it (WhatsApp): deliver one such echo. */
  injectOwnMessage?(text: string): Promise<void>;
  /** The resident picks option `index` of the last choices offered in `chatId` (press a button / reply a number). */
  choose(chatId: string, index: number): Promise<void>;
  /**
   * Platforms that can: the next send to `chatId` fails as the platform answers an outage, a flood wait, or a chat
   * that is gone (the bot removed or blocked).
   */
  failNextSend?(chatId: string, failure: 'outage' | 'flood' | 'chat-gone'): void;
  /** Platforms whose chats can move to a new id (Telegram group → supergroup): do it, announce it, return the new id. */
  migrateChat?(chatId: string): Promise<string>;
  /** What the platform received from the bot for this chat, in order. */
  sentTo(chatId: string): Promise<DeliveredMessage[]>;
  /** A group admin adds the bot (or, with 'someone', another person) to the group. */
  addToGroup(who: 'bot' | 'someone'): Promise<void>;
  cleanup(): Promise<void>;
}

export type ContractCase = 'stop-ends-inbound';

export interface ContractOptions {
  /**
   * Cases this adapter is known to fail today. They run as `it.fails`, so the gap stays visible and
   * the suite tells when it is fixed (the expected failure then turns into a test failure).
   */
  knownGaps?: ContractCase[];
}

/**
 * The behaviour every ChatAdapter owes the core, whatever the platform. Run by
 * tests/contract/<platform>.contract.test.ts with a harness over that platform's emulator or stand-in.
 */
export function describeChatAdapter(name: string, makeHarness: () => Promise<ContractHarness>, opts: ContractOptions = {}): void {
  describe(`ChatAdapter contract: ${name}`, () => {
    let h: ContractHarness;
    let messages: InboundMessage[];
    let callbacks: InboundCallback[];
    let migrations: ChatMigration[];
    let joins: GroupJoin[];
    const handlers: InboundHandlers = {
      message: async (m) => void messages.push(m),
      callback: async (c) => void callbacks.push(c),
      chatMigrated: async (m) => void migrations.push(m),
      joined: async (j) => void joins.push(j),
    };
    const gap = (c: ContractCase) => (opts.knownGaps?.includes(c) ? it.fails : it);

    beforeEach(async () => {
      messages = [];
      callbacks = [];
      migrations = [];
      joins = [];
      h = await makeHarness();
      await h.adapter.start(handlers);
      await waitFor(() => h.adapter.state() === 'ready', { what: `${name} ready` });
    });
    afterEach(async () => {
      await h?.cleanup();
    });

    it('starts and reports ready', () => {
      expect(h.adapter.state()).toBe('ready');
    });

    it('delivers a resident private text as an InboundMessage', async () => {
      const text = 'Apakah benar bansos 2 juta cair hari ini lewat link bit.ly/bansos-cair?';
      await h.injectInbound(text);
      const [m] = await waitFor(() => (messages.length ? messages : null), { what: 'inbound message' });
      expect(m).toMatchObject({
        platform: h.adapter.platform,
        chat: { id: h.residentChatId, kind: 'private' },
        sender: { isBot: false },
        text,
        forwarded: false,
      });
      expect(m!.command).toBeUndefined();
      for (const id of [m!.messageId, m!.chat.id, m!.sender.id]) {
        expect(typeof id).toBe('string');
        expect(id.length).toBeGreaterThan(0);
      }
      expect(m!.receivedAt).toBeInstanceOf(Date);
      expect(Math.abs(m!.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('reports the bot being added to a group as joined, and someone else joining as nothing', async () => {
      await h.addToGroup('someone');
      await h.addToGroup('bot');
      const [j] = await waitFor(() => (joins.length ? joins : null), { what: 'joined' });
      expect(j).toMatchObject({ platform: h.adapter.platform, chat: { id: h.groupChatId } });
      await sleep(100);
      expect(joins).toHaveLength(1);
      expect(messages).toEqual([]);
    });

    it('delivers a command sent in a group, with chat kind group', async () => {
      await h.injectInbound({ text: '/status T-1000', chat: 'group' });
      const [m] = await waitFor(() => (messages.length ? messages : null), { what: 'group command' });
      expect(m).toMatchObject({
        platform: h.adapter.platform,
        chat: { id: h.groupChatId, kind: 'group' },
        command: { name: 'status', args: 'T-1000' },
      });
      expect(m!.sender.id).not.toBe(h.groupChatId);
    });

    it('never delivers the bot’s own messages', async () => {
      await h.adapter.send({ chatId: h.residentChatId, text: 'Terima kasih, laporan Anda kami terima.' });
      await h.injectOwnMessage?.('Pesan yang dikirim dari nomor bot sendiri');
      // A marker from the resident: once it arrives, anything sent before it would have arrived too.
      await h.injectInbound('penanda');
      await waitFor(() => messages.some((m) => m.text === 'penanda'), { what: 'marker' });
      await sleep(100);
      expect(messages.map((m) => m.text)).toEqual(['penanda']);
    });

    it('send() delivers the text and returns the platform message id', async () => {
      const text = 'Laporan Anda sudah kami terima. Nomor tiket: T-1001';
      const sent = await h.adapter.send({ chatId: h.residentChatId, text });
      expect(typeof sent.messageId).toBe('string');
      expect(sent.messageId.length).toBeGreaterThan(0);
      // On a healthy connection the platform's server accepted it ("sent" in the ledger), not merely queued it.
      expect(sent.accepted).not.toBe(false);
      const got = await waitFor(async () => (await h.sentTo(h.residentChatId)).find((m) => m.text.includes(text)), { what: 'delivered text' });
      if (got.messageId !== undefined) expect(got.messageId).toBe(sent.messageId);
    });

    it('send() with a picture delivers the picture with the text as its caption', async () => {
      const data = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP', 'base64');
      const text = 'Gambar yang dilaporkan warga untuk klaim #12';
      const sent = await h.adapter.send({ chatId: h.residentChatId, text, file: { data, mime: 'image/jpeg', filename: 'laporan-1.jpg', kind: 'photo' } });
      expect(sent.messageId.length).toBeGreaterThan(0);
      const got = await waitFor(async () => (await h.sentTo(h.residentChatId)).find((m) => m.file), { what: 'delivered picture' });
      expect(got.text).toBe(text);
      expect(got.file!.equals(data)).toBe(true);
    });

    it('send() with a card and buttons: one message carrying both; the same cacheKey sends the same picture again', async () => {
      const data = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP', 'base64');
      const file = { data, mime: 'image/jpeg', filename: 'klarifikasi-7.jpg', kind: 'photo' as const, cacheKey: 'card-7-abc' };
      const buttons = [[{ text: 'Membantu 👍', data: 'fb-yes' }, { text: 'Tidak 👎', data: 'fb-no' }]];
      await h.adapter.send({ chatId: h.residentChatId, text: '[HOAKS] Jawaban pertama', file, buttons });
      await h.adapter.send({ chatId: h.groupChatId, text: '[HOAKS] Jawaban kedua', file });
      const first = await waitFor(async () => (await h.sentTo(h.residentChatId)).find((m) => m.file && m.text.includes('Jawaban pertama')), { what: 'card with buttons' });
      for (const label of ['Membantu 👍', 'Tidak 👎']) expect(first.text.includes(label) || Boolean(first.buttons?.includes(label))).toBe(true);
      const second = await waitFor(async () => (await h.sentTo(h.groupChatId)).find((m) => m.file && m.text.includes('Jawaban kedua')), { what: 'card again' });
      expect(second.file!.equals(data)).toBe(true);
      await h.choose(h.residentChatId, 1);
      const [cb] = await waitFor(() => (callbacks.length ? callbacks : null), { what: 'feedback callback' });
      expect(cb).toMatchObject({ platform: h.adapter.platform, chat: { id: h.residentChatId, kind: 'private' }, data: 'fb-no' });
    });

    it('send() with buttons offers the choices, and choosing the first returns its data as a callback', async () => {
      const buttons = [[{ text: 'Ya, kirim laporan', data: 'confirm:T-1002' }, { text: 'Batal', data: 'cancel:T-1002' }]];
      await h.adapter.send({ chatId: h.residentChatId, text: 'Kirim pesan ini sebagai laporan?', buttons });
      const offered = await waitFor(async () => (await h.sentTo(h.residentChatId)).find((m) => m.text.includes('Kirim pesan ini')), {
        what: 'offer delivered',
      });
      for (const label of ['Ya, kirim laporan', 'Batal']) {
        expect(offered.text.includes(label) || Boolean(offered.buttons?.includes(label))).toBe(true);
      }
      await h.choose(h.residentChatId, 0);
      const [cb] = await waitFor(() => (callbacks.length ? callbacks : null), { what: 'callback' });
      expect(cb).toMatchObject({
        platform: h.adapter.platform,
        chat: { id: h.residentChatId, kind: 'private' },
        sender: { isBot: false },
        data: 'confirm:T-1002',
      });
      expect(typeof cb!.callbackId).toBe('string');
      expect(messages).toEqual([]);
    });

    it('send() failures say what should happen next: wait, retry later, or stop sending to that chat', async (ctx) => {
      if (!h.failNextSend) return ctx.skip();
      const expected = { outage: 'transient', flood: 'rate_limited', 'chat-gone': 'permanent' } as const;
      for (const [failure, kind] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
        h.failNextSend(h.groupChatId, failure);
        const err = await h.adapter.send({ chatId: h.groupChatId, text: 'Klarifikasi resmi.' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SendError);
        expect((err as SendError).kind).toBe(kind);
        if (kind === 'rate_limited') expect((err as SendError).retryAfterMs).toBeGreaterThan(0);
      }
    });

    it('a chat that moved to a new id is announced to the core, and a send to the old id names the new one', async (ctx) => {
      if (!h.migrateChat) return ctx.skip();
      const to = await h.migrateChat(h.groupChatId);
      const [m] = await waitFor(() => (migrations.length ? migrations : null), { what: 'migration announced' });
      expect(m).toEqual({ platform: h.adapter.platform, fromChatId: h.groupChatId, toChatId: to });
      const err = await h.adapter.send({ chatId: h.groupChatId, text: 'Klarifikasi resmi.' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'migrated', migratedTo: to });
      expect(messages).toEqual([]);
    });

    gap('stop-ends-inbound')('stop() reports stopped and delivers nothing more', async () => {
      await h.adapter.stop();
      expect(h.adapter.state()).toBe('stopped');
      // The platform may refuse or drop it; the adapter must not hand it to the core either way.
      await h.injectInbound('pesan setelah berhenti').catch(() => undefined);
      await sleep(300);
      expect(messages).toEqual([]);
    });
  });
}
