import type { Logger } from 'pino';
import type { AdapterState } from '../../src/domain/chat-adapter.js';
import type { ChoiceStore } from './choice-store.js';
import type { SendPacerOptions } from './send-pacer.js';

export interface WhatsAppAdapterOptions {
  logger: Logger;
  now?: () => number;
  /** How the adapter waits for a pacing slot; with `now`, a controllable clock for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Reconnect backoff: base doubles per failure up to max (defaults 2 s → 5 min). */
  retry?: { baseMs?: number; maxMs?: number };
  /** Per-number floor between sends (defaults ≥ 3 s + up to 1.5 s jitter); tests set ~0. */
  pacing?: SendPacerOptions;
  /** How long "typing…" shows before each part (default 1200 ms). */
  typingMs?: number;
  choices?: ChoiceStore;
  /** Where the terminal QR goes (default stdout: the operator scans it from the console). */
  printQr?: (ascii: string) => void;
  downloadTimeoutMs?: number;
  /** A hung browser must not block reconnecting forever (default 15 s). */
  destroyTimeoutMs?: number;
}

export interface WhatsAppStatus {
  state: AdapterState;
  lastError: string | undefined;
  failures: number;
  nextRetryAt: Date | undefined;
}
