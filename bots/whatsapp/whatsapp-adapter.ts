import type { Logger } from 'pino';
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
import { WaAck, isGroupChat, type WaGroupNotification, type WaMessage, type WhatsAppClientLike } from './client-types.js';
import { createMemoryChoiceStore, type ChoiceStore } from './choice-store.js';
import { chatKindOf, mapMessage, skipReason } from './map-message.js';
import { choiceReplyAsCallback } from './choice-reply.js';
import { sendAsPerson } from './send-message.js';
import { BROWSER_GONE, errText, toSendError } from './send-errors.js';
import { createSendPacer } from './send-pacer.js';
import { realTimers, type AdapterTimers, type WhatsAppAdapterOptions, type WhatsAppStatus } from './adapter-options.js';
import { createAckTracker, deliveryOf } from './ack-tracker.js';
import { createLidMap } from './lid-map.js';
import { createQuoteIds } from './quote-ids.js';
import { ClientConnection } from './client-connection.js';

export type { AdapterTimers, WhatsAppAdapterOptions, WhatsAppStatus } from './adapter-options.js';

/**
 * ChatAdapter over whatsapp-web.js. Thin: the core decides; this translates and paces. The client's
 * lifecycle (start, QR, ready, drops, reconnection, watchdogs) is ClientConnection's (client-connection.ts).
 */
export class WhatsAppAdapter implements ChatAdapter {
  readonly platform = 'whatsapp' as const;
  private handlers: InboundHandlers | undefined;
  /** The bot's own ids (phone form and lid), to recognise its removal from a group. */
  private ownIds = new Set<string>();
  private readonly connection: ClientConnection;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers: AdapterTimers;
  private readonly acks;
  private readonly lids = createLidMap();
  private readonly quoteIds = createQuoteIds();
  private readonly pacer;
  private readonly choices: ChoiceStore;
  /** Parts of a split message already delivered, so a retried send does not repeat them. */
  private readonly partial = new Map<string, { ids: string[]; at: number }>();

  constructor(
    createClient: () => WhatsAppClientLike,
    private readonly opts: WhatsAppAdapterOptions,
  ) {
    this.log = opts.logger.child({ adapter: 'whatsapp' });
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? realTimers;
    this.acks = createAckTracker(this.now);
    this.pacer = createSendPacer({ now: this.now, ...opts.pacing });
    this.choices = opts.choices ?? createMemoryChoiceStore({ now: this.now });
    this.connection = new ClientConnection(createClient, opts, this.log, {
      bind: (client, live) => this.bind(client, live),
      onReady: (client) => void this.learnOwnIds(client),
    });
  }

  state(): AdapterState {
    return this.connection.state();
  }

  status(): WhatsAppStatus {
    return this.connection.status();
  }

  /** The QR WhatsApp currently asks to scan (undefined once authenticated). */
  latestQr(): string | undefined {
    return this.connection.latestQr();
  }

  async qrPng(): Promise<Buffer | undefined> {
    const qr = this.connection.latestQr();
    return qr === undefined ? undefined : QRCode.toBuffer(qr, { type: 'png', margin: 2, width: 320 });
  }

  /** Returns at once: Chromium and WhatsApp Web take seconds to minutes (QR), the service must not wait. */
  async start(handlers?: InboundHandlers): Promise<void> {
    if (this.connection.isRunning()) return;
    this.handlers = handlers;
    this.connection.start();
  }

  async stop(): Promise<void> {
    this.handlers = undefined;
    await this.connection.stop();
  }

  /** A page failure the process guard caught (see ClientConnection.containFailure): the client is replaced. */
  containFailure(reason: unknown): void {
    this.connection.containFailure(reason);
  }

  /** Messages, acks and group events of `client`, while it is the live one. */
  private bind(client: WhatsAppClientLike, live: () => boolean): () => void {
    const listeners = {
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
    return () => {
      for (const [event, fn] of Object.entries(listeners)) client.removeListener(event as keyof typeof listeners, fn);
    };
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

  private async dispatch(m: WaMessage): Promise<void> {
    const handlers = this.handlers;
    // Without handlers this process only sends (workers role).
    if (!handlers) return;
    const skip = skipReason(m, this.connection.acceptFromMs);
    if (skip) {
      this.log.debug({ reason: skip }, 'ignored whatsapp message');
      return;
    }
    // Before the core sees it: its answer (a shy-mode reply) may be sent before handlers.message returns.
    if (chatKindOf(m.from) === 'group') this.quoteIds.remember(m);
    const callback = handlers.callback ? await choiceReplyAsCallback(m, this.choices) : undefined;
    if (callback) return handlers.callback!({ ...callback, sender: await this.personOf(callback.sender) });
    const msg = await mapMessage(m, { acceptFromMs: this.connection.acceptFromMs, downloadTimeoutMs: this.opts.downloadTimeoutMs });
    if (msg) await handlers.message({ ...msg, sender: await this.personOf(msg.sender) });
  }

  /** One identity per person: the phone form when WhatsApp knows it, the lid as an alias. */
  private async personOf<S extends { id: string; isBot: boolean }>(sender: S): Promise<S & { aliases?: string[] }> {
    const person = await this.lids.person(this.connection.client, sender.id);
    return { ...sender, id: person.id, ...(person.aliases.length ? { aliases: person.aliases } : {}) };
  }

  /**
   * Sends only where the core asks; the core only has rows for chats that wrote first and groups that
   * registered, which is WhatsApp's "never message strangers" rule. Returns the first part's id.
   */
  async send(msg: OutgoingMessage): Promise<SentMessage> {
    const client = this.connection.client;
    const state = this.connection.state();
    if (!client || state !== 'ready') throw new SendError(`whatsapp adapter is ${state}`, 'transient');
    try {
      const sent = await sendAsPerson(client, msg, {
        pacer: this.pacer,
        choices: this.choices,
        now: this.now,
        ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
        typingMs: this.opts.typingMs ?? 1_200,
        partial: this.partial,
        acks: this.acks,
        quoteIds: this.quoteIds,
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
      if (BROWSER_GONE.test(error.message) && this.connection.client === client) this.connection.fail(`browser gone: ${error.message}`);
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
    const client = this.connection.client;
    if (!client || this.connection.state() !== 'ready' || chatKindOf(chatId) !== 'group') return false;
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
