import { BROWSER_GONE } from './send-errors.js';

/**
 * Whether an unhandled rejection came from whatsapp-web.js or its browser. The library rejects in places
 * nobody awaits: its async `framenavigated` listener re-runs inject(), which throws the bare strings
 * 'auth timeout' / 'ready timeout' (Client.js inject) or puppeteer errors ("Execution context was
 * destroyed", "Target closed"); onAppStateChangedEvent calls destroy() without awaiting it; the async
 * `response` listener of initWebVersionCache reads a body that may be gone.
 */
export function isWhatsAppPageFailure(reason: unknown): boolean {
  if (typeof reason === 'string') return /^(auth|ready) timeout$/.test(reason) || BROWSER_GONE.test(reason);
  if (!(reason instanceof Error)) return false;
  const stack = reason.stack ?? '';
  if (/[\\/]node_modules[\\/](whatsapp-web\.js|puppeteer(-core)?)[\\/]/.test(stack)) return true;
  return BROWSER_GONE.test(reason.message) || /Navigation failed|net::ERR_|Could not load body/i.test(reason.message);
}
