import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import QRCode from 'qrcode';
import {
  SendError,
  type AdapterState,
  type ChatAdapter,
  type InboundHandlers,
  type OutgoingMessage,
  type SentMessage,
} from '../../src/domain/chat-adapter.js';
import { isGroupChat, type WaMessage, type WhatsAppClientLike } from './client-types.js';
import { createMemoryChoiceStore, type ChoiceStore } from './choice-store.js';
import { chatKindOf, mapMessage, skipReason } from './map-message.js';
import { choiceReplyAsCallback } from './choice-reply.js';
import { sendAsPerson } from './send-message.js';
import { BROWSER_GONE, errText, toSendError } from './send-errors.js';
import { createSendPacer } from './send-pacer.js';
import type { WhatsAppAdapterOptions, WhatsAppStatus } from './adapter-options.js';

export type { WhatsAppAdapterOptions, WhatsAppStatus } from './adapter-options.js';

/**
 * ChatAdapter over whatsapp-web.js. Thin: the core decides; this translates, paces and reconnects.
 * Every (re)connection uses a fresh client from `createClient`: a failed initialize() leaves a browser
 * running and the session directory locked, so the old client is destroyed first.
 */
export class WhatsAppAdapter implements ChatAdapter {
  readonly platform = 'whatsapp' as const;
  private current: AdapterState = 'stopped';
  private running = false;
  private client: WhatsAppClientLike | undefined;
  private unbind: (() => void) | undefined;
  private handlers: InboundHandlers | undefined;
  private readyAtMs: number | undefined;
  private qr: string | undefined;
  private failures = 0;
  private lastError: string | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The (re)connection in progress: stop() waits for it, so a browser still launching is closed too. */
  private connecting: Promise<void> | undefined;
  private nextRetryAt: number | undefined;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly pacer;
  private readonly choices: ChoiceStore;
  /** Parts of a split message already delivered, so a retried send does not repeat them. */
  private readonly partial = new Map<string, { ids: string[]; at: number }>();

  constructor(
    private readonly createClient: () => WhatsAppClientLike,
    private readonly opts: WhatsAppAdapterOptions,
  ) {
    this.log = opts.logger.child({ adapter: 'whatsapp' });
    this.now = opts.now ?? Date.now;
    this.pacer = createSendPacer({ now: this.now, ...opts.pacing });
    this.choices = opts.choices ?? createMemoryChoiceStore({ now: this.now });
  }

  state(): AdapterState {
    return this.current;
  }

  status(): WhatsAppStatus {
    return {
      state: this.current,
      lastError: this.lastError,
      failures: this.failures,
      nextRetryAt: this.nextRetryAt === undefined ? undefined : new Date(this.nextRetryAt),
    };
  }

  /** The QR WhatsApp currently asks to scan (undefined once authenticated). */
  latestQr(): string | undefined {
    return this.qr;
  }

  async qrPng(): Promise<Buffer | undefined> {
    return this.qr === undefined ? undefined : QRCode.toBuffer(this.qr, { type: 'png', margin: 2, width: 320 });
  }

  /** Returns at once: Chromium and WhatsApp Web take seconds to minutes (QR), the service must not wait. */
  async start(handlers?: InboundHandlers): Promise<void> {
    if (this.running) return;
    this.handlers = handlers;
    this.running = true;
    this.failures = 0;
    this.connecting = this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.handlers = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.nextRetryAt = undefined;
    this.qr = undefined;
    this.current = 'stopped';
    await this.dispose();
    const connecting = this.connecting;
    if (connecting) await this.bounded(connecting, 'connection in progress did not end');
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    this.nextRetryAt = undefined;
    await this.dispose();
    if (!this.running) return;
    let client: WhatsAppClientLike;
    try {
      client = this.createClient();
    } catch (err) {
      return this.fail(`cannot create client: ${errText(err)}`);
    }
    this.client = client;
    this.bind(client);
    this.current = 'starting';
    let failure: unknown;
    try {
      await client.initialize();
    } catch (err) {
      failure = err ?? new Error('initialize rejected');
    }
    if (this.client !== client) {
      // stop() (or a reconnect) disposed this client while Chromium was still launching: the library's
      // destroy() only closes a browser it already holds, so the one that came up since is closed here.
      await this.destroyClient(client);
      return;
    }
    // Offline, Chromium missing, WhatsApp Web unreachable: initialize() rejects and emits nothing.
    if (failure !== undefined) this.fail(`initialize failed: ${errText(failure)}`);
  }

  private bind(client: WhatsAppClientLike): void {
    const live = () => this.running && this.client === client;
    const listeners = {
      qr: (qr: string) => {
        if (!live()) return;
        this.qr = qr;
        this.current = 'qr';
        this.log.warn('WhatsApp needs a QR scan: Linked devices → Link a device');
        const print = this.opts.printQr ?? ((ascii: string) => process.stdout.write(`${ascii}\n`));
        qrcodeTerminal.generate(qr, { small: true }, print);
      },
      authenticated: () => {
        if (!live()) return;
        this.qr = undefined;
        this.current = 'authenticated';
      },
      auth_failure: (message: string) => {
        if (live()) this.fail(`authentication failed: ${message}`);
      },
      ready: () => {
        if (!live()) return;
        this.qr = undefined;
        this.readyAtMs = this.now();
        this.failures = 0;
        this.lastError = undefined;
        this.current = 'ready';
        this.log.info('whatsapp adapter ready');
      },
      disconnected: (reason: string) => {
        if (!live()) return;
        this.readyAtMs = undefined;
        this.current = 'disconnected';
        this.scheduleRetry(`disconnected: ${reason}`);
      },
      message: (m: WaMessage) => {
        if (!live()) return;
        // An event listener's rejection would be unhandled: every failure ends here, logged.
        this.dispatch(m).catch((err: unknown) => this.log.error({ err: errText(err) }, 'whatsapp message not handled'));
      },
    };
    for (const [event, fn] of Object.entries(listeners)) client.on(event as keyof typeof listeners, fn);
    this.unbind = () => {
      for (const [event, fn] of Object.entries(listeners)) client.removeListener(event as keyof typeof listeners, fn);
    };
  }

  private fail(reason: string): void {
    if (!this.running) return;
    this.readyAtMs = undefined;
    this.current = 'failed';
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    this.lastError = reason;
    if (!this.running || this.retryTimer) return;
    this.failures += 1;
    const base = this.opts.retry?.baseMs ?? 2_000;
    const delay = Math.min(this.opts.retry?.maxMs ?? 300_000, base * 2 ** Math.min(this.failures - 1, 20));
    this.nextRetryAt = this.now() + delay;
    this.log.error({ err: reason, retryInMs: delay, failures: this.failures }, 'whatsapp adapter down; retrying');
    this.retryTimer = setTimeout(() => {
      this.connecting = this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.readyAtMs = undefined;
    this.unbind?.();
    this.unbind = undefined;
    if (!client) return;
    await this.destroyClient(client);
  }

  private destroyClient(client: WhatsAppClientLike): Promise<void> {
    return this.bounded(client.destroy(), 'whatsapp client did not close cleanly');
  }

  /** Waits for `p` at most destroyTimeoutMs; a failure or a timeout is logged, never thrown. */
  private async bounded(p: Promise<unknown>, warning: string): Promise<void> {
    const timeoutMs = this.opts.destroyTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`took over ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([p, timeout])
      .catch((err: unknown) => this.log.warn({ err: errText(err) }, warning))
      .finally(() => clearTimeout(timer));
  }

  private async dispatch(m: WaMessage): Promise<void> {
    const handlers = this.handlers;
    // Without handlers this process only sends (workers role).
    if (!handlers) return;
    const skip = skipReason(m, this.readyAtMs);
    if (skip) {
      this.log.debug({ reason: skip }, 'ignored whatsapp message');
      return;
    }
    const callback = handlers.callback ? await choiceReplyAsCallback(m, this.choices) : undefined;
    if (callback) return handlers.callback!(callback);
    const msg = await mapMessage(m, { readyAtMs: this.readyAtMs, downloadTimeoutMs: this.opts.downloadTimeoutMs });
    if (msg) await handlers.message(msg);
  }

  /**
   * Sends only where the core asks; the core only has rows for chats that wrote first and groups that
   * registered, which is WhatsApp's "never message strangers" rule. Returns the first part's id.
   */
  async send(msg: OutgoingMessage): Promise<SentMessage> {
    const client = this.client;
    if (!client || this.current !== 'ready') throw new SendError(`whatsapp adapter is ${this.current}`, 'transient');
    try {
      return await sendAsPerson(client, msg, {
        pacer: this.pacer,
        choices: this.choices,
        now: this.now,
        ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
        typingMs: this.opts.typingMs ?? 1_200,
        partial: this.partial,
      });
    } catch (err) {
      const error = toSendError(err);
      // WhatsApp Web does not always emit 'disconnected' when Chromium dies; a dead page says it here.
      if (BROWSER_GONE.test(error.message) && this.client === client) this.fail(`browser gone: ${error.message}`);
      throw error;
    }
  }

  /**
   * Whether `userId` (the `author` of their group messages) is an admin or the creator of the group,
   * from `GroupChat.participants`. Like the Telegram adapter, any doubt (not ready, not a group,
   * browser trouble) answers false: only admins may register a KIM group, so doubt must not let
   * anyone in.
   */
  async isGroupAdmin(chatId: string, userId: string): Promise<boolean> {
    const client = this.client;
    if (!client || this.current !== 'ready' || chatKindOf(chatId) !== 'group') return false;
    try {
      const chat = await client.getChatById(chatId);
      if (!chat || !isGroupChat(chat)) return false;
      const member = chat.participants.find((p) => p.id._serialized === userId);
      return Boolean(member && (member.isAdmin || member.isSuperAdmin));
    } catch (err) {
      this.log.warn({ err: errText(err) }, 'group participants not available; treating as not an admin');
      return false;
    }
  }

}
