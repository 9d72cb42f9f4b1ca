import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { BOT_API_ERRORS, resident } from '../helpers/telegram.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { REDIS_URL } from '../helpers/services.js';
import { waitFor } from '../helpers/wait.js';

const HOAX = 'Air PDAM Merangin tercemar bakteri berbahaya mulai hari ini jangan diminum sama sekali sampai ada pengumuman lagi';

/**
 * Issue #17 point 5: what Telegram answers to a card edit stays with that card. Before, `edit()` rethrew every
 * error but "not modified", so one refused or deleted card made routeClaim throw on every re-render (no spike
 * alert, later chats never updated), and edits bypassed the per-group pacer.
 */
describe('review card edits against the real Bot API answers', () => {
  let h: Harness;
  let redis: Redis;
  let desaMods: Awaited<ReturnType<typeof moderatorGroup>>;
  let kabMods: Awaited<ReturnType<typeof moderatorGroup>>;
  let reported = 0;

  beforeAll(async () => {
    h = await startHarness({ SPIKE_MIN_REPORTS: '3', SPIKE_MIN_DESA: '1' });
    redis = new Redis(REDIS_URL);
    await seedRegions(h);
    desaMods = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    kabMods = await moderatorGroup(h, { name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
  });
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  });

  const cards = () => h.emulator.botMessagesTo(desaMods.groupId).filter((m) => m.text.startsWith('KLAIM #'));
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);

  /** One more resident of the desa reports the same message (a new ticket, one more report on the card). */
  async function report(): Promise<number> {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).length > 0, { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(`${HOAX} ${'!'.repeat(reported % 3)}`));
    await waitFor(() => texts(r.chatId).some((t) => /T-\d+/.test(t)), { what: 'ticket' });
    return ++reported;
  }

  it('keeps routing when Telegram refuses a card edit: the spike alert still goes out', async () => {
    await report();
    await waitFor(() => cards()[0]?.text.includes('Laporan: 1'), { what: 'first card' });
    h.emulator.failNext('editMessageText', BOT_API_ERRORS.badEntities, { chatId: desaMods.groupId, times: 1_000 });
    await report();
    await report();
    await waitFor(() => texts(kabMods.groupId).some((t) => t.includes('LONJAKAN LAPORAN')), { what: 'spike alert despite the refused edits', timeoutMs: 20_000 });
    expect(cards()).toHaveLength(1);
    h.emulator.clearFaults();
  });

  it('re-renders after a 429 once retry_after has passed', async () => {
    h.emulator.failNext('editMessageText', BOT_API_ERRORS.tooMany(1), { chatId: desaMods.groupId });
    const n = await report();
    await waitFor(() => cards()[0]?.text.includes(`Laporan: ${n}`), { what: 'card edited after the flood wait', timeoutMs: 20_000 });
    const edits = h.emulator.calls.filter((c) => c.method === 'editMessageText' && String(c.params.chat_id) === String(desaMods.groupId));
    expect(edits.length).toBeGreaterThanOrEqual(2);
  });

  it('takes a slot of the chat pacer for every edit, like every send to that group', async () => {
    const chatKey = h.saring.services.identity.chatKey('telegram', String(desaMods.groupId));
    const slots = await redis.zrange(`${h.env.QUEUE_PREFIX}:pace:telegram:${chatKey}`, 0, -1);
    expect(slots.some((token) => token.startsWith('edit-'))).toBe(true);
  });

  it('posts a new card when a moderator deleted the old one, and edits that one from then on', async () => {
    const old = cards()[0]!;
    h.emulator.deleteBotMessage(desaMods.groupId, old.message_id!);
    const n = await report();
    const fresh = await waitFor(() => cards().find((c) => c.text.includes(`Laporan: ${n}`)), { what: 'a new card', timeoutMs: 20_000 });
    expect(fresh.message_id).not.toBe(old.message_id);
    const next = await report();
    await waitFor(() => cards().find((c) => c.message_id === fresh.message_id)?.text.includes(`Laporan: ${next}`), { what: 'the new card edited', timeoutMs: 20_000 });
    expect(cards()).toHaveLength(1);
  });
});
