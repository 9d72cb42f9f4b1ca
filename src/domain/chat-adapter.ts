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
  /** A picture or file sent with `text` as its caption (moderators see what residents forwarded). */
  file?: OutgoingFile;
}

export interface OutgoingFile {
  data: Buffer;
  mime: string;
  filename: string;
  /** 'photo' shows inline; anything else goes as a document. */
  kind: 'photo' | 'document';
}

export interface DownloadedFile {
  data: Buffer;
  mime?: string;
}

export interface SentMessage {
  messageId: string;
}

export interface InboundHandlers {
  message(msg: InboundMessage): Promise<void>;
  callback?(cb: InboundCallback): Promise<void>;
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
  /**
   * Fetch a file a message referred to (InboundMedia.ref), refusing more than `maxBytes`; absent where
   * files come with the message. Resolves 'too_large' rather than downloading an oversized file.
   */
  download?(ref: string, maxBytes: number): Promise<DownloadedFile | 'too_large'>;
  /** Present when updates arrive over HTTP rather than by polling. */
  webhook?(): WebhookEndpoint | undefined;
}

export type SendErrorKind = 'rate_limited' | 'permanent' | 'transient';

export class SendError extends Error {
  constructor(
    message: string,
    public readonly kind: SendErrorKind,
    /** For rate_limited: how long the platform asked us to wait. */
    public readonly retryAfterMs?: number,
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
