import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from './wait.js';
import { TEST_BOT_TOKEN } from './config.js';
import { addMediaRoutes, type EmulatorFiles } from './telegram-media.js';

export interface Emulator {
  server: TelegramServer;
  /** Users getChatMember reports as administrators, per chat. */
  admins: Map<string, Set<string>>;
  /** Chats that removed the bot: sendMessage to them answers 403 as Telegram does. */
  kickedFrom: Set<string>;
  apiRoot: string;
  /** Files (getFile, downloads, sendPhoto/sendDocument), which the emulator itself lacks. */
  files: EmulatorFiles;
  /** Bot messages sent to a chat, in order. */
  botMessagesTo(chatId: number): Array<{ text: string; caption?: string; photo?: Array<{ file_id: string }>; document?: { file_id: string }; time: number; reply_markup?: unknown; message_id?: number }>;
  stop(): Promise<void>;
}

/** The Bot API emulator on loopback: the real telegraf bot talks to it over HTTP. */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  const admins = new Map<string, Set<string>>();
  const kickedFrom = new Set<string>();
  addTestRoutes(server, admins, kickedFrom);
  const files = addMediaRoutes(server);
  await server.start();
  return {
    server,
    admins,
    kickedFrom,
    files,
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

/**
 * The emulator has no getChatMember; the real API answers it for admin checks (/daftar). The route is
 * moved ahead of the emulator's own routes, whose catch-all answers "method not supported".
 */
function addTestRoutes(server: TelegramServer, admins: Map<string, Set<string>>, kickedFrom: Set<string>): void {
  type Layer = { route?: { path?: string } };
  type Res = { json: (b: unknown) => void; status: (n: number) => Res };
  const app = (server as unknown as { webServer: { _router: { stack: Layer[] }; all: (path: string, h: unknown) => void } }).webServer;
  app.all('/bot:token/sendMessage', (req: { body?: Record<string, unknown> }, res: Res, next: () => void) => {
    if (!kickedFrom.has(String(req.body?.chat_id))) return next();
    res.status(403).json({ ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' });
  });
  app.all('/bot:token/getChatMember', (req: { body?: Record<string, unknown>; query?: Record<string, unknown> }, res: Res) => {
    const p = { ...(req.query ?? {}), ...(req.body ?? {}) };
    const isAdmin = admins.get(String(p.chat_id))?.has(String(p.user_id)) ?? false;
    res.json({ ok: true, result: { status: isAdmin ? 'administrator' : 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'x' } } });
  });
  const stack = app._router.stack;
  const added = stack.splice(stack.length - 2, 2);
  const firstRoute = stack.findIndex((l) => l.route !== undefined);
  stack.splice(firstRoute, 0, ...added);
}
