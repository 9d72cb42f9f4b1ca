import { describe, expect, it } from 'vitest';
import { connectionChange, retryDelayMs } from '../../bots/whatsapp/connection-state.js';
import { createReadyWatchdog } from '../../bots/whatsapp/ready-watchdog.js';
import type { AdapterTimers } from '../../bots/whatsapp/adapter-options.js';

describe('WhatsApp connection decisions', () => {
  it('a ready connection dropping to TIMEOUT, OPENING or PAIRING is down; CONNECTED while reconnecting is back', () => {
    for (const s of ['TIMEOUT', 'OPENING', 'PAIRING'] as const) expect(connectionChange(s, 'ready')).toBe('down');
    expect(connectionChange('CONNECTED', 'reconnecting')).toBe('back');
  });

  it('ignores what the library handles itself, and states that change nothing', () => {
    expect(connectionChange('CONFLICT', 'ready')).toBeUndefined();
    expect(connectionChange('UNPAIRED', 'ready')).toBeUndefined();
    expect(connectionChange('TIMEOUT', 'starting')).toBeUndefined();
    expect(connectionChange('CONNECTED', 'ready')).toBeUndefined();
  });

  it('backs off doubling from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((f) => retryDelayMs(f))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(30)).toBe(300_000);
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 250 })).toBe(250);
  });
});

describe('ready watchdog', () => {
  function manualTimers() {
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers: AdapterTimers = {
      setTimeout: (fn) => (pending.set(++next, fn), next),
      clearTimeout: (h) => void pending.delete(h as number),
    };
    const fireAll = () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
    };
    return { timers, pending, fireAll };
  }

  it('says what did not happen when it expires, and only once per arming', () => {
    const t = manualTimers();
    const expired: string[] = [];
    const w = createReadyWatchdog(t.timers, 180_000, (r) => expired.push(r));
    w.arm('ready did not follow authenticated');
    t.fireAll();
    expect(expired).toEqual(['ready did not follow authenticated within 180 s']);
  });

  it('re-arming replaces the timer; disarming cancels it', () => {
    const t = manualTimers();
    const expired: string[] = [];
    const w = createReadyWatchdog(t.timers, 5_000, (r) => expired.push(r));
    w.arm('first');
    w.arm('second');
    expect(t.pending.size).toBe(1);
    t.fireAll();
    expect(expired).toEqual(['second within 5 s']);
    w.arm('third');
    w.disarm();
    t.fireAll();
    expect(expired).toHaveLength(1);
  });
});
