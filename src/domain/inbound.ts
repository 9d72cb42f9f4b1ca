export type Platform = 'telegram' | 'whatsapp';

export type MediaKind = 'photo' | 'document' | 'video' | 'sticker' | 'voice' | 'audio' | 'other';

/**
 * A file a message carries. Platforms that hand the bytes over with the message (WhatsApp's
 * downloadMedia) put them in `content`; those that hand over a reference (Telegram's file_id) put it in
 * `ref`, and the analyze worker fetches it through the adapter's `download` — never the webhook.
 */
export interface InboundMedia {
  kind: MediaKind;
  fingerprint?: string;
  /** Platform reference to fetch the file later, e.g. `tg:<file_id>`. */
  ref?: string;
  /** Size the platform declared, when it did: a file over the limit is refused without fetching it. */
  declaredBytes?: number;
  mime?: string;
  content?: { data: Buffer; mime: string };
}

/** What every chat adapter turns a platform message into. Platform ids stay strings. */
export interface InboundMessage {
  platform: Platform;
  /** Platform message id, unique within the chat. */
  messageId: string;
  chat: { id: string; kind: 'private' | 'group'; title?: string };
  /**
   * `groupAdmin`: the platform itself vouches that the sender administers this group (a Telegram anonymous admin
   * writes "as the group": `sender_chat` is the group, and only its admins can do that).
   * `aliases`: the same person's other ids (WhatsApp: the `…@lid` of a `628…@c.us`).
   */
  sender: { id: string; isBot: boolean; groupAdmin?: boolean; aliases?: string[] };
  /** Text, or the caption of a media message. */
  text: string;
  media?: InboundMedia;
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
  sender: { id: string; isBot: boolean; aliases?: string[] };
  messageId?: string;
  data: string;
}

/** The bot itself was added to a group (Telegram my_chat_member / new_chat_members, WhatsApp group_join). */
export interface GroupJoin {
  platform: Platform;
  chat: { id: string; title?: string };
}
