import type { Logger } from 'pino';
import type { AdapterState } from '../../src/domain/chat-adapter.js';
import type { ChoiceStore } from './choice-store.js';
import type { SendPacerOptions } from './send-pacer.js';

/** The adapter's timers, so tests drive the watchdogs with a controllable clock instead of waiting. */
export interface AdapterTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: AdapterTimers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout | undefined);
  },
};

export interface WhatsAppAdapterOptions {
  logger: Logger;
  now?: () => number;
  /** Watchdogs, reconnect backoff and the ack wait run on these (default: Node's timers). */
  timers?: AdapterTimers;
  /** How the adapter waits for a pacing slot; with `now`, a controllable clock for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Reconnect backoff: base doubles per failure up to max (defaults 2 s → 5 min). */
  retry?: { baseMs?: number; maxMs?: number };
  /**
   * `ready` must follow `authenticated` within this, and a dropped connection (`change_state`
   * TIMEOUT/OPENING) must come back within this; else the client is replaced (default 3 min).
   */
  readyTimeoutMs?: number;
  /** initialize() (Chromium launch + `page.goto` with the library's `timeout: 0`) is abandoned after this (default 2 min). */
  initTimeoutMs?: number;
  /** How long send() waits for WhatsApp's server to accept a message (ACK_SERVER) before reporting it unconfirmed (default 10 s). */
  ackWaitMs?: number;
  /**
   * Messages written while the bot was down are answered when WhatsApp delivers them on reconnecting:
   * those since the outage began, and at the first start those of this long before it (default 1 h).
   */
  catchUpMs?: number;
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
