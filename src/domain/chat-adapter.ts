import type { GroupJoin, InboundCallback, InboundMessage, Platform } from './inbound.js';

/**
 * `reconnecting`: logged in, but the platform connection is down for now (WhatsApp `change_state`
 * TIMEOUT/OPENING): sends wait until it is `ready` again.
 */
export type AdapterState = 'disabled' | 'starting' | 'qr' | 'authenticated' | 'ready' | 'reconnecting' | 'disconnected' | 'failed' | 'stopped';

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
  /** A picture or file sent with `text` as its caption (moderators see what residents forwarded). */
  file?: OutgoingFile;
}

export interface OutgoingFile {
  data: Buffer;
  mime: string;
  filename: string;
  /** 'photo' shows inline; anything else goes as a document. */
  kind: 'photo' | 'document';
  /**
   * Same key, same bytes (a clarification card's version): a platform that keeps uploaded files may send it
   * again by its own reference instead of uploading it once per chat (Telegram's file_id).
   */
  cacheKey?: string;
}

export interface DownloadedFile {
  data: Buffer;
  mime?: string;
}

export interface SentMessage {
  messageId: string;
  /**
   * false: the platform took the message but its server has not accepted it yet (WhatsApp: still at
   * ACK_PENDING); a later `delivery` update says when it is. Absent: accepted when send() resolved.
   */
  accepted?: boolean;
}

/** What the platform later says about a message the bot sent (WhatsApp `message_ack`). */
export interface DeliveryUpdate {
  platform: Platform;
  /** The id send() returned. */
  messageId: string;
  status: 'error' | 'server' | 'device' | 'read' | 'played';
}

export interface InboundHandlers {
  message(msg: InboundMessage): Promise<void>;
  callback?(cb: InboundCallback): Promise<void>;
  /** Resolves false when no sent message with that id is known (yet). */
  delivery?(update: DeliveryUpdate): Promise<boolean>;
  /** The bot left or was removed from a group: it must not be sent to any more. */
  removedFromGroup?(event: { platform: Platform; chatId: string; reason: string }): Promise<void>;
  /** The platform moved a chat to a new id (a Telegram group upgraded to a supergroup); the chat itself stays. */
  chatMigrated?(migration: ChatMigration): Promise<void>;
  /** The bot was added to a group. */
  joined?(event: GroupJoin): Promise<void>;
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
  /**
   * Fetch a file a message referred to (InboundMedia.ref), refusing more than `maxBytes`; absent where
   * files come with the message. Resolves 'too_large' rather than downloading an oversized file.
   */
  download?(ref: string, maxBytes: number): Promise<DownloadedFile | 'too_large'>;
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
