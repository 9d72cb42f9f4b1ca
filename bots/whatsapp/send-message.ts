// whatsapp-web.js is CommonJS whose exports Node cannot list statically: take the default export.
import wweb from 'whatsapp-web.js';
import { SendError, type OutgoingFile, type OutgoingMessage, type SentMessage } from '../../src/domain/chat-adapter.js';
import type { WhatsAppClientLike } from './client-types.js';
import type { ChoiceStore } from './choice-store.js';
import { chatKindOf } from './map-message.js';
import { quoteOf, renderChoices, splitText } from './outgoing-text.js';
import type { createSendPacer } from './send-pacer.js';

export interface SendContext {
  pacer: ReturnType<typeof createSendPacer>;
  choices: ChoiceStore;
  now: () => number;
  typingMs: number;
  /** Parts of a split message already delivered, so a retried send does not repeat them. */
  partial: Map<string, { ids: string[]; at: number }>;
}

/**
 * One outgoing message as a person would send it: typing first, long texts in parts on paragraph
 * boundaries, buttons as numbered choices remembered for the reply. Returns the first part's id.
 */
export async function sendAsPerson(client: WhatsAppClientLike, msg: OutgoingMessage, ctx: SendContext): Promise<SentMessage> {
  const kind = chatKindOf(msg.chatId);
  if (!kind) throw new SendError('not a WhatsApp chat or group id', 'permanent');
  if (msg.file) return sendFile(client, msg, msg.file, ctx);
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
    for (let i = done.length; i < parts.length; i++) {
      await sleep(slots.slotsAt[i - done.length]! - ctx.now() - ctx.typingMs);
      await chat.sendStateTyping().catch(() => undefined);
      await sleep(ctx.typingMs);
      const sent = await client.sendMessage(msg.chatId, parts[i]!, {
        linkPreview: false,
        ...(i === 0 && msg.replyToMessageId ? quoteOf(msg.chatId, kind, msg.replyToMessageId) : {}),
      });
      if (!sent) throw new SendError('chat not found', 'permanent');
      ids.push(sent.id.id);
      ctx.partial.set(key, { ids: [...ids], at: ctx.now() });
    }
    ctx.partial.delete(key);
    await chat.clearState().catch(() => undefined);
    if (choices.length) await ctx.choices.remember(msg.chatId, { messageId: ids[ids.length - 1]!, choices });
    return { messageId: ids[0]! };
  } finally {
    const old = ctx.now() - 60 * 60_000;
    for (const [k, v] of ctx.partial) if (v.at < old) ctx.partial.delete(k);
  }
}

/** One picture (or file) with the text as its caption: a single message, paced like any other. */
async function sendFile(client: WhatsAppClientLike, msg: OutgoingMessage, file: OutgoingFile, ctx: SendContext): Promise<SentMessage> {
  const slots = ctx.pacer.reserve(1);
  if (!slots.ok) throw new SendError('whatsapp per-number pacing', 'rate_limited', slots.retryAfterMs);
  const chat = await client.getChatById(msg.chatId);
  if (!chat) throw new SendError('chat not found', 'permanent');
  await sleep(slots.slotsAt[0]! - ctx.now());
  const media = new wweb.MessageMedia(file.mime, file.data.toString('base64'), file.filename, file.data.length);
  const sent = await client.sendMessage(msg.chatId, media, { caption: msg.text, sendMediaAsDocument: file.kind !== 'photo' });
  if (!sent) throw new SendError('chat not found', 'permanent');
  return { messageId: sent.id.id };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
