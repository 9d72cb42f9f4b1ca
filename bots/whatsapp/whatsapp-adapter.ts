import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import QRCode from 'qrcode';
import {
  SendError,
  type AdapterState,
  type DeliveryUpdate,
  type ChatAdapter,
  type InboundHandlers,
  type OutgoingMessage,
  type SentMessage,
} from '../../src/domain/chat-adapter.js';
import { WaAck, isGroupChat, type WaGroupNotification, type WaMessage, type WaState, type WhatsAppClientLike } from './client-types.js';
import { createMemoryChoiceStore, type ChoiceStore } from './choice-store.js';
import { chatKindOf, mapMessage, skipReason } from './map-message.js';
import { choiceReplyAsCallback } from './choice-reply.js';
import { sendAsPerson } from './send-message.js';
import { BROWSER_GONE, errText, toSendError } from './send-errors.js';
import { createSendPacer } from './send-pacer.js';
import { realTimers, type AdapterTimers, type WhatsAppAdapterOptions, type WhatsAppStatus } from './adapter-options.js';
import { createAckTracker, deliveryOf } from './ack-tracker.js';
import { createLidMap } from './lid-map.js';

export type { AdapterTimers, WhatsAppAdapterOptions, WhatsAppStatus } from './adapter-options.js';

/** States whatsapp-web.js keeps the client through while the socket is not connected (Client.js ACCEPTED_STATES minus CONNECTED). */
const CONNECTION_DOWN: ReadonlySet<WaState> = new Set(['TIMEOUT', 'OPENING', 'PAIRING']);

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
  private qr: string | undefined;
  private failures = 0;
  private lastError: string | undefined;
  private retryTimer: unknown;
  /** Armed while waiting for `ready` after `authenticated`, or for CONNECTED after TIMEOUT/OPENING. */
  private watchdog: unknown;
  private startedAtMs = 0;
  /** Since when the bot could not read messages (for answering, once back, what arrived meanwhile). */
  private downSinceMs: number | undefined;
  /** Messages older than this are not answered (see catchUpMs). */
  private acceptFromMs: number | undefined;
  /** The bot's own ids (phone form and lid), to recognise its removal from a group. */
  private ownIds = new Set<string>();
  /** The (re)connection in progress: stop() waits for it, so a browser still launching is closed too. */
  private connecting: Promise<void> | undefined;
  private nextRetryAt: number | undefined;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers: AdapterTimers;
  private readonly acks;
  private readonly lids = createLidMap();
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
    this.timers = opts.timers ?? realTimers;
    this.acks = createAckTracker(this.now);
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
    this.startedAtMs = this.now();
    this.downSinceMs = undefined;
    this.acceptFromMs = this.startedAtMs - this.catchUpMs();
    this.connecting = this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.handlers = undefined;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.disarm();
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
    let timedOut = false;
    try {
      // whatsapp-web.js navigates with `page.goto(WhatsWebURL, { timeout: 0 })`: on a network that never
      // answers initialize() never settles, and the adapter would stay `starting` for ever.
      await this.bound(client.initialize(), this.opts.initTimeoutMs ?? 120_000, () => (timedOut = true));
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
    if (failure !== undefined) this.fail(`initialize ${timedOut ? 'timed out' : 'failed'}: ${errText(failure)}`);
    // A browser still navigating is closed now, not at the next attempt.
    if (timedOut) await this.dispose();
  }

  /** `p`, or a rejection after `ms` on the adapter's clock (`onTimeout` is told). */
  private bound<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
    let handle: unknown;
    const timeout = new Promise<never>((_, reject) => {
      handle = this.timers.setTimeout(() => {
        onTimeout();
        reject(new Error(`no answer within ${ms} ms`));
      }, ms);
    });
    return Promise.race([p, timeout]).finally(() => this.timers.clearTimeout(handle));
  }

  private catchUpMs(): number {
    return this.opts.catchUpMs ?? 60 * 60_000;
  }

  /** Replaces the client unless `what` happens within readyTimeoutMs. */
  private arm(what: string): void {
    this.disarm();
    const ms = this.opts.readyTimeoutMs ?? 180_000;
    this.watchdog = this.timers.setTimeout(() => {
      this.watchdog = undefined;
      if (!this.running) return;
      this.fail(`${what} within ${Math.round(ms / 1000)} s`);
      void this.dispose();
    }, ms);
  }

  private disarm(): void {
    if (this.watchdog !== undefined) this.timers.clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private wentDown(): void {
    this.downSinceMs ??= this.now();
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
        // The library emits `ready` only after more work in the page (LocalWebCache.persist, LoadUtils,
        // `throw 'ready timeout'`); when that fails nothing else is emitted.
        this.arm('ready did not follow authenticated');
      },
      auth_failure: (message: string) => {
        if (live()) this.fail(`authentication failed: ${message}`);
      },
      ready: () => {
        if (!live()) return;
        this.disarm();
        this.qr = undefined;
        // What residents wrote while we were down is answered now (WhatsApp delivers it on reconnecting).
        this.acceptFromMs = (this.downSinceMs ?? this.startedAtMs) - this.catchUpMs();
        this.downSinceMs = undefined;
        this.failures = 0;
        this.lastError = undefined;
        this.current = 'ready';
        this.log.info('whatsapp adapter ready');
        void this.learnOwnIds(client);
      },
      change_state: (state: WaState) => {
        if (!live()) return;
        if (state === 'CONNECTED' && this.current === 'reconnecting') {
          this.disarm();
          this.current = 'ready';
          this.log.info('whatsapp connection is back');
        } else if (CONNECTION_DOWN.has(state) && this.current === 'ready') {
          // The library keeps the client through these: sends must wait, not be "sent" into a dead socket.
          this.current = 'reconnecting';
          this.lastError = `connection ${state}`;
          this.wentDown();
          this.log.warn({ state }, 'whatsapp connection down; sends paused');
          this.arm(`connection did not come back from ${state}`);
        }
        // Other states (CONFLICT, UNPAIRED…): the library emits 'disconnected' and destroys the client.
      },
      disconnected: (reason: string) => {
        if (!live()) return;
        this.disarm();
            this.wentDown();
        this.current = 'disconnected';
        this.scheduleRetry(`disconnected: ${reason}`);
      },
      message_ack: (m: WaMessage, ack: number) => {
        if (!live() || !m?.id) return;
        const known = this.acks.update(m, ack);
        if (known) this.reportDelivery(known.messageId, known.ack);
        // A message of an earlier session (the page keeps unsent messages and sends them once connected):
        // its ledger id is its own id (single-part messages); told once, without retries.
        else if (m.id.fromMe) this.reportDelivery(m.id.id, ack, 3);
      },
      group_leave: (n: WaGroupNotification) => {
        if (!live()) return;
        this.onGroupLeave(client, n).catch((err: unknown) => this.log.error({ err: errText(err) }, 'whatsapp group_leave not handled'));
      },
      message: (m: WaMessage) => {
        if (!live()) return;
        // An event listener's rejection would be unhandled: every failure ends here, logged.
        this.dispatch(m).catch((err: unknown) => this.log.error({ err: errText(err) }, 'whatsapp message not handled'));
      },
      group_join: (n: WaGroupNotification) => {
        const me = client.info?.wid._serialized;
        // Someone else joining a group is none of our business; our own number being added is.
        if (!live() || !me || !n.recipientIds.includes(me) || !this.handlers?.joined) return;
        this.handlers.joined({ platform: 'whatsapp', chat: { id: n.chatId } }).catch((err: unknown) => this.log.error({ err: errText(err) }, 'whatsapp group join not handled'));
      },
    };
    for (const [event, fn] of Object.entries(listeners)) client.on(event as keyof typeof listeners, fn);
    this.unbind = () => {
      for (const [event, fn] of Object.entries(listeners)) client.removeListener(event as keyof typeof listeners, fn);
    };
  }

  private fail(reason: string): void {
    if (!this.running) return;
    this.disarm();
    this.wentDown();
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
    this.retryTimer = this.timers.setTimeout(() => {
      this.connecting = this.connect();
    }, delay);
  }

  /**
   * A failure of the page that surfaced outside any call of ours (whatsapp-web.js's async
   * `framenavigated` listener rejecting, an unawaited destroy()): the process guard hands it here. The
   * client is replaced; nothing else in the process is affected.
   */
  containFailure(reason: unknown): void {
    if (!this.running) return;
    this.log.error({ err: errText(reason) }, 'whatsapp page failure contained; reconnecting');
    this.fail(`page failure: ${errText(reason)}`);
    void this.dispose();
  }

  private async learnOwnIds(client: WhatsAppClientLike): Promise<void> {
    const wid = client.info?.wid?._serialized;
    if (!wid) return;
    this.ownIds = new Set([wid]);
    for (const id of await this.lids.idsOf(client, wid)) this.ownIds.add(id);
  }

  /** `group_leave` naming the bot itself (removed by an admin, or left): no more broadcasts there. */
  private async onGroupLeave(client: WhatsAppClientLike, n: WaGroupNotification): Promise<void> {
    const handler = this.handlers?.removedFromGroup;
    if (!handler || chatKindOf(n.chatId) !== 'group') return;
    const own = new Set(this.ownIds);
    if (client.info?.wid?._serialized) own.add(client.info.wid._serialized);
    const recipients = (n.recipientIds ?? []).map((r) => (typeof r === 'string' ? r : r._serialized));
    let ours = recipients.some((r) => own.has(r));
    // A LID-addressed group names the bot by its lid, which may not be learnt yet.
    for (const r of recipients) if (!ours && r.endsWith('@lid')) ours = (await this.lids.idsOf(client, r)).some((id) => own.has(id));
    if (!ours) return;
    this.log.warn({ type: n.type }, 'whatsapp: the bot left or was removed from a group');
    await handler({ platform: 'whatsapp', chatId: n.chatId, reason: n.type === 'leave' ? 'the bot left the WhatsApp group' : 'the bot was removed from the WhatsApp group' });
  }

  /** Tells the core what WhatsApp says about a sent message; retried a little when the ledger does not know it yet. */
  private reportDelivery(messageId: string, ack: number, attempt = 0): void {
    const status = deliveryOf(ack);
    const handler = this.handlers?.delivery;
    if (!status || !handler) return;
    const update: DeliveryUpdate = { platform: 'whatsapp', messageId, status };
    handler(update).then(
      (found) => {
        if (!found && attempt < 3) this.timers.setTimeout(() => this.reportDelivery(messageId, ack, attempt + 1), 2_000 * (attempt + 1));
      },
      (err: unknown) => this.log.warn({ err: errText(err) }, 'whatsapp delivery update not stored'),
    );
  }

  private async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
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
    const skip = skipReason(m, this.acceptFromMs);
    if (skip) {
      this.log.debug({ reason: skip }, 'ignored whatsapp message');
      return;
    }
    const callback = handlers.callback ? await choiceReplyAsCallback(m, this.choices) : undefined;
    if (callback) return handlers.callback!({ ...callback, sender: await this.personOf(callback.sender) });
    const msg = await mapMessage(m, { acceptFromMs: this.acceptFromMs, downloadTimeoutMs: this.opts.downloadTimeoutMs });
    if (msg) await handlers.message({ ...msg, sender: await this.personOf(msg.sender) });
  }

  /** One identity per person: the phone form when WhatsApp knows it, the lid as an alias. */
  private async personOf<S extends { id: string; isBot: boolean }>(sender: S): Promise<S & { aliases?: string[] }> {
    const person = await this.lids.person(this.client, sender.id);
    return { ...sender, id: person.id, ...(person.aliases.length ? { aliases: person.aliases } : {}) };
  }

  /**
   * Sends only where the core asks; the core only has rows for chats that wrote first and groups that
   * registered, which is WhatsApp's "never message strangers" rule. Returns the first part's id.
   */
  async send(msg: OutgoingMessage): Promise<SentMessage> {
    const client = this.client;
    if (!client || this.current !== 'ready') throw new SendError(`whatsapp adapter is ${this.current}`, 'transient');
    try {
      const sent = await sendAsPerson(client, msg, {
        pacer: this.pacer,
        choices: this.choices,
        now: this.now,
        ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
        typingMs: this.opts.typingMs ?? 1_200,
        partial: this.partial,
        acks: this.acks,
      });
      // sendMessage resolves once the message is in the page (ACK_PENDING): "sent" needs the server's ack.
      let handle: unknown;
      const waited = new Promise<void>((resolve) => (handle = this.timers.setTimeout(resolve, this.opts.ackWaitMs ?? 10_000)));
      const ack = await this.acks.accepted(sent.parts, waited).finally(() => this.timers.clearTimeout(handle));
      if (ack <= WaAck.ERROR) throw new SendError('WhatsApp did not accept the message (ack error)', 'transient');
      return ack >= WaAck.SERVER ? { messageId: sent.messageId } : { messageId: sent.messageId, accepted: false };
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
      // LID-addressed groups: the author is `…@lid` while participants are listed in phone form (or back).
      const ids = new Set(await this.lids.idsOf(client, userId));
      const member = chat.participants.find((p) => ids.has(p.id._serialized));
      return Boolean(member && (member.isAdmin || member.isSuperAdmin));
    } catch (err) {
      this.log.warn({ err: errText(err) }, 'group participants not available; treating as not an admin');
      return false;
    }
  }

}
