import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { claims, reports } from '../../src/db/schema/index.js';
import { id as t } from '../../src/domain/messages/id.js';
import type { Harness } from '../helpers/saring.js';
import { startHarnessWithKnownClaims } from '../helpers/known-claims.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

// tests/fixtures/claims.jsonl: ext-vaksin-chip, verified hoaks.
const VERIFIED =
  'Beredar pesan berantai bahwa vaksin booster COVID-19 mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga';

describe('chain-letter tails, bare questions and small talk, over the Bot API emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarnessWithKnownClaims();
  });
  afterAll(async () => h?.stop());

  // The emulator numbers a user message when its webhook call returns: two sent at once get one message id.
  const settle = () => new Promise((res) => setTimeout(res, 300));
  const replies = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const claimCount = async () => (await h.saring.database.db.select({ n: sql<number>`count(*)::int` }).from(claims))[0]?.n ?? 0;

  it('answers a copy of a verified hoax with "jgn lupa share" added automatically', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(`${VERIFIED}. Jgn lupa share ke semua grup ya!!`));
    const reply = await waitFor(() => replies(r.chatId)[0], { what: 'first reply' });
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain('Vaksin tidak mengandung chip');
    const [row] = await h.saring.database.db.select().from(reports).where(sql`${reports.rawText} like ${`${VERIFIED}%`}`);
    expect(row?.matchLevel).toBe('auto');
  });

  it('asks for the message itself when a resident only asks "ini hoax bukan?", and files nothing', async () => {
    const before = await claimCount();
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('ini hoax bukan?'));
    const reply = await waitFor(() => replies(r.chatId)[0], { what: 'reply to the question' });
    expect(reply).toBe(t.chatter.askForMessage);
    expect(reply).not.toMatch(/T-\d+/);
    const rows = await h.saring.database.db.select().from(reports).where(eq(reports.rawText, 'ini hoax bukan?'));
    expect(rows).toHaveLength(0);
    expect(await claimCount()).toBe(before);
  });

  it('answers "halo" sent right after a link, without folding it into the link\'s report', async () => {
    const r = resident(h.emulator);
    const link = 'https://bit.ly/cek-bansos-halo';
    await r.client.sendMessage(r.client.makeMessage(link));
    await settle();
    await r.client.sendMessage(r.client.makeMessage('halo'));
    await waitFor(() => (replies(r.chatId).length >= 2 ? true : null), { what: 'ticket and greeting reply' });
    const texts = replies(r.chatId);
    expect(texts.filter((x) => /T-\d+/.test(x))).toHaveLength(1);
    expect(texts).toContain(t.chatter.afterReport);
    const db = h.saring.database.db;
    const ticket = Number(/T-(\d+)/.exec(texts.find((x) => /T-\d+/.test(x)) ?? '')?.[1]);
    const [report] = await db.select().from(reports).where(eq(reports.id, ticket));
    expect(report?.rawText).toBe(link);
    const halo = await db.select().from(reports).where(inArray(reports.rawText, ['halo', `${link}\nhalo`]));
    expect(halo).toHaveLength(0);
    expect(await db.select().from(reports).where(eq(reports.mergedIntoId, ticket))).toHaveLength(0);
  });

  it('a second half of a message sent separately still completes it', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('https://bit.ly/bansos-separuh'));
    await settle();
    await r.client.sendMessage(r.client.makeMessage('daftar bansos 2 juta'));
    await waitFor(() => (replies(r.chatId).some((x) => /T-\d+/.test(x)) ? true : null), { what: 'ticket' });
    const db = h.saring.database.db;
    const part = await waitFor(async () => (await db.select().from(reports).where(eq(reports.rawText, 'daftar bansos 2 juta')))[0], { what: 'the caption stored' });
    const merged = await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, part.id)))[0]?.matchLevel === 'merged' || null, {
      what: 'the caption merged into the link report',
      timeoutMs: 20_000,
    });
    expect(merged).toBe(true);
  });
});
