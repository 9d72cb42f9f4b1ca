export type Platform = 'telegram' | 'whatsapp';

export type MediaKind = 'photo' | 'document' | 'video' | 'sticker' | 'voice' | 'audio' | 'other';

/** What every chat adapter turns a platform message into. Platform ids stay strings. */
export interface InboundMessage {
  platform: Platform;
  /** Platform message id, unique within the chat. */
  messageId: string;
  chat: { id: string; kind: 'private' | 'group'; title?: string };
  /**
   * `groupAdmin`: the platform itself vouches that the sender administers this group (a Telegram anonymous admin
   * writes "as the group": `sender_chat` is the group, and only its admins can do that).
   */
  sender: { id: string; isBot: boolean; groupAdmin?: boolean };
  /** Text, or the caption of a media message. */
  text: string;
  media?: { kind: MediaKind; fingerprint?: string };
  forwarded: boolean;
  /** WhatsApp only: how often the message was forwarded (≥ 5 shows as "forwarded many times"). */
  forwardingScore?: number;
  /** Set when the text starts with a command meant for this bot. */
  command?: { name: string; args: string };
  receivedAt: Date;
}

export interface InboundCallback {
  platform: Platform;
  callbackId: string;
  chat: { id: string; kind: 'private' | 'group' };
  sender: { id: string; isBot: boolean };
  messageId?: string;
  data: string;
}
