import type { InboundCallback } from '../../src/domain/inbound.js';
import type { WaMessage } from './client-types.js';
import type { ChoiceStore } from './choice-store.js';
import { chatKindOf, parseChoiceReply } from './map-message.js';

/**
 * A bare number answering numbered choices we offered in this chat is a button press: the choices
 * of the bot message it quote-replies to, else the latest ones. A number quoting anything else (a
 * bot message without choices, someone's message) is not a choice.
 */
export async function choiceReplyAsCallback(m: WaMessage, choices: ChoiceStore): Promise<InboundCallback | undefined> {
  if (m.type !== 'chat' || m.isForwarded) return undefined;
  const n = parseChoiceReply(m.body);
  if (n === undefined) return undefined;
  const quoted = m.hasQuotedMsg ? await m.getQuotedMessage().catch(() => undefined) : undefined;
  // When the quote cannot be read, the latest offer is the best guess (what a bare digit means).
  if (quoted && !(quoted.fromMe || quoted.id.fromMe)) return undefined;
  const offered = await choices.lookup(m.from, quoted?.id.id);
  const choice = offered?.choices[n - 1];
  if (!offered || !choice) return undefined;
  return {
    platform: 'whatsapp',
    callbackId: m.id.id,
    chat: { id: m.from, kind: chatKindOf(m.from) === 'group' ? 'group' : 'private' },
    sender: { id: m.author ?? m.from, isBot: false },
    messageId: offered.messageId,
    // The same data Telegram would carry: the core re-checks it server-side either way.
    data: choice.data,
  };
}
