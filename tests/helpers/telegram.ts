import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from './wait.js';
import { TEST_BOT_TOKEN } from './config.js';
import { addMediaRoutes, replyParameters, type EmulatorFiles, type ReplyCheck } from './telegram-media.js';

/** What the Bot API answers on failure (`ok: false`), as telegraf's TelegramError reads it. */
export interface BotApiError {
  error_code: number;
  description: string;
  parameters?: { migrate_to_chat_id?: number; retry_after?: number };
}

/** The real Bot API's answers, word for word, for the failures the service has to tell apart. */
export const BOT_API_ERRORS = {
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  kicked: { error_code: 403, description: 'Forbidden: bot was kicked from the group chat' },
  chatNotFound: { error_code: 400, description: 'Bad Request: chat not found' },
  editNotFound: { error_code: 400, description: 'Bad Request: message to edit not found' },
  notModified: {
    error_code: 400,
    description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  },
  badEntities: { error_code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 0" },
  tooMany: (retryAfterSec: number): BotApiError => ({ error_code: 429, description: `Too Many Requests: retry after ${retryAfterSec}`, parameters: { retry_after: retryAfterSec } }),
  migrated: (to: number): BotApiError => ({ error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: to } }),
  badGateway: { error_code: 502, description: 'Bad Gateway' },
  replyNotFound: { error_code: 400, description: 'Bad Request: message to be replied not found' },
  badReplyParameters: { error_code: 400, description: "Bad Request: can't parse reply parameters JSON object" },
} satisfies Record<string, BotApiError | ((n: number) => BotApiError)>;

/** Telegram's stand-in sender of anonymous group admins' messages (`from`), with `sender_chat` = the group. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;
/** The id getMe reports for the test bot. */
export const TEST_BOT_ID = 666;

export interface Emulator {
  server: TelegramServer;
  /** Users getChatMember reports as administrators, per chat. */
  admins: Map<string, Set<string>>;
  /** Chats that removed the bot: sendMessage to them answers 403 as Telegram does. */
  kickedFrom: Set<string>;
  apiRoot: string;
  /** Files (getFile, downloads, sendPhoto/sendDocument), which the emulator itself lacks. */
  files: EmulatorFiles;
  /** Bot messages sent to a chat, in order; `text` is a picture's caption when the message is a picture. */
  botMessagesTo(chatId: number): Array<{ text: string; caption?: string; photo?: Array<{ file_id: string }>; document?: { file_id: string }; time: number; reply_markup?: unknown; message_id?: number }>;
  /** Every Bot API call the bot made, in order (method and parameters). */
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  /** While on, every Bot API call answers 502 Bad Gateway, as Telegram's front end does during an outage. */
  setOutage(on: boolean): void;
  /** The next `times` calls of `method` (to `chatId`, when given) answer `error` instead of running. */
  failNext(method: string, error: BotApiError, opts?: { chatId?: number | string; times?: number }): void;
  clearFaults(): void;
  /**
   * A basic group becomes a supergroup: the old chat gets the `migrate_to_chat_id` service message (when
   * `announce`), and from then on every call to the old id answers 400 with `parameters.migrate_to_chat_id`.
   */
  migrate(oldChatId: number, newChatId: number, opts?: { announce?: boolean }): Promise<void>;
  /**
   * BotFather's privacy mode: getMe says `can_read_all_group_messages: false` and group messages reach the bot
   * only when they are commands or replies to the bot's own messages (unless the bot is a group admin).
   */
  setPrivacyMode(on: boolean): void;
  /** Ids of the messages users sent in a chat, in the order they were sent (what a reply may name). */
  userMessageIdsIn(chatId: number): number[];
  /** The bot's own message in a chat removed by a user: editing it answers "message to edit not found". */
  deleteBotMessage(chatId: number, messageId: number): void;
  stop(): Promise<void>;
}

/** The Bot API emulator on loopback: the real telegraf bot talks to it over HTTP. */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  const state: StrictState = { admins: new Map(), kickedFrom: new Set(), calls: [], outage: false, faults: [], migrated: new Map(), privacy: false, userMessageIds: new Map() };
  // Registered first: the strict routes then go ahead of them, so outages and faults cover files too. Uploads
  // carry chat_id in a multipart body, read by the media routes: they ask the same rules once they know it.
  const files = addMediaRoutes(server, (method, params) => {
    state.calls.push({ method, params });
    const chatId = String(params.chat_id);
    const i = state.faults.findIndex((f) => f.method === method && f.chatId === chatId);
    if (i >= 0) {
      const fault = state.faults[i]!;
      if (--fault.times <= 0) state.faults.splice(i, 1);
      return fault.error;
    }
    const movedTo = state.migrated.get(chatId);
    if (movedTo !== undefined) return BOT_API_ERRORS.migrated(movedTo);
    if (state.kickedFrom.has(chatId)) return BOT_API_ERRORS.kicked;
    return undefined;
  }, replyCheck(server, state));
  addStrictRoutes(server, state);
  sendWebhookSecret(server, state);
  await server.start();
  return {
    server,
    admins: state.admins,
    kickedFrom: state.kickedFrom,
    calls: state.calls,
    files,
    apiRoot: server.config.apiURL,
    userMessageIdsIn(chatId) {
      return [...(state.userMessageIds.get(String(chatId)) ?? [])];
    },
    botMessagesTo(chatId) {
      return server.storage.botMessages
        .filter((u) => u.botToken === TEST_BOT_TOKEN && String(u.message.chat_id) === String(chatId))
        .map((u) => {
          const m = u.message as { text?: string; caption?: string; reply_markup?: unknown };
          // `text` is what a person reads: a message's text, or the caption of a picture (check `photo` to tell them apart).
          return { ...m, text: m.text ?? m.caption ?? '', time: u.time, message_id: u.messageId };
        });
    },
    setOutage(on) {
      state.outage = on;
    },
    failNext(method, error, opts = {}) {
      state.faults.push({ method, error, chatId: opts.chatId === undefined ? undefined : String(opts.chatId), times: opts.times ?? 1 });
    },
    clearFaults() {
      state.faults.splice(0);
    },
    async migrate(oldChatId, newChatId, opts = {}) {
      state.migrated.set(String(oldChatId), newChatId);
      if (opts.announce === false) return;
      const date = Math.floor(Date.now() / 1000);
      const from = { id: 5_550_001, is_bot: false, first_name: 'Admin' };
      // What Telegram sends the bot: the old group's last message points to the new id; the new one points back.
      await server.addUserMessage({ botToken: TEST_BOT_TOKEN, from, chat: { id: oldChatId, type: 'group', title: 'Grup' }, date, migrate_to_chat_id: newChatId } as never);
      await server.addUserMessage({
        botToken: TEST_BOT_TOKEN,
        from: { id: GROUP_ANONYMOUS_BOT_ID, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
        sender_chat: { id: newChatId, type: 'supergroup', title: 'Grup' },
        chat: { id: newChatId, type: 'supergroup', title: 'Grup' },
        date,
        migrate_from_chat_id: oldChatId,
      } as never);
    },
    setPrivacyMode(on) {
      state.privacy = on;
    },
    deleteBotMessage(chatId, messageId) {
      server.storage.botMessages = server.storage.botMessages.filter((u) => !(String(u.message.chat_id) === String(chatId) && u.messageId === messageId));
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

/** A message from an anonymous admin of a group, as Telegram delivers it: `from` the stand-in bot, `sender_chat` the group. */
export function anonymousAdminMessage(groupId: number, text: string, title = 'Grup KIM') {
  const command = text.startsWith('/');
  return {
    botToken: TEST_BOT_TOKEN,
    date: Math.floor(Date.now() / 1000),
    from: { id: GROUP_ANONYMOUS_BOT_ID, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
    sender_chat: { id: groupId, type: 'group', title },
    chat: { id: groupId, type: 'group', title },
    text,
    ...(command ? { entities: [{ offset: 0, length: text.split(' ')[0]!.length, type: 'bot_command' }] } : {}),
  };
}

interface StrictState {
  admins: Map<string, Set<string>>;
  kickedFrom: Set<string>;
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  outage: boolean;
  faults: Array<{ method: string; error: BotApiError; chatId: string | undefined; times: number }>;
  migrated: Map<string, number>;
  privacy: boolean;
  /** Ids of the users' messages each chat holds (the bot's own are in the emulator's storage). */
  userMessageIds: Map<string, Set<number>>;
}

type Req = { params: Record<string, string>; body?: Record<string, unknown>; query?: Record<string, unknown> };
type Res = { json: (b: unknown) => void; status: (n: number) => Res };
type Next = () => void;

const paramsOf = (req: Req): Record<string, unknown> => ({ ...(req.query ?? {}), ...(req.body ?? {}) });
const answer = (res: Res, e: BotApiError) => res.status(e.error_code).json({ ok: false, ...e });

/**
 * Real Telegram sends the `secret_token` given to setWebhook in X-Telegram-Bot-Api-Secret-Token with
 * every webhook call; the emulator posts without it. Its update delivery is replaced by one that does
 * what Telegram does (same body, same failure on a non-2xx answer).
 */
function sendWebhookSecret(server: TelegramServer, s: StrictState): void {
  type Internals = {
    webhooks: Record<string, { url: string; secret_token?: string } | undefined>;
    updateId: number;
    storage: { userMessages: unknown[] };
    addUserUpdate(update: { botToken: string }): Promise<void>;
  };
  const inner = server as unknown as Internals & { messageId: number; getCommonFields(botToken: string): { updateId: number; messageId: number } };
  const format = (TelegramServer as unknown as { formatUpdate(u: unknown): unknown }).formatUpdate;
  // The emulator numbers an update when it is made but counts on only after the webhook answered, so two
  // messages sent at once got the same update_id and message_id (and the second was dropped as a
  // redelivery). Telegram never reuses either: here they are taken at once (the later ++ leaves gaps,
  // which Telegram's ids have too).
  const commonFields = inner.getCommonFields.bind(server);
  inner.getCommonFields = (botToken) => {
    const fields = commonFields(botToken);
    inner.updateId++;
    inner.messageId++;
    return fields;
  };
  inner.addUserUpdate = async (update) => {
    // The message is in the chat from now on, whether or not the bot hears of it: a reply may name it.
    const sent = update as { messageId?: number; message?: { chat?: { id?: number } } };
    if (sent.message?.chat?.id !== undefined && sent.messageId !== undefined) {
      const chat = String(sent.message.chat.id);
      s.userMessageIds.set(chat, (s.userMessageIds.get(chat) ?? new Set()).add(sent.messageId));
    }
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
 * As the Bot API resolves `reply_parameters`: the message must be in that chat (a user's message, or one of the
 * bot's); when it is not, the send fails with 400, or — with allow_sending_without_reply — goes out unattached.
 */
function replyCheck(server: TelegramServer, s: StrictState): ReplyCheck {
  return (chatId, replyTo) => {
    const known =
      (s.userMessageIds.get(chatId)?.has(replyTo.message_id) ?? false) ||
      server.storage.botMessages.some((u) => String(u.message.chat_id) === chatId && Number(u.messageId) === replyTo.message_id);
    if (known) return { keep: true };
    return replyTo.allow_sending_without_reply ? { keep: false } : BOT_API_ERRORS.replyNotFound;
  };
}

/**
 * The emulator answers every call with success; the real Bot API does not. These routes go ahead of the
 * emulator's own (its catch-all answers "method not supported") and answer as Telegram does where the
 * service has to act on the difference: outages, flood waits, migrations, deleted messages, no-op edits,
 * blocked/kicked bots, privacy mode, update offsets, and the admin checks the emulator lacks.
 */
function addStrictRoutes(server: TelegramServer, s: StrictState): void {
  type Layer = { route?: { path?: string } };
  const app = (server as unknown as { webServer: { _router: { stack: Layer[] }; all: (path: string, h: unknown) => void; post: (path: string, h: unknown) => void } })
    .webServer;
  const stack = app._router.stack;
  const before = stack.length;

  app.all('/bot:token/:method', (req: Req, res: Res, next: Next) => {
    const method = req.params.method ?? '';
    const p = paramsOf(req);
    // Uploads are recorded by their own route, with the parameters of their multipart body.
    if (method !== 'sendPhoto' && method !== 'sendDocument') s.calls.push({ method, params: p });
    if (s.outage) return answer(res, BOT_API_ERRORS.badGateway);
    const i = s.faults.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === String(p.chat_id)));
    if (i >= 0) {
      const fault = s.faults[i]!;
      if (--fault.times <= 0) s.faults.splice(i, 1);
      return answer(res, fault.error);
    }
    const movedTo = p.chat_id !== undefined ? s.migrated.get(String(p.chat_id)) : undefined;
    if (movedTo !== undefined && method !== 'getUpdates') return answer(res, BOT_API_ERRORS.migrated(movedTo));
    next();
  });
  const replies = replyCheck(server, s);
  app.all('/bot:token/sendMessage', (req: Req, res: Res, next: Next) => {
    const p = paramsOf(req);
    if (s.kickedFrom.has(String(p.chat_id))) return answer(res, BOT_API_ERRORS.kicked);
    if (p.reply_parameters === undefined) return next();
    const replyTo = replyParameters(p.reply_parameters);
    if (!replyTo) return answer(res, BOT_API_ERRORS.badReplyParameters);
    const reply = replies(String(p.chat_id), replyTo);
    if ('error_code' in reply) return answer(res, reply);
    // Sent, but not as a reply: the stored message then carries no reply_parameters, as Telegram's has no reply_to_message.
    if (!reply.keep) for (const bag of [req.body, req.query]) if (bag) delete bag.reply_parameters;
    next();
  });
  app.all('/bot:token/editMessageText', (req: Req, res: Res, next: Next) => {
    const p = paramsOf(req);
    const stored = server.storage.botMessages.find((u) => String(u.messageId) === String(p.message_id) && String(u.message.chat_id) === String(p.chat_id));
    if (!stored) return answer(res, BOT_API_ERRORS.editNotFound);
    const m = stored.message as { text?: string; reply_markup?: unknown };
    const markup = (v: unknown) => JSON.stringify(typeof v === 'string' ? JSON.parse(v) : (v ?? null));
    if (m.text === p.text && markup(m.reply_markup) === markup(p.reply_markup)) return answer(res, BOT_API_ERRORS.notModified);
    next();
  });
  app.all('/bot:token/getMe', (_req: Req, res: Res) => {
    res.json({
      ok: true,
      result: { id: TEST_BOT_ID, is_bot: true, first_name: 'Saring Test', username: 'TestNameBot', can_join_groups: true, can_read_all_group_messages: !s.privacy, supports_inline_queries: false },
    });
  });
  app.all('/bot:token/getChatMember', (req: Req, res: Res) => {
    const p = paramsOf(req);
    const isAdmin = s.admins.get(String(p.chat_id))?.has(String(p.user_id)) ?? false;
    res.json({ ok: true, result: { status: isAdmin ? 'administrator' : 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'x' } } });
  });
  // The real getUpdates keeps an update until a later call's offset confirms it; the emulator forgets it once read.
  app.all('/bot:token/getUpdates', (req: Req, res: Res) => {
    const p = paramsOf(req);
    const token = req.params.token;
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Number(p.limit ?? 100)) || 100;
    if (offset > 0) server.storage.userMessages = server.storage.userMessages.filter((u) => u.botToken !== token || u.updateId >= offset);
    const pending = server.storage.userMessages.filter((u) => u.botToken === token).slice(0, limit);
    const format = (TelegramServer as unknown as { formatUpdate: (u: unknown) => unknown }).formatUpdate;
    res.json({ ok: true, result: pending.map((u) => format(u)) });
  });
  // Privacy mode: the user's message is accepted by Telegram but never reaches the bot.
  app.post('/sendMessage', (req: Req, res: Res, next: Next) => {
    const m = req.body ?? {};
    const chat = m.chat as { id?: number; type?: string } | undefined;
    const group = chat?.type === 'group' || chat?.type === 'supergroup';
    const command = typeof m.text === 'string' && m.text.startsWith('/');
    const replyTo = m.reply_to_message as { from?: { id?: number } } | undefined;
    const botIsAdmin = s.admins.get(String(chat?.id))?.has(String(TEST_BOT_ID)) ?? false;
    if (s.privacy && group && !command && replyTo?.from?.id !== TEST_BOT_ID && !botIsAdmin) return res.json({ ok: true, result: null });
    next();
  });

  const added = stack.splice(before, stack.length - before);
  const firstRoute = stack.findIndex((l) => l.route !== undefined);
  stack.splice(firstRoute, 0, ...added);
}
