import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

/**
 * What telegram-test-api lacks for pictures, added to its express app as the real Bot API behaves:
 * `getFile` (unknown id → 400, over 20 MB → 400 "file is too big"), the file download at
 * `/file/bot<token>/<file_path>`, and `sendPhoto` / `sendDocument` as multipart uploads (chat_id and the
 * file required, caption ≤ 1024 characters). Sent pictures land in the emulator's bot messages.
 */
export interface EmulatorFiles {
  /** Upload a file as a user would: its Telegram file object (photo sizes carry width/height). */
  add(bytes: Buffer, opts?: { declaredSize?: number; mime?: string }): Promise<TgFile>;
  bytesOf(fileId: string): Buffer | undefined;
  /** Every getFile and download the bot made, in order. */
  requests: string[];
}

export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  width?: number;
  height?: number;
  mime_type?: string;
}

const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const MAX_CAPTION = 1024;

type Req = { params: Record<string, string>; body?: Record<string, unknown>; query?: Record<string, unknown>; headers: Record<string, string | undefined>; method: string; url: string } & AsyncIterable<Buffer>;
type Res = { json: (b: unknown) => void; status: (n: number) => Res; type: (t: string) => Res; send: (b: unknown) => void };
type Layer = { route?: { path?: string } };

/**
 * The strict rules of the other routes, for uploads: their multipart body is read here, so faults, kicked chats
 * and migrations keyed by chat_id are checked once chat_id is known. Returns the error to answer, if any.
 */
export type UploadGuard = (method: string, params: Record<string, unknown>) => { error_code: number; description: string; parameters?: Record<string, unknown> } | undefined;

/** The message a send answers, as Telegram resolves it: the error to answer, or whether the reply is kept. */
export type ReplyCheck = (chatId: string, replyTo: { message_id: number; allow_sending_without_reply?: boolean }) => { error_code: number; description: string } | { keep: boolean };

/** As the Bot API checks `reply_markup`: JSON of an inline keyboard, each button with 1–64 bytes of callback data. */
export function inlineKeyboardError(markup: unknown): string | undefined {
  if (markup === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = typeof markup === 'string' ? JSON.parse(markup) : markup;
  } catch {
    return "Bad Request: can't parse reply keyboard markup JSON object";
  }
  const rows = (parsed as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
  for (const b of rows.flat() as Array<{ text?: unknown; callback_data?: unknown }>) {
    if (typeof b.text !== 'string' || b.text === '') return 'Bad Request: text buttons are unallowed in the inline keyboard';
    const data = b.callback_data;
    if (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64) return 'Bad Request: BUTTON_DATA_INVALID';
  }
  return undefined;
}

export function addMediaRoutes(server: TelegramServer, guard: UploadGuard = () => undefined, replies: ReplyCheck = () => ({ keep: true })): EmulatorFiles {
  const files = new Map<string, { bytes: Buffer; meta: TgFile; path: string; declaredSize: number }>();
  const requests: string[] = [];
  const app = (server as unknown as { webServer: { _router: { stack: Layer[] }; all: (path: string, h: unknown) => void; get: (path: string, h: unknown) => void } }).webServer;
  const bad = (res: Res, code: number, description: string) => res.status(code).json({ ok: false, error_code: code, description });

  async function add(bytes: Buffer, opts: { declaredSize?: number; mime?: string } = {}): Promise<TgFile> {
    const id = `AgAC${randomBytes(24).toString('base64url')}`;
    const meta: TgFile = { file_id: id, file_unique_id: `AQAD${randomBytes(8).toString('base64url')}`, file_size: opts.declaredSize ?? bytes.length };
    const info = await sharp(bytes).metadata().catch(() => undefined);
    if (info?.width && info.height) Object.assign(meta, { width: info.width, height: info.height });
    if (opts.mime) meta.mime_type = opts.mime;
    files.set(id, { bytes, meta, path: `photos/file_${files.size}.${opts.mime?.split('/')[1] ?? 'jpg'}`, declaredSize: meta.file_size });
    return meta;
  }

  app.all('/bot:token/getFile', (req: Req, res: Res) => {
    const p = { ...(req.query ?? {}), ...(req.body ?? {}) };
    requests.push(`getFile ${String(p.file_id)}`);
    const f = files.get(String(p.file_id ?? ''));
    if (!f) return bad(res, 400, 'Bad Request: invalid file_id');
    if (f.declaredSize > BOT_API_DOWNLOAD_LIMIT) return bad(res, 400, 'Bad Request: file is too big');
    res.json({ ok: true, result: { ...f.meta, file_path: f.path } });
  });

  app.get('/file/bot:token/*', (req: Req, res: Res) => {
    const path = decodeURIComponent(req.url.split('/').slice(3).join('/'));
    requests.push(`download ${path}`);
    const f = [...files.values()].find((x) => x.path === path);
    if (!f) return res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
    res.type(f.meta.mime_type ?? 'image/jpeg').send(f.bytes);
  });

  /**
   * Telegram's rate limits count requests as they arrive; reading a multipart upload here takes a while, so the
   * stored message keeps the time its request arrived (what the pacing tests measure), not when it was parsed.
   */
  const store = (message: unknown, token: string, arrived: number) => {
    const result = server.addBotMessage(message as never, token) as { message_id: number };
    const stored = server.storage.botMessages.find((u) => u.messageId === result.message_id);
    if (stored) stored.time = arrived;
    return result;
  };

  const upload = (field: 'photo' | 'document') => async (req: Req, res: Res) => {
    const arrived = Date.now();
    const type = req.headers['content-type'] ?? '';
    // A file sent again by its file_id: a plain (JSON) call naming a file Telegram already has.
    if (!type.startsWith('multipart/form-data')) return resend(field, req, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c);
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body: Buffer.concat(chunks) }).formData();
    const chatId = form.get('chat_id');
    const file = form.get(field);
    if (!chatId) return bad(res, 400, 'Bad Request: chat_id is empty');
    if (!file || typeof file === 'string') return bad(res, 400, `Bad Request: there is no ${field} in the request`);
    const caption = typeof form.get('caption') === 'string' ? String(form.get('caption')) : undefined;
    const markup = form.get('reply_markup');
    const method = field === 'photo' ? 'sendPhoto' : 'sendDocument';
    const refused = guard(method, { chat_id: String(chatId), ...(caption !== undefined ? { caption } : {}), ...(typeof markup === 'string' ? { reply_markup: markup } : {}) });
    if (refused) return res.status(refused.error_code).json({ ok: false, ...refused });
    // Telegram counts the caption in UTF-16 code units, as JavaScript's length does.
    if (caption && caption.length > MAX_CAPTION) return bad(res, 400, 'Bad Request: message caption is too long');
    const markupError = inlineKeyboardError(typeof markup === 'string' ? markup : undefined);
    if (markupError) return bad(res, 400, markupError);
    const bytes = Buffer.from(await file.arrayBuffer());
    const stored = await add(bytes, { mime: file.type || undefined });
    const replyTo = replyParameters(form.get('reply_parameters'));
    if (replyTo === null) return bad(res, 400, "Bad Request: can't parse reply parameters JSON object");
    const reply = replyTo ? replies(String(chatId), replyTo) : { keep: false };
    if ('error_code' in reply) return bad(res, reply.error_code, reply.description);
    const message = {
      chat_id: String(chatId),
      ...(caption ? { caption } : {}),
      [field]: field === 'photo' ? [stored] : { ...stored, file_name: (file as File).name },
      ...(typeof markup === 'string' ? { reply_markup: JSON.parse(markup) as unknown } : {}),
      ...(replyTo && reply.keep ? { reply_parameters: replyTo } : {}),
    };
    res.json({ ok: true, result: store(message, req.params.token!, arrived) });
  };
  const resend = (field: 'photo' | 'document', req: Req, res: Res) => {
    const p = { ...(req.query ?? {}), ...(req.body ?? {}) };
    if (!p.chat_id) return bad(res, 400, 'Bad Request: chat_id is empty');
    if (typeof p[field] !== 'string') return bad(res, 400, `Bad Request: there is no ${field} in the request`);
    const known = files.get(p[field] as string);
    if (!known) return bad(res, 400, 'Bad Request: wrong file identifier/HTTP URL specified');
    const caption = typeof p.caption === 'string' ? p.caption : undefined;
    const markup = p.reply_markup === undefined ? undefined : typeof p.reply_markup === 'string' ? p.reply_markup : JSON.stringify(p.reply_markup);
    const method = field === 'photo' ? 'sendPhoto' : 'sendDocument';
    const refused = guard(method, { chat_id: String(p.chat_id), [field]: p[field], ...(caption !== undefined ? { caption } : {}), ...(markup !== undefined ? { reply_markup: markup } : {}) });
    if (refused) return res.status(refused.error_code).json({ ok: false, ...refused });
    if (caption && caption.length > MAX_CAPTION) return bad(res, 400, 'Bad Request: message caption is too long');
    const markupError = inlineKeyboardError(markup);
    if (markupError) return bad(res, 400, markupError);
    requests.push(`resend ${known.meta.file_id}`);
    const replyTo = replyParameters(p.reply_parameters);
    if (replyTo === null) return bad(res, 400, "Bad Request: can't parse reply parameters JSON object");
    const reply = replyTo ? replies(String(p.chat_id), replyTo) : { keep: false };
    if ('error_code' in reply) return bad(res, reply.error_code, reply.description);
    const message = {
      chat_id: String(p.chat_id),
      ...(caption ? { caption } : {}),
      [field]: field === 'photo' ? [known.meta] : known.meta,
      ...(markup !== undefined ? { reply_markup: JSON.parse(markup) as unknown } : {}),
      ...(replyTo && reply.keep ? { reply_parameters: replyTo } : {}),
    };
    res.json({ ok: true, result: store(message, req.params.token!, Date.now()) });
  };
  app.all('/bot:token/sendPhoto', upload('photo'));
  app.all('/bot:token/sendDocument', upload('document'));

  // Ahead of the emulator's own routes, whose catch-all answers "method not supported".
  const stack = app._router.stack;
  const added = stack.splice(stack.length - 5, 5);
  const firstRoute = stack.findIndex((l) => l.route !== undefined);
  stack.splice(firstRoute, 0, ...added);

  return { add, bytesOf: (id) => files.get(id)?.bytes, requests };
}

/**
 * `reply_parameters` of a send, kept on the stored message (a picture answering a message must say so): absent →
 * undefined; not a JSON object with a numeric message_id → null (Telegram's 400).
 */
export function replyParameters(raw: unknown): { message_id: number; allow_sending_without_reply?: boolean } | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || typeof (value as { message_id?: unknown }).message_id !== 'number') return null;
  return value as { message_id: number; allow_sending_without_reply?: boolean };
}
