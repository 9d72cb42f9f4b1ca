import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from './wait.js';
import { TEST_BOT_TOKEN } from './config.js';

export interface Emulator {
  server: TelegramServer;
  /** Users getChatMember reports as administrators, per chat. */
  admins: Map<string, Set<string>>;
  /** Chats that removed the bot: sendMessage to them answers 403 as Telegram does. */
  kickedFrom: Set<string>;
  apiRoot: string;
  /** Bot messages sent to a chat, in order. */
  botMessagesTo(chatId: number): Array<{ text: string; time: number; reply_markup?: unknown; message_id?: number }>;
  stop(): Promise<void>;
}

/** The Bot API emulator on loopback: the real telegraf bot talks to it over HTTP. */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  const admins = new Map<string, Set<string>>();
  const kickedFrom = new Set<string>();
  addTestRoutes(server, admins, kickedFrom);
  sendWebhookSecret(server);
  await server.start();
  return {
    server,
    admins,
    kickedFrom,
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
 * Real Telegram sends the `secret_token` given to setWebhook in X-Telegram-Bot-Api-Secret-Token with
 * every webhook call; the emulator posts without it. Its update delivery is replaced by one that does
 * what Telegram does (same body, same failure on a non-2xx answer).
 */
function sendWebhookSecret(server: TelegramServer): void {
  type Internals = {
    webhooks: Record<string, { url: string; secret_token?: string } | undefined>;
    updateId: number;
    storage: { userMessages: unknown[] };
    addUserUpdate(update: { botToken: string }): Promise<void>;
  };
  const inner = server as unknown as Internals;
  const format = (TelegramServer as unknown as { formatUpdate(u: unknown): unknown }).formatUpdate;
  inner.addUserUpdate = async (update) => {
    const webhook = inner.webhooks[update.botToken];
    if (!webhook) {
      inner.storage.userMessages.push(update);
    } else {
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(webhook.secret_token ? { 'x-telegram-bot-api-secret-token': webhook.secret_token } : {}) },
        body: JSON.stringify(format(update)),
      });
      await res.arrayBuffer();
      if (res.status > 204) throw new Error(`Webhook invocation failed: ${res.status}`);
    }
    inner.updateId++;
  };
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
