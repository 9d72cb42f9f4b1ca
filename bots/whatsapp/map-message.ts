import { createHash } from 'node:crypto';
import type { InboundMessage, MediaKind } from '../../src/domain/inbound.js';
import type { WaMessage } from './client-types.js';

export type ChatKind = 'private' | 'group';

/** `…@c.us` is a phone-number chat, `…@lid` the newer hidden-number id of the same kind. */
export function chatKindOf(chatId: string): ChatKind | null {
  if (/^[^@\s]+@(c\.us|lid)$/.test(chatId)) return 'private';
  if (/^[^@\s]+@g\.us$/.test(chatId)) return 'group';
  // @broadcast (status and broadcast lists), @newsletter (channels) and anything unknown.
  return null;
}

/** Message types that can carry something to check; notifications, reactions, revokes etc. cannot. */
const MEDIA_KINDS: Record<string, MediaKind> = {
  image: 'photo',
  video: 'video',
  document: 'document',
  sticker: 'sticker',
  ptt: 'voice',
  audio: 'audio',
  location: 'other',
  vcard: 'other',
  multi_vcard: 'other',
  poll_creation: 'other',
};
/**
 * Files downloaded with the message (the browser holds them only now): pictures to read and hash, videos
 * and voice notes for moderators to see. Intake refuses and drops anything over the size limit.
 */
const DOWNLOADED: ReadonlySet<MediaKind> = new Set(['photo', 'document', 'video', 'voice', 'audio']);
/** Types whose body is not the sender's words (vCards hold phone numbers; polls are not claims). */
const BODY_NOT_TEXT = new Set(['location', 'vcard', 'multi_vcard', 'poll_creation']);

/**
 * Why a message never reaches the core, or null when it should. Pure, so every rule is unit-tested.
 * `acceptFromMs`: WhatsApp delivers on reconnecting what arrived while we were offline; what residents
 * wrote during the outage (and shortly before a first start) is answered, an old backlog is not —
 * answering a pile of old messages at once is both confusing and the bulk pattern that gets numbers
 * banned. Undefined: the adapter is not running.
 */
export function skipReason(m: WaMessage, acceptFromMs: number | undefined): string | null {
  if (typeof m.from !== 'string' || !m.id) return 'malformed message';
  if (m.fromMe || m.id.fromMe) return 'own message';
  if (m.isStatus || m.from === 'status@broadcast') return 'status update';
  if (m.broadcast || m.from.endsWith('@broadcast')) return 'broadcast list';
  const kind = chatKindOf(m.from);
  if (!kind) return 'not a private chat or group';
  if (kind === 'group' && !m.author) return 'group message without author';
  if (m.type !== 'chat' && !(m.type in MEDIA_KINDS)) return `unsupported type ${m.type}`;
  if (acceptFromMs === undefined) return 'client not running';
  // Timestamps are whole seconds: compare in seconds so a message of the first second passes.
  if (m.timestamp < Math.floor(acceptFromMs / 1000)) return 'older than the catch-up window';
  return null;
}

const COMMAND = /^([/!])([A-Za-z][A-Za-z0-9_]{0,63})(?:\s+([\s\S]*))?$/;

/**
 * `/status T-12` or `!status T-12` (WhatsApp users often type `!`, the convention of WhatsApp bots).
 * A `!` command must be one short line: pasted chain messages often start with "!Waspada …".
 */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const t = text.trim();
  const m = COMMAND.exec(t);
  if (!m?.[2]) return undefined;
  if (m[1] === '!' && (t.includes('\n') || t.length > 100)) return undefined;
  return { name: m[2], args: (m[3] ?? '').trim() };
}

/** "1", " 2 ", "1." or "*1*" → the chosen number; anything else is not a choice. */
export function parseChoiceReply(text: string): number | undefined {
  const m = /^\s*\*?(\d{1,2})\*?\.?\s*$/.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * A resident who quote-replies to a suspicious message with a few words ("ini benar?", "hoaks
 * ga?") is asking about the quoted message: the report is the quoted text. Comments this short carry
 * nothing checkable (the core never auto-matches under 8 words). Longer own text is kept as is.
 */
export function isShortComment(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && t.split(/\s+/).filter(Boolean).length <= 8;
}

export interface MapOptions {
  /** See skipReason. */
  acceptFromMs: number | undefined;
  /** Media download can hang in the browser; past this the fingerprint falls back to the media key. */
  downloadTimeoutMs?: number;
}

/**
 * whatsapp-web.js Message → InboundMessage, or null for what the core never needs. Async only
 * because media hashing and quoted messages need a round trip to the browser.
 */
export async function mapMessage(m: WaMessage, opts: MapOptions): Promise<InboundMessage | null> {
  if (skipReason(m, opts.acceptFromMs) !== null) return null;
  const kind = chatKindOf(m.from)!;
  const sender = kind === 'group' ? m.author! : m.from;
  const forwarded = Boolean(m.isForwarded);
  const ownText = BODY_NOT_TEXT.has(m.type) ? '' : m.body ?? '';
  const command = forwarded || m.hasMedia ? undefined : parseCommand(ownText);

  const msg: InboundMessage = {
    platform: 'whatsapp',
    // The id without the chat part: `_serialized` embeds the phone number, which we never store.
    messageId: m.id.id,
    chat: { id: m.from, kind },
    sender: { id: sender, isBot: false },
    text: ownText,
    forwarded,
    ...(m.forwardingScore ? { forwardingScore: m.forwardingScore } : {}),
    receivedAt: new Date(Math.min(Date.now(), m.timestamp * 1000 || Date.now())),
    ...(command ? { command } : {}),
  };
  // Group chatter goes to the core (which ignores it) without any extra browser round trips.
  if (kind === 'group' && !command) return { ...msg, ...(mediaKindOf(m) ? { media: { kind: mediaKindOf(m)! } } : {}) };
  if (kind === 'group') {
    // A group command (/daftar, /moderasi) names the KIM group on the dashboard: its public subject.
    const chat = await withTimeout(m.getChat(), opts.downloadTimeoutMs ?? 15_000).catch(() => undefined);
    if (chat?.name) msg.chat.title = chat.name;
  }

  const media = await mediaOf(m, opts.downloadTimeoutMs ?? 15_000);
  if (media) msg.media = media;

  if (kind === 'private' && !command && !m.hasMedia && m.hasQuotedMsg && isShortComment(ownText)) {
    const quoted = await m.getQuotedMessage().catch(() => undefined);
    // Quoting the bot's own message is a reply to us, not a question about a claim.
    if (quoted && !quoted.fromMe && !BODY_NOT_TEXT.has(quoted.type) && (quoted.body.trim() || quoted.hasMedia)) {
      msg.text = quoted.body;
      msg.forwarded = forwarded || Boolean(quoted.isForwarded);
      const score = Math.max(m.forwardingScore || 0, quoted.forwardingScore || 0);
      if (score) msg.forwardingScore = score;
      // No download for a quoted photo: it may be old and expired on WhatsApp's servers.
      const qKind = mediaKindOf(quoted);
      if (qKind) msg.media = { kind: qKind, ...keyFingerprint(quoted) };
    }
  }
  return msg;
}

function mediaKindOf(m: WaMessage): MediaKind | undefined {
  return MEDIA_KINDS[m.type] ?? (m.hasMedia ? 'other' : undefined);
}

async function mediaOf(m: WaMessage, timeoutMs: number): Promise<InboundMessage['media'] | undefined> {
  const kind = mediaKindOf(m);
  if (!kind) return undefined;
  if (m.hasMedia && DOWNLOADED.has(kind)) {
    const media = await withTimeout(m.downloadMedia(), timeoutMs).catch(() => undefined);
    if (media?.data) {
      const bytes = Buffer.from(media.data, 'base64');
      // The same photo forwarded by different residents has the same bytes: that is the fingerprint.
      return {
        kind,
        fingerprint: `wa:sha256:${sha256(bytes)}`,
        content: { data: bytes, mime: media.mimetype },
        ...(media.filesize ? { declaredBytes: media.filesize } : {}),
      };
    }
  }
  return { kind, ...keyFingerprint(m) };
}

/**
 * A forwarded WhatsApp file keeps its media key, so the key identifies the file across a forward
 * chain. Hashed: the key itself decrypts the file and must not be stored.
 */
function keyFingerprint(m: WaMessage): { fingerprint?: string } {
  return m.mediaKey ? { fingerprint: `wa:mediakey:${sha256(m.mediaKey)}` } : {};
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
