import { SendError } from '../../src/domain/chat-adapter.js';

/** Puppeteer errors that mean the browser or page is gone: only a new client helps. */
export const BROWSER_GONE = /Session closed|Target closed|Protocol error|detached Frame|Execution context was destroyed|Browser closed/i;
/** whatsapp-web.js errors about the address itself: retrying cannot help. */
const BAD_ADDRESS = /invalid wid|wid error|chat not found|not a valid (chat|wid)/i;

/** Not ready / browser trouble → transient (retry later); a bad or unknown address → permanent. */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const message = errText(err);
  return new SendError(message, BAD_ADDRESS.test(message) ? 'permanent' : 'transient');
}

export function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
