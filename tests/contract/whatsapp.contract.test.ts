import pino from 'pino';
import { WhatsAppAdapter } from '../../bots/whatsapp/whatsapp-adapter.js';
import { FakeWhatsAppClient } from '../fixtures/whatsapp/fake-client.js';
import { GROUP, RESIDENT, waMessage } from '../fixtures/whatsapp/messages.js';
import { describeChatAdapter, type InjectInput } from './chat-adapter.js';

/** WhatsAppAdapter over the whatsapp-web.js stand-in, with pacing and typing delays near zero. */
describeChatAdapter('whatsapp', async () => {
  const clients: FakeWhatsAppClient[] = [];
  const current = () => clients[clients.length - 1]!;
  const adapter = new WhatsAppAdapter(
    () => {
      const c = new FakeWhatsAppClient('ready');
      clients.push(c);
      return c;
    },
    { logger: pino({ level: 'silent' }), pacing: { minGapMs: 0, jitterMs: 0 }, typingMs: 0, retry: { baseMs: 10, maxMs: 50 } },
  );
  return {
    adapter,
    residentChatId: RESIDENT,
    groupChatId: GROUP,
    async injectInbound(input: string | InjectInput) {
      const { text, chat = 'private' } = typeof input === 'string' ? { text: input } : input;
      current().deliver(waMessage({ from: chat === 'group' ? GROUP : RESIDENT, body: text }));
    },
    async injectOwnMessage(text) {
      current().deliverOwn(waMessage({ from: RESIDENT, fromMe: true, body: text }));
    },
    // No buttons on WhatsApp Web: the resident answers the numbered list with a digit.
    async choose(chatId, index) {
      current().deliver(waMessage({ from: chatId, body: String(index + 1) }));
    },
    async sentTo(chatId) {
      return current()
        .sentTo(chatId)
        .map((s) => ({ text: s.content, messageId: s.id, ...(s.media ? { file: s.media.data } : {}) }));
    },
    async addToGroup(who) {
      if (who === 'bot') return current().addBotTo(GROUP, RESIDENT);
      current().emit('group_join', { chatId: GROUP, recipientIds: ['6281299990000@c.us'], type: 'add', author: RESIDENT, body: '', timestamp: 0 });
    },
    async cleanup() {
      await adapter.stop();
    },
  };
});
