import { TelegramError } from 'telegraf';
import { SendError } from '../../src/domain/chat-adapter.js';

/**
 * 400s and 403s whose description says the chat itself is out of reach: the group removed or blocked the bot,
 * the chat or user no longer exists, or the bot may not write there. Every other 400 is about the one message.
 */
const CHAT_GONE = [
  /bot was blocked by the user/i,
  /bot was kicked/i,
  /bot is not a member/i,
  /user is deactivated/i,
  /chat not found/i,
  /group chat was deactivated/i,
  /peer_id_invalid/i,
  /bot can't initiate conversation/i,
  /bot can't send messages to bots/i,
  /have no rights to send/i,
  /not enough rights to send/i,
];
const MESSAGE_GONE = [/message to edit not found/i, /message_id_invalid/i, /message can't be edited/i];

/**
 * Telegram's answer decides what happens next (see SendErrorKind). A 400 is read by its description and its
 * `parameters`: a group upgraded to a supergroup answers 400 with `migrate_to_chat_id`, a deleted card 400
 * "message to edit not found", a bad entity 400 about that message only; none of these means the chat is gone.
 */
export function toSendError(err: unknown): SendError {
  if (!(err instanceof TelegramError)) {
    // FetchError, ECONNREFUSED, a timeout: the network, not Telegram's verdict.
    return new SendError(err instanceof Error ? err.message : String(err), 'transient');
  }
  const description = err.description ?? err.message;
  const migratedTo = err.parameters?.migrate_to_chat_id;
  if (migratedTo !== undefined) return new SendError(err.message, 'migrated', undefined, String(migratedTo));
  if (err.code === 429) return new SendError(err.message, 'rate_limited', Number(err.parameters?.retry_after ?? 1) * 1000);
  if (err.code === 403) return new SendError(err.message, 'permanent');
  if (err.code === 400) {
    if (CHAT_GONE.some((re) => re.test(description))) return new SendError(err.message, 'permanent');
    if (MESSAGE_GONE.some((re) => re.test(description))) return new SendError(err.message, 'message_gone');
    return new SendError(err.message, 'rejected');
  }
  // 5xx, 502 from the front end during an outage, 401/404/409 while an operator fixes the token: try again later.
  return new SendError(err.message, 'transient', err.parameters?.retry_after !== undefined ? err.parameters.retry_after * 1000 : undefined);
}

/** "message is not modified": the card already shows this text, which is what an idempotent re-render wanted. */
export function isNotModified(err: unknown): boolean {
  return err instanceof TelegramError && err.code === 400 && /message is not modified/i.test(err.description ?? err.message);
}
