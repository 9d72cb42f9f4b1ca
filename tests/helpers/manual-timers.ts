import type { AdapterTimers } from '../../bots/whatsapp/adapter-options.js';

/**
 * A controllable clock for the WhatsApp adapter's timers: nothing fires until the test calls advance().
 * Watchdogs of minutes are then tested without waiting and without wall-clock assertions.
 */
export class ManualTimers implements AdapterTimers {
  nowMs = Date.now();
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.nowMs;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.nowMs + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock by `ms`, firing what falls due in order (including timers set while firing). */
  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const next = [...this.pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.nowMs = Math.max(this.nowMs, next[1].at);
      next[1].fn();
    }
    this.nowMs = until;
  }

  /** Timers waiting, for asserting that a watchdog is armed. */
  count(): number {
    return this.pending.size;
  }
}
