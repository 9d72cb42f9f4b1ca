import type { InboundCallback, InboundMessage, Platform } from './inbound.js';

export type AdapterState = 'disabled' | 'starting' | 'qr' | 'authenticated' | 'ready' | 'disconnected' | 'failed' | 'stopped';

export interface OutgoingButton {
  text: string;
  data: string;
}

export interface OutgoingMessage {
  chatId: string;
  text: string;
  buttons?: OutgoingButton[][];
  replyToMessageId?: string;
  /**
   * The bot asks for an answer: Telegram opens the reply box (`force_reply`), so the answer is a reply to this
   * message, and a bot in privacy mode receives replies to its own messages when it receives no other group text.
   */
  forceReply?: boolean;
}

export interface SentMessage {
  messageId: string;
}

export interface InboundHandlers {
  message(msg: InboundMessage): Promise<void>;
  callback?(cb: InboundCallback): Promise<void>;
  /** The platform moved a chat to a new id (a Telegram group upgraded to a supergroup); the chat itself stays. */
  chatMigrated?(migration: ChatMigration): Promise<void>;
}

export interface ChatMigration {
  platform: Platform;
  fromChatId: string;
  toChatId: string;
}

/**
 * The one port every chat platform implements. Adapters translate; they decide nothing.
 * Errors from send() are SendError so the outbound worker can choose retry vs give up.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Without handlers the adapter only sends (a workers-only process). */
  start(handlers?: InboundHandlers): Promise<void>;
  stop(): Promise<void>;
  send(msg: OutgoingMessage): Promise<SentMessage>;
  state(): AdapterState;
  /** Replace the text and buttons of a message the bot sent (review cards); absent where the platform cannot. */
  edit?(chatId: string, messageId: string, msg: Omit<OutgoingMessage, 'chatId' | 'replyToMessageId'>): Promise<void>;
  /** Whether a user administers a group: only group admins may register a KIM group. */
  isGroupAdmin?(chatId: string, userId: string): Promise<boolean>;
  /** Whether the bot receives ordinary (non-command) group messages in this chat; absent = always. */
  readsGroupMessages?(chatId: string): Promise<boolean>;
  /** Present when updates arrive over HTTP rather than by polling. */
  webhook?(): WebhookEndpoint | undefined;
}

/**
 * What should happen next, decided by the platform's answer:
 * - `rate_limited`: wait `retryAfterMs`, then try again;
 * - `transient`: network error, 5xx, platform down: try again with backoff, for hours;
 * - `migrated`: the chat has a new id (`migratedTo`): update it and send again;
 * - `message_gone`: the message to edit no longer exists (deleted): post a new one instead;
 * - `rejected`: this one message was refused (bad content): give it up, the chat stays;
 * - `permanent`: the chat cannot be reached any more (blocked, removed, not found): give up and stop sending there.
 */
export type SendErrorKind = 'rate_limited' | 'permanent' | 'transient' | 'migrated' | 'message_gone' | 'rejected';

export class SendError extends Error {
  constructor(
    message: string,
    public readonly kind: SendErrorKind,
    /** For rate_limited: how long the platform asked us to wait. */
    public readonly retryAfterMs?: number,
    /** For migrated: the chat's new platform id. */
    public readonly migratedTo?: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** An adapter in webhook mode exposes this; the HTTP app mounts it without knowing the platform. */
export interface WebhookEndpoint {
  path: string;
  secretToken?: string | undefined;
  handle(body: unknown): Promise<void>;
}
