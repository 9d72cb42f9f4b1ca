import type { Update } from 'telegraf/types';
import type { InboundCallback, InboundMessage, MediaKind } from '../../src/domain/inbound.js';

const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/**
 * Telegram update → the platform-neutral InboundMessage. Returns null for what the core never needs
 * (channel posts, edits, service messages, commands addressed to another bot).
 */
export function mapMessage(update: Update, botUsername: string | undefined): InboundMessage | null {
  if (!('message' in update) || !update.message) return null;
  const m = update.message as unknown as Record<string, unknown> & {
    message_id: number;
    date: number;
    chat: { id: number; type: string; title?: string };
    from?: { id: number; is_bot: boolean };
  };
  if (!m.chat || !m.from || typeof m.message_id !== 'number' || typeof m.chat.id !== 'number' || typeof m.from.id !== 'number') return null;
  const kind = m.chat.type === 'private' ? 'private' : m.chat.type === 'group' || m.chat.type === 'supergroup' ? 'group' : null;
  if (!kind) return null;

  const text = typeof m.text === 'string' ? m.text : typeof m.caption === 'string' ? m.caption : '';
  const media = mediaOf(m);
  const msg: InboundMessage = {
    platform: 'telegram',
    messageId: String(m.message_id),
    chat: { id: String(m.chat.id), kind, ...(typeof m.chat.title === 'string' && m.chat.title ? { title: m.chat.title.replace(/\0/g, '') } : {}) },
    sender: { id: String(m.from.id), isBot: Boolean(m.from.is_bot) },
    text,
    forwarded: Boolean(m.forward_origin ?? m.forward_date ?? m.forward_from ?? m.forward_from_chat ?? m.forward_sender_name),
    receivedAt: new Date(Math.min(Date.now(), Math.max(0, Number(m.date) * 1000 || Date.now()))),
    ...(media ? { media } : {}),
  };

  const cmd = typeof m.text === 'string' && !msg.forwarded ? COMMAND.exec(m.text.trim()) : null;
  if (cmd?.[1]) {
    const target = cmd[2];
    const forMe = !target || (botUsername !== undefined && target.toLowerCase() === botUsername.toLowerCase());
    // In a group, "/status@OtherBot" is not ours; a bare "/status" reaches every bot and counts.
    if (!forMe) return kind === 'group' ? null : { ...msg, command: { name: cmd[1], args: cmd[3] ?? '' } };
    msg.command = { name: cmd[1], args: cmd[3] ?? '' };
  }
  return msg;
}

export function mapCallback(update: Update): InboundCallback | null {
  if (!('callback_query' in update) || !update.callback_query) return null;
  const q = update.callback_query as unknown as {
    id: string | number;
    from?: { id: number; is_bot: boolean };
    data?: string;
    message?: { message_id?: number; chat?: { id: number; type: string } };
  };
  if (typeof q.from?.id !== 'number' || typeof q.data !== 'string' || typeof q.message?.chat?.id !== 'number') return null;
  return {
    platform: 'telegram',
    callbackId: String(q.id),
    chat: { id: String(q.message.chat.id), kind: q.message.chat.type === 'private' ? 'private' : 'group' },
    sender: { id: String(q.from.id), isBot: Boolean(q.from.is_bot) },
    ...(q.message.message_id !== undefined ? { messageId: String(q.message.message_id) } : {}),
    data: q.data.replace(/\0/g, '').slice(0, 256),
  };
}

/** Telegram sends each photo in several sizes: the largest under this many pixels is enough to read and hash. */
export const PHOTO_PIXEL_CAP = 4_000_000;

type TgFile = { file_id?: unknown; file_unique_id?: unknown; file_size?: unknown; width?: unknown; height?: unknown; mime_type?: unknown };

/** The size to fetch: the largest within the cap, else the smallest there is. */
export function photoSizeToFetch(sizes: TgFile[]): TgFile | undefined {
  const pixels = (f: TgFile) => Number(f.width) * Number(f.height) || 0;
  const sorted = sizes.filter((f) => f && typeof f === 'object').sort((a, b) => pixels(a) - pixels(b));
  const under = sorted.filter((f) => pixels(f) <= PHOTO_PIXEL_CAP);
  return under[under.length - 1] ?? sorted[0];
}

function mediaOf(m: Record<string, unknown>): InboundMessage['media'] | undefined {
  const pick = (kind: MediaKind, value: unknown, mime?: string): InboundMessage['media'] => {
    const all = Array.isArray(value) ? (value as TgFile[]) : [];
    const largest = (Array.isArray(value) ? all[all.length - 1] : value) as TgFile | undefined;
    const id = largest && typeof largest === 'object' ? largest.file_unique_id : undefined;
    const fetch = (Array.isArray(value) ? photoSizeToFetch(all) : largest) as TgFile | undefined;
    const size = Number(fetch?.file_size);
    const declaredMime = typeof fetch?.mime_type === 'string' ? fetch.mime_type : mime;
    return {
      kind,
      // file_unique_id is the same for the same file whoever forwards it: the photo's fingerprint.
      ...(typeof id === 'string' ? { fingerprint: `tg:${id}` } : {}),
      // file_id is what getFile takes: the analyze worker fetches the file with it, never the webhook.
      ...(typeof fetch?.file_id === 'string' ? { ref: `tg:${fetch.file_id}` } : {}),
      ...(Number.isFinite(size) && size > 0 ? { declaredBytes: size } : {}),
      ...(declaredMime ? { mime: declaredMime } : {}),
    };
  };
  if (m.photo) return pick('photo', m.photo, 'image/jpeg');
  if (m.document) return pick('document', m.document);
  if (m.video) return pick('video', m.video);
  if (m.sticker) return pick('sticker', m.sticker);
  if (m.voice) return pick('voice', m.voice);
  if (m.audio) return pick('audio', m.audio);
  if (m.video_note || m.animation || m.location || m.contact || m.poll) return { kind: 'other' };
  return undefined;
}
