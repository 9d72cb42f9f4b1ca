import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { broadcastMessage } from '../../src/domain/clarification.js';
import { id as t } from '../../src/domain/messages/id.js';
import { dailyCapWait, whatsappBroadcastBody, whatsappBroadcastRule } from '../../src/services/whatsapp-broadcast-policy.js';

const verdict = { verdict: 'hoaks' as const, kind: 'official' as const, clarification: 'Tidak benar.', sources: ['https://merangin.go.id/k'] };

describe('point 8: WhatsApp broadcast policy (ban risk)', () => {
  it('is configurable, with slow defaults: ≥ 20 s + up to 40 s jitter between broadcast messages, ≤ 200 a day', () => {
    expect(loadConfig({}).whatsapp.broadcast).toEqual({ dailyCap: 200, minIntervalMs: 20_000, jitterMs: 40_000 });
    expect(
      loadConfig({ WHATSAPP_BROADCAST_DAILY_CAP: '50', WHATSAPP_BROADCAST_INTERVAL_SECONDS: '60', WHATSAPP_BROADCAST_JITTER_SECONDS: '30' }).whatsapp.broadcast,
    ).toEqual({ dailyCap: 50, minIntervalMs: 60_000, jitterMs: 30_000 });
  });

  it('spaces broadcast messages by the floor plus a jitter that differs per message and stays the same for one message', () => {
    const policy = { dailyCap: 200, minIntervalMs: 20_000, jitterMs: 40_000 };
    const gaps = Array.from({ length: 50 }, (_, i) => whatsappBroadcastRule(policy, `bc7-chat${i}`).minIntervalMs);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(20_000);
      expect(g).toBeLessThan(60_000);
    }
    expect(new Set(gaps).size).toBeGreaterThan(40);
    expect(whatsappBroadcastRule(policy, 'bc7-chat3')).toEqual(whatsappBroadcastRule(policy, 'bc7-chat3'));
  });

  it('waits (never fails) once the number sent its daily cap', () => {
    const policy = { dailyCap: 2, minIntervalMs: 0, jitterMs: 0 };
    expect(dailyCapWait(policy, 1)).toBe(0);
    expect(dailyCapWait(policy, 2)).toBeGreaterThan(0);
  });

  it('gives consecutive groups different greeting and closing lines from the catalogue, around the same clarification', () => {
    const bodies = [0, 1, 2, 3].map((i) => whatsappBroadcastBody((closing) => broadcastMessage(verdict, 'Kabar bohong', closing), 9, i));
    const first = bodies.map((b) => b.split('\n')[0]!);
    const last = bodies.map((b) => b.split('\n').at(-1)!);
    for (const g of first) expect(t.broadcastVariants.greetings).toContain(g);
    for (const c of last) expect(t.broadcastVariants.closings).toContain(c);
    expect(new Set(first).size).toBe(4);
    expect(new Set(last).size).toBe(4);
    for (const b of bodies) expect(b).toContain('📢 KLARIFIKASI RESMI DISKOMINFO');
  });
});
