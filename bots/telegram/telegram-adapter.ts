import { Telegraf } from 'telegraf';
import type { ReplyParameters, Update } from 'telegraf/types';
import type { Logger } from 'pino';
import {
  type AdapterState,
  type ChatAdapter,
  type DownloadedFile,
  type InboundHandlers,
  type OutgoingMessage,
  type SentMessage,
  type WebhookEndpoint,
} from '../../src/domain/chat-adapter.js';
import { mapCallback, mapJoin, mapMessage, mapMigration } from './map-update.js';
import { isNotModified, toSendError } from './send-errors.js';
import { UpdatePoller, type UpdatePollerOptions } from './update-poller.js';
import { safeMessage } from '../../src/observability/safe-error.js';

export interface TelegramAdapterOptions {
  token: string;
  apiRoot: string;
  /** Set → webhook mode (updates arrive through the HTTP app); unset → long polling. */
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
  logger: Logger;
  /** Long polling: getUpdates timeout and the wait between attempts (tests read the backoff through it). */
  polling?: Pick<UpdatePollerOptions, 'timeoutSec' | 'wait'>;
}

const MAX_TEXT = 4096;
/** Uploaded files remembered by key; a card version is a few hundred bytes of memory here. */
const FILE_ID_CACHE = 500;

export class TelegramAdapter implements ChatAdapter {
  readonly platform = 'telegram' as const;
  private readonly bot: Telegraf;
  private current: AdapterState = 'stopped';
  private handlers: InboundHandlers | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private poller: UpdatePoller | undefined;
  private readonly log: Logger;
  /** file_id of files uploaded before, by OutgoingFile.cacheKey (cards: per version). */
  private readonly fileIds = new Map<string, string>();

  constructor(private readonly opts: TelegramAdapterOptions) {
    this.log = opts.logger.child({ adapter: 'telegram' });
    this.bot = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot, webhookReply: false } });
    this.bot.on('message', async (ctx) => this.dispatch(ctx.update));
    this.bot.on('callback_query', async (ctx) => this.dispatch(ctx.update));
    this.bot.on('my_chat_member', async (ctx) => this.dispatch(ctx.update));
    // telegraf's default prints the whole update (a resident's text and ids) to stderr: log ids only,
    // and rethrow so the webhook answers 500 and Telegram delivers the update again.
    this.bot.catch((err, ctx) => {
      this.log.error({ err: safeMessage(err), updateId: ctx.update.update_id }, 'handling a telegram update failed');
      throw err;
    });
  }

  state(): AdapterState {
    return this.current;
  }

  async start(handlers?: InboundHandlers): Promise<void> {
    this.handlers = handlers;
    this.current = 'starting';
    await this.connect(1);
  }

  /** Telegram may be unreachable at boot; the rest of the service must not wait for it. */
  private async connect(attempt: number): Promise<void> {
    try {
      this.bot.botInfo = await this.bot.telegram.getMe();
      if (!this.handlers) {
        // Send-only (a workers process): receiving is another process's job.
        this.current = 'ready';
      } else if (this.opts.webhookUrl) {
        await this.bot.telegram.setWebhook(this.opts.webhookUrl, {
          ...(this.opts.webhookSecret ? { secret_token: this.opts.webhookSecret } : {}),
        });
        this.current = 'ready';
      } else {
        await this.bot.telegram.deleteWebhook();
        // Our own loop, not bot.launch(): telegraf's skips the update whose handler threw (see update-poller.ts).
        const poller = new UpdatePoller({ telegram: this.bot.telegram, handle: (u) => this.bot.handleUpdate(u), logger: this.log, ...this.opts.polling });
        this.poller = poller;
        // run() resolves only when polling ends; readiness is signalled by the first answer.
        let polled = false;
        void poller
          .run(() => {
            polled = true;
            if (this.current !== 'stopped') this.current = 'ready';
          })
          // After a working session the restart backoff starts over; a start that never polled keeps climbing.
          .catch((err: unknown) => this.fail(err, polled ? 0 : attempt));
      }
      this.log.info({ username: this.bot.botInfo.username, webhook: Boolean(this.opts.webhookUrl) }, 'telegram adapter started');
    } catch (err) {
      this.fail(err, attempt);
    }
  }

  private fail(err: unknown, attempt: number): void {
    if (this.current === 'stopped') return;
    this.current = 'failed';
    const delay = Math.min(60_000, 1_000 * 2 ** Math.min(attempt, 6));
    this.log.error({ err: String(err), retryInMs: delay }, 'telegram adapter failed; retrying');
    this.retryTimer = setTimeout(() => void this.connect(attempt + 1), delay);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.current = 'stopped';
    // Updates arriving after stop() (a late webhook call) must not reach the core.
    this.handlers = undefined;
    clearTimeout(this.retryTimer);
    this.poller?.stop();
    this.poller = undefined;
  }

  webhook(): WebhookEndpoint | undefined {
    if (!this.opts.webhookUrl) return undefined;
    return {
      path: new URL(this.opts.webhookUrl).pathname,
      secretToken: this.opts.webhookSecret,
      // Resolves only after the update is stored: Telegram retries anything we fail to acknowledge.
      handle: (body) => this.bot.handleUpdate(body as Update),
    };
  }

  private async dispatch(update: Update): Promise<void> {
    if (!this.handlers) return;
    const callback = mapCallback(update);
    if (callback) {
      // Answered first: the button's spinner stops at once, and Telegram's wait for the answer (a few seconds,
      // then "query is too old") never depends on how long storing the tap takes.
      await this.bot.telegram.answerCbQuery(callback.callbackId).catch(() => undefined);
      if (this.handlers.callback) await this.handlers.callback(callback);
      return;
    }
    const migration = mapMigration(update);
    if (migration) {
      if (this.handlers.chatMigrated) await this.handlers.chatMigrated(migration);
      return;
    }
    const join = mapJoin(update, this.bot.botInfo?.id);
    if (join) {
      if (this.handlers.joined) await this.handlers.joined(join);
      return;
    }
    const msg = mapMessage(update, this.bot.botInfo?.username);
    if (!msg) {
      this.log.debug({ updateId: update.update_id }, 'ignored telegram update');
      return;
    }
    await this.handlers.message(msg);
  }

  async isGroupAdmin(chatId: string, userId: string): Promise<boolean> {
    try {
      const member = await this.bot.telegram.getChatMember(chatId, Number(userId));
      return member.status === 'creator' || member.status === 'administrator';
    } catch (err) {
      this.log.warn({ err: String(err) }, 'getChatMember failed; treating as not an admin');
      return false;
    }
  }

  /**
   * Privacy mode (BotFather /setprivacy, on by default) keeps ordinary group messages from a bot: getMe's
   * `can_read_all_group_messages` says whether it is off. A bot that is a group admin receives them anyway.
   */
  async readsGroupMessages(chatId: string): Promise<boolean> {
    // Asked afresh: the operator may have changed the setting since start-up.
    const me = await this.bot.telegram.getMe();
    if (me.can_read_all_group_messages) return true;
    try {
      const member = await this.bot.telegram.getChatMember(chatId, me.id);
      return member.status === 'administrator' || member.status === 'creator';
    } catch (err) {
      this.log.warn({ err: String(err) }, 'getChatMember for the bot failed; assuming it cannot read the group');
      return false;
    }
  }

  /** A picture inline (sendPhoto) or any other file (sendDocument), the text as its caption. */
  private async sendFile(msg: OutgoingMessage, file: NonNullable<OutgoingMessage['file']>): Promise<SentMessage> {
    // A card already uploaded goes again by its file_id: one upload per card version, not one per group.
    const known = file.cacheKey ? this.fileIds.get(file.cacheKey) : undefined;
    const replyTo = replyParametersOf(msg);
    const extra = {
      caption: msg.text.slice(0, MAX_CAPTION),
      ...(msg.buttons ? { reply_markup: { inline_keyboard: keyboard(msg.buttons) } } : {}),
      // telegraf 4.16.3 drops an object-valued `reply_parameters` from multipart uploads without a word
      // (telegraf#1970, #2094; the fix is unreleased), so the first send of every card lost its reply. The Bot
      // API takes the field JSON-serialised in a form, so an upload carries it as a string; a file_id resend is JSON.
      ...(replyTo ? { reply_parameters: known ? replyTo : (JSON.stringify(replyTo) as unknown as ReplyParameters) } : {}),
    };
    const input = known ?? { source: file.data, filename: file.filename };
    try {
      const sent = file.kind === 'photo' ? await this.bot.telegram.sendPhoto(msg.chatId, input, extra) : await this.bot.telegram.sendDocument(msg.chatId, input, extra);
      if (file.cacheKey && !known) this.rememberFileId(file.cacheKey, 'photo' in sent ? sent.photo.at(-1)?.file_id : 'document' in sent ? sent.document.file_id : undefined);
      return { messageId: String(sent.message_id) };
    } catch (err) {
      const failure = toSendError(err);
      if (known && failure.kind === 'rejected') {
        // Telegram no longer knows that file_id: forget it and upload the bytes.
        this.fileIds.delete(file.cacheKey!);
        return this.sendFile(msg, file);
      }
      throw failure;
    }
  }

  private rememberFileId(key: string, fileId: string | undefined): void {
    if (!fileId) return;
    if (this.fileIds.size >= FILE_ID_CACHE) this.fileIds.delete(this.fileIds.keys().next().value as string);
    this.fileIds.set(key, fileId);
  }

  async edit(chatId: string, messageId: string, msg: Omit<OutgoingMessage, 'chatId' | 'replyToMessageId'>): Promise<void> {
    try {
      await this.bot.telegram.editMessageText(chatId, Number(messageId), undefined, msg.text.slice(0, MAX_TEXT), {
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: keyboard(msg.buttons) },
      });
    } catch (err) {
      // "message is not modified" is success for an idempotent re-render.
      if (isNotModified(err)) return;
      throw toSendError(err);
    }
  }

  /**
   * getFile, then the file itself from `<apiRoot>/file/bot<token>/<path>`, stopping past `maxBytes`
   * (the Bot API serves files up to 20 MB; the declared size is checked before the download).
   */
  async download(ref: string, maxBytes: number): Promise<DownloadedFile | 'too_large'> {
    if (!ref.startsWith('tg:')) throw new Error('not a telegram file reference');
    const file = await this.bot.telegram.getFile(ref.slice(3));
    if (file.file_size !== undefined && file.file_size > maxBytes) return 'too_large';
    if (!file.file_path) throw new Error('telegram gave no file path');
    const url = await this.bot.telegram.getFileLink(file);
    // A local Bot API server answers with a path on its disk: never read local files on its word.
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('telegram file link is not http(s)');
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok || !res.body) throw new Error(`telegram file download failed: ${res.status}`);
    const declared = Number(res.headers.get('content-length'));
    if (declared > maxBytes) {
      await res.body.cancel();
      return 'too_large';
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) return 'too_large';
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return { data: Buffer.concat(chunks), ...(res.headers.get('content-type') ? { mime: res.headers.get('content-type')! } : {}) };
  }

  async send(msg: OutgoingMessage): Promise<SentMessage> {
    if (msg.file) return this.sendFile(msg, msg.file);
    try {
      const sent = await this.bot.telegram.sendMessage(msg.chatId, msg.text.slice(0, MAX_TEXT), {
        link_preview_options: { is_disabled: true },
        ...(msg.buttons
          ? { reply_markup: { inline_keyboard: keyboard(msg.buttons) } }
          : msg.forceReply
            ? { reply_markup: { force_reply: true as const } }
            : {}),
        ...(msg.replyToMessageId ? { reply_parameters: replyParametersOf(msg) } : {}),
      });
      return { messageId: String(sent.message_id) };
    } catch (err) {
      throw toSendError(err);
    }
  }
}

const MAX_CAPTION = 1024;

/**
 * The message an answer replies to. Sent even when the resident deleted it meanwhile (allow_sending_without_reply):
 * the answer matters more than the thread.
 */
function replyParametersOf(msg: OutgoingMessage): ReplyParameters | undefined {
  return msg.replyToMessageId ? { message_id: Number(msg.replyToMessageId), allow_sending_without_reply: true } : undefined;
}

function keyboard(buttons: OutgoingMessage['buttons']) {
  return (buttons ?? []).map((row) => row.map((b) => ({ text: b.text, callback_data: b.data })));
}
