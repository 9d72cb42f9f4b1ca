import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from './wait.js';
import { TEST_BOT_TOKEN } from './config.js';

export interface Emulator {
  server: TelegramServer;
  apiRoot: string;
  /** Bot messages sent to a chat, in order. */
  botMessagesTo(chatId: number): Array<{ text: string; time: number; reply_markup?: unknown; message_id?: number }>;
  stop(): Promise<void>;
}

/** The Bot API emulator on loopback: the real telegraf bot talks to it over HTTP. */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return {
    server,
    apiRoot: server.config.apiURL,
    botMessagesTo(chatId) {
      return server.storage.botMessages
        .filter((u) => u.botToken === TEST_BOT_TOKEN && String(u.message.chat_id) === String(chatId))
        .map((u) => ({ ...(u.message as { text: string; reply_markup?: unknown }), time: u.time, message_id: u.messageId }));
    },
    stop: () => server.stop().then(() => undefined),
  };
}

let nextUser = 7_000_000;

/** A resident with their own private chat. */
export function resident(emulator: Emulator, name = 'Warga') {
  const userId = nextUser++;
  const client = emulator.server.getClient(TEST_BOT_TOKEN, { userId, chatId: userId, firstName: name, userName: `warga${userId}`, type: 'private' });
  return { userId, chatId: userId, client };
}
