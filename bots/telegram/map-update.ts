import type { Update } from 'telegraf/types';
import type { InboundCallback, InboundMessage, MediaKind } from '../../src/domain/inbound.js';
import type { ChatMigration } from '../../src/domain/chat-adapter.js';

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
    sender_chat?: { id: number };
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
    // An anonymous admin writes as the group itself: `from` is GroupAnonymousBot, `sender_chat` the group.
    sender:
      kind === 'group' && m.sender_chat?.id === m.chat.id
        ? { id: `chat:${m.chat.id}`, isBot: false, groupAdmin: true }
        : { id: String(m.from.id), isBot: Boolean(m.from.is_bot) },
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

/**
 * A basic group upgraded to a supergroup: Telegram posts `migrate_to_chat_id` in the old chat and
 * `migrate_from_chat_id` in the new one; either tells the new id.
 */
export function mapMigration(update: Update): ChatMigration | null {
  if (!('message' in update) || !update.message) return null;
  const m = update.message as unknown as { chat?: { id?: unknown }; migrate_to_chat_id?: unknown; migrate_from_chat_id?: unknown };
  if (typeof m.chat?.id !== 'number') return null;
  if (typeof m.migrate_to_chat_id === 'number') return { platform: 'telegram', fromChatId: String(m.chat.id), toChatId: String(m.migrate_to_chat_id) };
  if (typeof m.migrate_from_chat_id === 'number') return { platform: 'telegram', fromChatId: String(m.migrate_from_chat_id), toChatId: String(m.chat.id) };
  return null;
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

function mediaOf(m: Record<string, unknown>): InboundMessage['media'] | undefined {
  const pick = (kind: MediaKind, value: unknown): InboundMessage['media'] => {
    const file = Array.isArray(value) ? value[value.length - 1] : value;
    const id = file && typeof file === 'object' ? (file as { file_unique_id?: unknown }).file_unique_id : undefined;
    // file_unique_id is the same for the same file whoever forwards it: the photo's fingerprint.
    return { kind, ...(typeof id === 'string' ? { fingerprint: `tg:${id}` } : {}) };
  };
  if (m.photo) return pick('photo', m.photo);
  if (m.document) return pick('document', m.document);
  if (m.video) return pick('video', m.video);
  if (m.sticker) return pick('sticker', m.sticker);
  if (m.voice) return pick('voice', m.voice);
  if (m.audio) return pick('audio', m.audio);
  if (m.video_note || m.animation || m.location || m.contact || m.poll) return { kind: 'other' };
  return undefined;
}
