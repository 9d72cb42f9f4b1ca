import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { BOT_API_ERRORS, resident, startEmulator } from '../helpers/telegram.js';
import { freePort } from '../helpers/wait.js';
import { describeChatAdapter, type InjectInput } from './chat-adapter.js';

let nextGroup = 1_000;

/**
 * The real TelegramAdapter in webhook mode against telegram-test-api (which cannot long-poll). A bare
 * HTTP server stands in for the fastify app: it hands each update to adapter.webhook().handle() and
 * answers only after it resolves, as the app does.
 */
describeChatAdapter(
  'telegram',
  async () => {
    const emulator = await startEmulator();
    const port = await freePort();
    const adapter = new TelegramAdapter({
      token: TEST_BOT_TOKEN,
      apiRoot: emulator.apiRoot,
      webhookUrl: `http://127.0.0.1:${port}/telegram/webhook`,
      logger: pino({ level: 'silent' }),
    });
    const server = await listen(port, async (body) => {
      await adapter.webhook()!.handle(body);
    });

    const person = resident(emulator, 'Siti');
    const groupChatId = -100_000_000 - nextGroup++;
    const member = emulator.server.getClient(TEST_BOT_TOKEN, {
      userId: person.userId,
      chatId: groupChatId,
      type: 'group',
      chatTitle: 'KIM Desa Sukamaju',
    });

    return {
      adapter,
      residentChatId: String(person.chatId),
      groupChatId: String(groupChatId),
      async injectInbound(input: string | InjectInput) {
        const { text, chat = 'private' } = typeof input === 'string' ? { text: input } : input;
        const client = chat === 'group' ? member : person.client;
        if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text));
        else await client.sendMessage(client.makeMessage(text));
      },
      failNextSend(chatId, failure) {
        const error = { outage: BOT_API_ERRORS.badGateway, flood: BOT_API_ERRORS.tooMany(3), 'chat-gone': BOT_API_ERRORS.kicked }[failure];
        emulator.failNext('sendMessage', error, { chatId });
      },
      async migrateChat(chatId) {
        const to = -1_001_000_000_000 - nextGroup++;
        await emulator.migrate(Number(chatId), to);
        return String(to);
      },
      // A Telegram bot never receives its own messages: nothing to inject.
      async choose(chatId, index) {
        const offer = [...emulator.botMessagesTo(Number(chatId))].reverse().find((m) => keyboardOf(m.reply_markup).length > 0);
        const button = offer ? keyboardOf(offer.reply_markup)[index] : undefined;
        if (!offer || !button) throw new Error('no inline keyboard was offered');
        await person.client.sendCallback(person.client.makeCallbackQuery(button.callback_data, { message: { message_id: offer.message_id } }));
      },
      async sentTo(chatId) {
        return emulator.botMessagesTo(Number(chatId)).map((m) => ({
          text: m.text,
          ...(m.message_id !== undefined ? { messageId: String(m.message_id) } : {}),
          buttons: keyboardOf(m.reply_markup).map((b) => b.text),
        }));
      },
      async cleanup() {
        await adapter.stop();
        await new Promise((r) => server.close(r));
        await emulator.stop();
      },
    };
  },
);

function keyboardOf(markup: unknown): Array<{ text: string; callback_data: string }> {
  const rows = (markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined)?.inline_keyboard;
  return rows?.flat() ?? [];
}

function listen(port: number, onUpdate: (body: unknown) => Promise<void>): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      onUpdate(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        .then(() => res.writeHead(200).end())
        .catch(() => res.writeHead(500).end());
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
