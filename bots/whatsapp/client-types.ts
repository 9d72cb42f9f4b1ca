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
  /** Delivery state of a message (MessageAck): -1 error, 0 pending (only local), 1 server, 2 device, 3 read, 4 played. */
  ack?: number;
  // The library types these as non-null, but its code returns undefined when there is nothing.
  downloadMedia: () => Promise<WaMedia | undefined>;
  getQuotedMessage: () => Promise<WaMessage | undefined>;
  getChat: () => Promise<WaChat>;
}

/**
 * whatsapp-web.js `MessageAck` (src/util/Constants.js): `sendMessage` resolves with ACK_PENDING, once
 * the message is only in the page; ACK_SERVER is WhatsApp's server accepting it.
 */
export const WaAck = { ERROR: -1, PENDING: 0, SERVER: 1, DEVICE: 2, READ: 3, PLAYED: 4 } as const;

/**
 * `WAState` (src/util/Constants.js) as `change_state` reports it. The library itself treats CONNECTED,
 * OPENING, PAIRING and TIMEOUT as "still connected" (Client.js onAppStateChangedEvent); any other state
 * emits `disconnected` and destroys the client.
 */
export type WaState =
  | 'CONFLICT'
  | 'CONNECTED'
  | 'DEPRECATED_VERSION'
  | 'OPENING'
  | 'PAIRING'
  | 'PROXYBLOCK'
  | 'SMB_TOS_BLOCK'
  | 'TIMEOUT'
  | 'TOS_BLOCK'
  | 'UNLAUNCHED'
  | 'UNPAIRED'
  | 'UNPAIRED_IDLE';

/**
 * A `gp2` group notification (src/structures/GroupNotification.js): `type` is its subtype, `chatId` the
 * group, `recipientIds` who was added/removed/left (as the page serialises them).
 */
export interface WaGroupNotification {
  id: { fromMe?: boolean; remote: string; id: string; _serialized: string } | object;
  type: string;
  chatId: string;
  author: string;
  recipientIds: Array<string | { _serialized: string }>;
  timestamp: number;
  body: string;
}

/** Events the adapter listens to, with their arguments as whatsapp-web.js emits them. */
export interface WaEvents {
  qr: [qr: string];
  authenticated: [];
  auth_failure: [message: string];
  ready: [];
  disconnected: [reason: string];
  message: [message: WaMessage];
  change_state: [state: WaState];
  message_ack: [message: WaMessage, ack: number];
  group_leave: [notification: WaGroupNotification];
  group_join: [notification: WaGroupNotification];
}

/** `getContactLidAndPhone` (Client.js): one entry per id asked; either side may be undefined when WhatsApp does not know it. */
export interface WaLidAndPhone {
  lid: string | undefined;
  pn: string | undefined;
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
  sendMessage(chatId: string, content: string | WAWebJS.MessageMedia, options?: WaSendOptions): Promise<Pick<WaMessage, 'id' | 'ack'> | undefined>;
  getChatById(chatId: string): Promise<WaChat | undefined>;
  /** Maps `…@lid` ↔ `…@c.us` through WhatsApp's own contact store (`WWebJS.enforceLidAndPnRetrieval`). */
  getContactLidAndPhone(userIds: string[]): Promise<Array<{ lid: string; pn: string }>>;
  info?: { wid: { _serialized: string } };
}

export type WaSendOptions = Pick<WAWebJS.MessageSendOptions, 'linkPreview' | 'quotedMessageId' | 'sendSeen' | 'caption' | 'sendMediaAsDocument'>;

// Compile-time proof that the real library fits these shapes.
type Assignable<T, U extends T> = U;
export type RealClientFits = Assignable<WhatsAppClientLike, WAWebJS.Client>;
export type RealMessageFits = Assignable<WaMessage, WAWebJS.Message>;
export type RealChatFits = Assignable<WaChat, WAWebJS.Chat>;
export type RealGroupChatFits = Assignable<WaGroupChat, WAWebJS.GroupChat>;
export type RealGroupNotificationFits = Assignable<WaGroupNotification, WAWebJS.GroupNotification>;
