import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';

const HOAX = 'Pabrik sawit di Pamenang Barat membuang limbah ke sungai Merangin sehingga ikan mati dan air sungai beracun jangan dipakai mandi';
const VARIANTS = [
  HOAX,
  `SEBARKAN!! ${HOAX.replace('sehingga', 'jadi')}!!`,
  `info dari grup sebelah: ${HOAX.replace('jangan dipakai mandi', 'jangan dipakai untuk mandi')}`,
];

describe('moderation over the Bot API emulator: routing, verdicts, answers and corrections', () => {
  let h: Harness;
  let desaMods: Awaited<ReturnType<typeof moderatorGroup>>;
  let kecMods: Awaited<ReturnType<typeof moderatorGroup>>;
  const residents: Array<ReturnType<typeof resident>> = [];
  let claimId = 0;
  /** The service's clock runs this far ahead of the real one: the test moves time to pass review deadlines. */
  let clockSkewMs = 0;

  beforeAll(async () => {
    h = await startHarness({ SPIKE_MIN_REPORTS: '3', SPIKE_MIN_DESA: '1' }, { now: () => new Date(Date.now() + clockSkewMs) });
    await seedRegions(h);
    desaMods = await moderatorGroup(h, { name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    kecMods = await moderatorGroup(h, { name: 'KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' });
  });
  afterAll(async () => h?.stop());

  const cardIn = (groupId: number) => h.emulator.botMessagesTo(groupId).find((m) => m.text.startsWith('KLAIM #'));
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);

  it('routes three residents of one desa to one card in their desa moderators chat, counting 3', async () => {
    for (const text of VARIANTS) {
      const r = resident(h.emulator);
      residents.push(r);
      await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
      await waitFor(() => texts(r.chatId).some((t) => t.includes('Simpang Limbur Merangin')), { what: '/desa saved' });
      await r.client.sendMessage(r.client.makeMessage(text));
      await waitFor(() => texts(r.chatId).some((t) => /T-\d+/.test(t)), { what: 'ticket' });
    }
    const card = await waitFor(() => (cardIn(desaMods.groupId)?.text.includes('Laporan: 3') ? cardIn(desaMods.groupId) : null), { what: 'card with 3 reports', timeoutMs: 15_000 });
    expect(h.emulator.botMessagesTo(desaMods.groupId).filter((m) => m.text.startsWith('KLAIM #'))).toHaveLength(1);
    expect(card.text).toContain('dari 1 desa');
    expect(card.text).toContain('Kemungkinan hoaks: ');
    expect(cardIn(kecMods.groupId)).toBeUndefined();
    claimId = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Hoaks', 'Penipuan', 'Menyesatkan', 'Benar', 'Belum terbukti', 'Di luar cakupan', 'Sama dengan klaim lain…']);
    // Reporters' identities never reach moderators.
    for (const r of residents) expect(card.text).not.toContain(String(r.userId));
  });

  it('ignores a forged callback and a moderator of another region', async () => {
    const card = cardIn(desaMods.groupId)!;
    const hoaks = buttonsOf(card).find((b) => b.text === 'Hoaks')!;
    const before = texts(desaMods.groupId).length;
    await desaMods.member.sendCallback(desaMods.member.makeCallbackQuery('forged-token', { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    const outsider = await moderatorGroup(h, { name: 'KIM Kota Besi', role: 'moderator', regionCode: '62.02.01' });
    const intruder = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: outsider.userId, chatId: desaMods.groupId, type: 'group' });
    await intruder.sendCallback(intruder.makeCallbackQuery(hoaks.callback_data, { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    await sleep(1500);
    expect(texts(desaMods.groupId)).toHaveLength(before);
    const refused = await h.saring.database.sql`select count(*)::int as n from audit_events where action = 'callback.refused'`;
    expect(refused[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('publishes a verdict: button → clarification with a link → preview → confirm; every reporter gets it once', async () => {
    const hoaks = buttonsOf(cardIn(desaMods.groupId)!).find((b) => b.text === 'Hoaks')!;
    await desaMods.member.sendCallback(desaMods.member.makeCallbackQuery(hoaks.callback_data, { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    await waitFor(() => texts(desaMods.groupId).some((t) => t.includes('Balas pesan ini')), { what: 'prompt' });
    await desaMods.member.sendMessage(
      desaMods.member.makeMessage('Tidak ada pencemaran. DLH Merangin sudah menguji air sungai dan hasilnya aman. https://merangin.go.id/dlh/uji-air'),
    );
    const preview = await waitFor(() => h.emulator.botMessagesTo(desaMods.groupId).find((m) => m.text.startsWith('Pratinjau')), { what: 'preview' });
    expect(preview.text).toContain('[HOAKS]');
    const confirm = buttonsOf(preview).find((b) => b.text === 'Terbitkan')!;
    await desaMods.member.sendCallback(desaMods.member.makeCallbackQuery(confirm.callback_data, { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    await waitFor(() => texts(desaMods.groupId).some((t) => t.includes('terbit')), { what: 'published' });
    // A replayed confirm does nothing.
    await desaMods.member.sendCallback(desaMods.member.makeCallbackQuery(confirm.callback_data, { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    for (const r of residents) {
      await waitFor(() => texts(r.chatId).some((t) => t.includes('[HOAKS]')), { what: 'answer to resident' });
    }
    await sleep(2000);
    for (const r of residents) {
      const answers = texts(r.chatId).filter((t) => t.includes('[HOAKS]'));
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain('DLH Merangin');
      expect(answers[0]).toContain('https://merangin.go.id/dlh/uji-air');
    }
    await waitFor(() => cardIn(desaMods.groupId)?.text.includes('Sudah diputuskan: [HOAKS]'), { what: 'card shows verdict' });
  });

  it('answers a fourth resident reporting later at intake', async () => {
    const r = resident(h.emulator);
    residents.push(r);
    await r.client.sendMessage(r.client.makeMessage(HOAX));
    const first = await waitFor(() => texts(r.chatId)[0], { what: 'first reply' });
    expect(first).toContain('[HOAKS]');
    expect(first).toContain('DLH Merangin');
  });

  it('corrects every resident exactly once when Diskominfo publishes a different official verdict', async () => {
    const diskominfo = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const result = await h.saring.services.verdicts.publish({
      claimId,
      verdict: 'menyesatkan',
      clarification: 'Ada ikan mati di satu titik karena kemarau, bukan limbah pabrik; air sungai tetap aman dipakai.',
      sources: ['https://merangin.go.id/diskominfo/klarifikasi-sungai'],
      actor: { id: diskominfo.staff.id, role: 'diskominfo', regionCode: '15.02' },
    });
    expect(result).toMatchObject({ answered: 0, corrected: 4 });
    for (const r of residents) await waitFor(() => texts(r.chatId).some((t) => t.startsWith('RALAT')), { what: 'correction' });
    await sleep(1500);
    for (const r of residents) expect(texts(r.chatId).filter((t) => t.startsWith('RALAT'))).toHaveLength(1);
    // A community moderator cannot override the official verdict.
    const moderator = await h.saring.services.staff.byChatUser('telegram', String(desaMods.userId));
    await expect(
      h.saring.services.verdicts.publish({ claimId, verdict: 'benar', clarification: 'x', sources: [], actor: { id: moderator!.id, role: 'moderator', regionCode: '15.02.13.2005' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('escalates an unreviewed claim one level up after the SLA, and alerts Diskominfo on a spike', async () => {
    const kab = await moderatorGroup(h, { name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const text = 'Besok ada pemadaman listrik total di seluruh Kabupaten Merangin selama tiga hari karena gardu induk meledak semalam';
    for (let i = 0; i < 3; i++) {
      const r = resident(h.emulator);
      await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
      await waitFor(() => texts(r.chatId).length > 0, { what: 'desa' });
      await r.client.sendMessage(r.client.makeMessage(text));
      await waitFor(() => texts(r.chatId).length > 1, { what: 'ticket' });
    }
    await waitFor(() => texts(kab.groupId).some((t) => t.includes('LONJAKAN LAPORAN')), { what: 'spike alert', timeoutMs: 15_000 });
    const card = await waitFor(() => h.emulator.botMessagesTo(desaMods.groupId).find((m) => m.text.includes('pemadaman listrik')), { what: 'desa card' });
    const newClaim = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    expect(await h.saring.services.routing.escalateOverdue()).toBe(0);
    // REVIEW_SLA_HOURS (24) + 1 later, nobody has reviewed it.
    clockSkewMs = 25 * 3600_000;
    expect(await h.saring.services.routing.escalateOverdue()).toBe(1);
    const escalated = await waitFor(() => h.emulator.botMessagesTo(kecMods.groupId).find((m) => m.text.includes('pemadaman listrik')), { what: 'kecamatan card' });
    expect(escalated.text).toContain(`KLAIM #${newClaim}`);
    expect(escalated.text).toContain('dinaikkan dari Desa Simpang Limbur Merangin, Kab. Merangin');
    expect(await h.saring.services.routing.escalateOverdue()).toBe(0);
    clockSkewMs = 0;
  });

  it('merges a claim into another with "Sama dengan klaim lain…": its reporter gets the other claim\'s verdict once', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).length === 1, { what: 'desa' });
    await r.client.sendMessage(r.client.makeMessage('Jembatan gantung di Desa Mampun Baru putus tadi pagi dan dua anak sekolah hanyut terbawa arus, mohon doa semua warga'));
    await waitFor(() => texts(r.chatId).length === 2, { what: 'ticket' });
    const card = await waitFor(() => h.emulator.botMessagesTo(desaMods.groupId).find((m) => m.text.includes('Jembatan gantung')), { what: 'card of the new claim' });
    const sameAs = buttonsOf(card).find((b) => b.text.startsWith('Sama dengan'))!;
    await desaMods.member.sendCallback(desaMods.member.makeCallbackQuery(sameAs.callback_data, { message: { chat: { id: desaMods.groupId, type: 'group' } } } as never));
    await waitFor(() => texts(desaMods.groupId).some((t) => t.includes('sama dengan klaim nomor berapa')), { what: 'merge prompt' });
    await desaMods.member.sendMessage(desaMods.member.makeMessage(`#${claimId}`));
    await waitFor(() => texts(desaMods.groupId).some((t) => t.includes(`digabung ke klaim #${claimId}`)), { what: 'merged' });
    const answer = await waitFor(() => texts(r.chatId).find((t) => t.includes('[MENYESATKAN]')), { what: 'verdict of the target claim' });
    expect(answer).toContain('kemarau');
    await sleep(1500);
    expect(texts(r.chatId).filter((t) => t.includes('[MENYESATKAN]'))).toHaveLength(1);
    // The moderators' group has had many messages by now: the card edit waits its turn (20 a minute per group).
    await waitFor(() => h.emulator.botMessagesTo(desaMods.groupId).find((m) => m.message_id === card.message_id)?.text.includes(`Digabung ke klaim #${claimId}`), { what: 'card shows the merge', timeoutMs: 75_000 });
  }, 120_000);
});
