import type WAWebJS from 'whatsapp-web.js';

/**
 * The slice of whatsapp-web.js the adapter uses, with the library's own names and signatures, so the
 * real Client and a test stand-in both fit. The assertions at the bottom fail to compile if a
 * whatsapp-web.js upgrade renames or retypes anything used here.
 */

export interface WaMessageId {
  fromMe: boolean;
  /** The chat: `6281…@c.us`, `…@lid`, `…@g.us`. */
  remote: string;
  id: string;
  _serialized: string;
}

export interface WaMedia {
  mimetype: string;
  /** Base64 of the file. */
  data: string;
  filename?: string | null;
  /** Size in bytes as WhatsApp declared it (null when unknown). */
  filesize?: number | null;
}

export interface WaChat {
  isGroup: boolean;
  name: string;
  sendStateTyping: () => Promise<void>;
  clearState: () => Promise<boolean>;
}

/** A member of a group, as `GroupChat.participants` lists them (whatsapp-web.js `GroupParticipant`). */
export interface WaGroupParticipant {
  id: { _serialized: string };
  isAdmin: boolean;
  isSuperAdmin: boolean;
}

/** `getChatById` returns a GroupChat for `…@g.us`: the chat plus its members (fetched fresh by the library). */
export interface WaGroupChat extends WaChat {
  participants: WaGroupParticipant[];
}

export function isGroupChat(chat: WaChat): chat is WaGroupChat {
  return chat.isGroup && Array.isArray((chat as Partial<WaGroupChat>).participants);
}

export interface WaMessage {
  id: WaMessageId;
  /** The chat for received messages (a group id in groups). */
  from: string;
  to: string;
  /** The sender inside a group. */
  author?: string;
  /** Text, or the caption of a media message ('' when none). */
  body: string;
  type: string;
  /** Seconds since the epoch. */
  timestamp: number;
  fromMe: boolean;
  hasMedia: boolean;
  hasQuotedMsg: boolean;
  isForwarded: boolean;
  forwardingScore: number;
  isStatus: boolean;
  broadcast: boolean;
  mediaKey?: string;
  // The library types these as non-null, but its code returns undefined when there is nothing.
  downloadMedia: () => Promise<WaMedia | undefined>;
  getQuotedMessage: () => Promise<WaMessage | undefined>;
  getChat: () => Promise<WaChat>;
}

/** Events the adapter listens to, with their arguments as whatsapp-web.js emits them. */
export interface WaEvents {
  qr: [qr: string];
  authenticated: [];
  auth_failure: [message: string];
  ready: [];
  disconnected: [reason: string];
  message: [message: WaMessage];
}

// any[]: EventEmitter's own listener type; the typed arguments are in WaEvents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WaListener = (...args: any[]) => void;

export interface WhatsAppClientLike {
  on(event: keyof WaEvents, listener: WaListener): unknown;
  once(event: keyof WaEvents, listener: WaListener): unknown;
  removeListener(event: keyof WaEvents, listener: WaListener): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  /** Resolves undefined when the chat does not exist (the library's own behaviour). */
  /** `content` is a text, or a whatsapp-web.js MessageMedia (a picture or file, `caption` in options). */
  sendMessage(chatId: string, content: string | WAWebJS.MessageMedia, options?: WaSendOptions): Promise<Pick<WaMessage, 'id'> | undefined>;
  getChatById(chatId: string): Promise<WaChat | undefined>;
  info?: { wid: { _serialized: string } };
}

export type WaSendOptions = Pick<WAWebJS.MessageSendOptions, 'linkPreview' | 'quotedMessageId' | 'sendSeen' | 'caption' | 'sendMediaAsDocument'>;

// Compile-time proof that the real library fits these shapes.
type Assignable<T, U extends T> = U;
export type RealClientFits = Assignable<WhatsAppClientLike, WAWebJS.Client>;
export type RealMessageFits = Assignable<WaMessage, WAWebJS.Message>;
export type RealChatFits = Assignable<WaChat, WAWebJS.Chat>;
export type RealGroupChatFits = Assignable<WaGroupChat, WAWebJS.GroupChat>;
