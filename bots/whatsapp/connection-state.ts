import type { AdapterState } from '../../src/domain/chat-adapter.js';
import type { WaState } from './client-types.js';

/** States whatsapp-web.js keeps the client through while the socket is not connected (Client.js ACCEPTED_STATES minus CONNECTED). */
const CONNECTION_DOWN: ReadonlySet<WaState> = new Set(['TIMEOUT', 'OPENING', 'PAIRING']);

/**
 * What a `change_state` means for a client the adapter holds: `down` — a ready connection dropped but the
 * library keeps the client (sends must wait, not go into a dead socket); `back` — the dropped connection is
 * CONNECTED again. Other states (CONFLICT, UNPAIRED…) mean nothing here: the library then emits
 * `disconnected` and destroys the client itself.
 */
export function connectionChange(state: WaState, current: AdapterState): 'down' | 'back' | undefined {
  if (state === 'CONNECTED' && current === 'reconnecting') return 'back';
  if (CONNECTION_DOWN.has(state) && current === 'ready') return 'down';
  return undefined;
}

/** Reconnect backoff: `baseMs` doubling per consecutive failure, at most `maxMs` (defaults 2 s → 5 min). */
export function retryDelayMs(failures: number, retry: { baseMs?: number; maxMs?: number } = {}): number {
  const base = retry.baseMs ?? 2_000;
  return Math.min(retry.maxMs ?? 300_000, base * 2 ** Math.min(failures - 1, 20));
}
