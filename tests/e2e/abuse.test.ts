import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';

/** Updates the emulator has delivered to the webhook (its counter moves once the call returned). */
const webhookCalls = (h: Harness) => (h.emulator.server as unknown as { updateId: number }).updateId;

describe('floods and abusive reporters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ FLOOD_MAX_REPORTS: '3', FLOOD_WINDOW_MINUTES: '10' });
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);

  it('answers a flooding resident up to the limit, then once politely, then not at all', async () => {
    const r = resident(h.emulator);
    for (let i = 0; i < 6; i++) {
      // The emulator numbers a message only once its webhook call has returned, and its client does not wait for
      // that: wait for the delivery, or a slow webhook makes the next message reuse this one's id (a redelivery).
      const delivered = webhookCalls(h);
      await r.client.sendMessage(r.client.makeMessage(`Pesan berantai nomor ${i}: katanya jembatan Bangko ${i} ambruk tadi malam, benarkah begitu?`));
      await waitFor(() => webhookCalls(h) > delivered, { what: `message ${i} delivered` });
      await sleep(150);
    }
    // Waits for what must come (on a loaded machine it can take long), then a little longer for anything that must not.
    await waitFor(() => texts(r.chatId).length >= 4, { what: 'three tickets and the flood notice', timeoutMs: 60_000 });
    await sleep(3000);
    const got = texts(r.chatId);
    expect(got.filter((t) => /Nomor tiket: T-\d+/.test(t))).toHaveLength(3);
    expect(got.filter((t) => t.includes('banyak laporan'))).toHaveLength(1);
    expect(got).toHaveLength(4);
  });

  it('shadow-blocks a reporter through the API: their reports are answered but reach no moderator', async () => {
    const mods = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    const { token } = await h.saring.services.staff.add({ name: 'Moderator API', role: 'moderator', regionCode: '15.02.13.2005' });
    const spammer = resident(h.emulator);
    await spammer.client.sendCommand(spammer.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(spammer.chatId).length === 1, { what: 'desa' });
    await spammer.client.sendMessage(spammer.client.makeMessage('Promo pinjol bunga nol persen, daftar sekarang juga di nomor 0812 3456 7890 sebelum kehabisan kuota'));
    const ticket = await waitFor(() => /T-(\d+)/.exec(texts(spammer.chatId)[1] ?? '')?.[1], { what: 'ticket' });
    await waitFor(() => h.emulator.botMessagesTo(mods.groupId).some((m) => m.text.includes('pinjol')), { what: 'card' });

    const unauth = await fetch(`${h.saring.url}/api/reports/${ticket}/block-reporter`, { method: 'POST' });
    expect(unauth.status).toBe(401);
    const res = await fetch(`${h.saring.url}/api/reports/${ticket}/block-reporter`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);

    const cardsBefore = h.emulator.botMessagesTo(mods.groupId).filter((m) => m.text.startsWith('KLAIM #')).length;
    await spammer.client.sendMessage(spammer.client.makeMessage('Arisan online untung dua kali lipat dalam seminggu, transfer dulu ke rekening panitia desa kita ya'));
    await waitFor(() => texts(spammer.chatId).length === 3, { what: 'second ticket' });
    expect(texts(spammer.chatId)[2]).toMatch(/Nomor tiket: T-\d+/);
    await sleep(2000);
    expect(h.emulator.botMessagesTo(mods.groupId).filter((m) => m.text.startsWith('KLAIM #'))).toHaveLength(cardsBefore);
    const [row] = await h.saring.database.sql`select claim_id, match_level, raw_text from reports order by id desc limit 1`;
    expect(row).toMatchObject({ claim_id: null, match_level: 'blocked' });
    expect(row!.raw_text).toContain('Arisan online');
  });
});
