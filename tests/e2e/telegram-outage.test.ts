import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { sleep, waitFor } from '../helpers/wait.js';

type LedgerRow = { id: number; chat_id: number; state: string; attempts: number; next_attempt_at: Date | null; last_error: string | null };

/**
 * Issue #17 point 9: a Telegram outage (the Bot API answering 502) of ten minutes by the service's clock. Before,
 * a 5xx used one of 8 queue attempts (~64 s in all) and the reply was `failed` for good; now the ledger row stays
 * queued with its next try, the reconciler re-queues it when due, and it goes out once Telegram is back.
 */
describe('a Telegram outage loses no reply', () => {
  let h: Harness;
  let skewMs = 0;
  const clock = () => new Date(Date.now() + skewMs);

  beforeAll(async () => {
    // The periodic reconciler is left to the test, which runs it after each move of the clock.
    h = await startHarness({ RECONCILE_INTERVAL_MS: '3600000', OUTBOUND_RETRY_HOURS: '48' }, { now: clock });
  });
  afterAll(async () => h?.stop());

  const ledger = async (chatIds?: number[]) => {
    const rows = await h.saring.database.sql<LedgerRow[]>`select id, chat_id, state, attempts, next_attempt_at, last_error from outbound_messages order by id`;
    return chatIds ? rows.filter((r) => chatIds.includes(r.chat_id)) : rows;
  };
  const chatRowOf = async (userId: number) => {
    const key = h.saring.services.identity.chatKey('telegram', String(userId));
    return (await h.saring.services.repos.people.findChat('telegram', key))!.id;
  };
  /** The clock jumps past every row's next try; the reconciler puts the due rows back on the queue. */
  const nextRound = async (rows: LedgerRow[]) => {
    const latest = Math.max(...rows.map((r) => (r.next_attempt_at ? new Date(r.next_attempt_at).getTime() : 0)));
    skewMs += Math.max(1_000, latest - clock().getTime() + 1_000);
    await h.saring.services.reconciler.run(0);
  };

  it('keeps every reply queued through ten minutes of 502s, then sends each exactly once', async () => {
    h.emulator.setOutage(true);
    const people = [resident(h.emulator, 'Siti'), resident(h.emulator, 'Budi'), resident(h.emulator, 'Wati')];
    for (const [i, p] of people.entries()) {
      await p.client.sendMessage(p.client.makeMessage(`Katanya bantuan sembako dibagikan lewat tautan pendaftaran nomor ${i + 1}, benarkah?`));
    }
    const chatIds = await waitFor(async () => {
      const ids = await Promise.all(people.map((p) => chatRowOf(p.userId).catch(() => undefined)));
      return ids.every((id) => id !== undefined) ? (ids as number[]) : null;
    }, { what: 'chats stored' });
    let rows = await waitFor(async () => {
      const r = await ledger(chatIds);
      return r.length === people.length && r.every((x) => x.attempts >= 1) ? r : null;
    }, { what: 'first failed attempts', timeoutMs: 20_000 });

    const outageStart = clock().getTime();
    while (clock().getTime() - outageStart < 10 * 60_000) {
      const before = new Map(rows.map((r) => [r.id, r.attempts]));
      await nextRound(rows);
      rows = await waitFor(async () => {
        const r = await ledger(chatIds);
        return r.every((x) => x.attempts > before.get(x.id)! || x.state !== 'queued') ? r : null;
      }, { what: 'a retry of every reply', timeoutMs: 20_000 });
      expect(rows.map((r) => r.state)).toEqual(people.map(() => 'queued'));
    }
    // More tries than the queue's 8 attempts, over more than ten minutes: nothing given up, nothing sent.
    for (const r of rows) {
      expect(r.attempts).toBeGreaterThan(8);
      expect(r.last_error).toContain('502');
    }
    for (const p of people) expect(h.emulator.botMessagesTo(p.chatId)).toHaveLength(0);

    h.emulator.setOutage(false);
    await nextRound(rows);
    for (const p of people) await waitFor(() => h.emulator.botMessagesTo(p.chatId).length > 0, { what: 'reply after the outage' });
    // Delayed jobs of the outage still fire: none of them may send a second copy.
    await sleep(2_000);
    await h.saring.services.reconciler.run(0);
    await sleep(500);
    for (const p of people) {
      const got = h.emulator.botMessagesTo(p.chatId);
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toMatch(/T-\d+/);
    }
    expect((await ledger(chatIds)).map((r) => r.state)).toEqual(people.map(() => 'sent'));
  });

  it('gives a reply up only past the retry horizon', async () => {
    h.emulator.setOutage(true);
    const p = resident(h.emulator, 'Rahmat');
    await p.client.sendMessage(p.client.makeMessage('Benarkah ada pemadaman listrik seminggu penuh di seluruh Merangin?'));
    const chatId = await waitFor(() => chatRowOf(p.userId).catch(() => undefined), { what: 'chat stored' });
    const rows = await waitFor(async () => {
      const r = await ledger([chatId]);
      return r.length === 1 && r[0]!.attempts >= 1 ? r : null;
    }, { what: 'first failed attempt', timeoutMs: 20_000 });
    skewMs += 49 * 3_600_000;
    await nextRound(rows);
    const [row] = await waitFor(async () => {
      const r = await ledger([chatId]);
      return r[0]?.state === 'failed' ? r : null;
    }, { what: 'given up', timeoutMs: 20_000 });
    expect(row!.last_error).toContain('gave up after 48 h');
    h.emulator.setOutage(false);
  });
});
