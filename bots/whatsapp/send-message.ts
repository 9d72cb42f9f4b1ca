// whatsapp-web.js is CommonJS whose exports Node cannot list statically: take the default export.
import wweb from 'whatsapp-web.js';
import { SendError, type OutgoingFile, type OutgoingMessage, type SentMessage } from '../../src/domain/chat-adapter.js';
import type { WaMessage, WhatsAppClientLike } from './client-types.js';
import type { AckTracker } from './ack-tracker.js';
import type { QuoteIds } from './quote-ids.js';
import type { ChoiceStore } from './choice-store.js';
import { chatKindOf, type ChatKind } from './map-message.js';
import { quoteOf, renderChoices, splitText } from './outgoing-text.js';
import type { createSendPacer } from './send-pacer.js';

export interface SendContext {
  pacer: ReturnType<typeof createSendPacer>;
  choices: ChoiceStore;
  now: () => number;
  /** Waits for a slot; the adapter's clock (real timers unless a test gives its own). */
  sleep?: (ms: number) => Promise<void>;
  typingMs: number;
  /** Parts of a split message already delivered, so a retried send does not repeat them. */
  partial: Map<string, { ids: string[]; at: number }>;
  acks: AckTracker;
  /** The full id of a recent group message by its short one (quote-ids.ts): what quoting in a group needs. */
  quoteIds?: QuoteIds;
}

/** The first part's id (the ledger's) and every part sent now, for waiting on the server's acks. */
export interface SentParts extends SentMessage {
  parts: Array<Pick<WaMessage, 'id' | 'ack'>>;
}

/**
 * One outgoing message as a person would send it: typing first, long texts in parts on paragraph
 * boundaries, buttons as numbered choices remembered for the reply. Returns the first part's id.
 */
export async function sendAsPerson(client: WhatsAppClientLike, msg: OutgoingMessage, ctx: SendContext): Promise<SentParts> {
  const kind = chatKindOf(msg.chatId);
  if (!kind) throw new SendError('not a WhatsApp chat or group id', 'permanent');
  if (msg.file) return sendFile(client, msg, msg.file, kind, ctx);
  const { text, choices } = renderChoices(msg.text, msg.buttons);
  const parts = splitText(text);
  if (parts.length === 0) throw new SendError('empty message', 'permanent');

  const key = `${msg.chatId}\u0000${text}`;
  const done = ctx.partial.get(key)?.ids ?? [];
  const slots = ctx.pacer.reserve(parts.length - done.length);
  if (!slots.ok) throw new SendError('whatsapp per-number pacing', 'rate_limited', slots.retryAfterMs);
  try {
    const chat = await client.getChatById(msg.chatId);
    if (!chat) throw new SendError('chat not found', 'permanent');
    const ids = [...done];
    const sentParts: SentParts['parts'] = [];
    const wait = ctx.sleep ?? sleep;
    for (let i = done.length; i < parts.length; i++) {
      await wait(slots.slotsAt[i - done.length]! - ctx.now() - ctx.typingMs);
      await chat.sendStateTyping().catch(() => undefined);
      await wait(ctx.typingMs);
      const sent = await client.sendMessage(msg.chatId, parts[i]!, {
        linkPreview: false,
        // Client.js marks the chat seen before every send unless told not to; one upstream release broke
        // every send there, and a bot has nothing to mark as read anyway.
        sendSeen: false,
        ...(i === 0 ? quoteFor(msg, kind, ctx) : {}),
      });
      if (!sent) throw new SendError('chat not found', 'permanent');
      ids.push(sent.id.id);
      ctx.acks.track(sent, ids[0]!);
      sentParts.push(sent);
      ctx.partial.set(key, { ids: [...ids], at: ctx.now() });
    }
    ctx.partial.delete(key);
    await chat.clearState().catch(() => undefined);
    if (choices.length) await ctx.choices.remember(msg.chatId, { messageId: ids[ids.length - 1]!, choices });
    return { messageId: ids[0]!, parts: sentParts };
  } finally {
    const old = ctx.now() - 60 * 60_000;
    for (const [k, v] of ctx.partial) if (v.at < old) ctx.partial.delete(k);
  }
}

/** One picture (or file) with the text as its caption: a single message, paced like any other. */
async function sendFile(client: WhatsAppClientLike, msg: OutgoingMessage, file: OutgoingFile, kind: ChatKind, ctx: SendContext): Promise<SentParts> {
  const slots = ctx.pacer.reserve(1);
  if (!slots.ok) throw new SendError('whatsapp per-number pacing', 'rate_limited', slots.retryAfterMs);
  const chat = await client.getChatById(msg.chatId);
  if (!chat) throw new SendError('chat not found', 'permanent');
  await (ctx.sleep ?? sleep)(slots.slotsAt[0]! - ctx.now());
  const media = new wweb.MessageMedia(file.mime, file.data.toString('base64'), file.filename, file.data.length);
  // Buttons become numbered lines of the caption, answered like those of a text (a card with "did it help?").
  const { text, choices } = renderChoices(msg.text, msg.buttons);
  // A card answering a message quotes it like a text would (a shy-mode reply shows which copy it corrects).
  const sent = await client.sendMessage(msg.chatId, media, { caption: text, sendMediaAsDocument: file.kind !== 'photo', sendSeen: false, ...quoteFor(msg, kind, ctx) });
  if (!sent) throw new SendError('chat not found', 'permanent');
  // Followed like a text's parts: without this the server's ack is never matched and the row stays unconfirmed.
  ctx.acks.track(sent, sent.id.id);
  if (choices.length) await ctx.choices.remember(msg.chatId, { messageId: sent.id.id, choices });
  // Like a text: accepted only once WhatsApp's server acks it (the adapter waits on `parts`).
  return { messageId: sent.id.id, parts: [sent] };
}

function quoteFor(msg: OutgoingMessage, kind: ChatKind, ctx: SendContext): { quotedMessageId?: string } {
  if (!msg.replyToMessageId) return {};
  return quoteOf(msg.chatId, kind, msg.replyToMessageId, ctx.quoteIds?.fullId(msg.chatId, msg.replyToMessageId));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
