import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { registerGroups } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { digitsOnly, tappable } from '../helpers/linkify.js';
import { waitFor } from '../helpers/wait.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';

const SCAM =
  'SELAMAT! Warga terpilih menerima BANSOS KEMENSOS Rp 2.400.000. Segera daftar di https://bansos-kemensos.id-daftar.xyz/daftar ' +
  'dan konfirmasi ke admin wa.me/6281234567890 sebelum kuota habis, isi nama NIK dan nomor rekening Anda';
// A moderator names the scam's link and number to warn about them: that must not make them tappable either.
const CLARIFICATION =
  'PENIPUAN. Kemensos tidak pernah membuka pendaftaran bansos lewat bansos-kemensos.id-daftar.xyz atau WhatsApp 0812-3456-7890. Jangan isi data apa pun.';
const SOURCE = 'https://merangin.go.id/klarifikasi-bansos';
const PHONE_DIGITS = '81234567890';

/** A message is safe when, apart from its official source line, nothing in it is tappable and no full number is left. */
function expectScamSafe(text: string) {
  const withoutSource = text.replace(`Sumber: ${SOURCE}`, '');
  expect(tappable(withoutSource), text).toEqual([]);
  expect(digitsOnly(text), text).not.toContain(PHONE_DIGITS);
  expect(text).not.toMatch(/bansos-kemensos\.id-daftar\.xyz/);
}

describe('scam-safe quoting in what groups receive', () => {
  let h: Harness;
  let claimId = 0;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };

  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
    // The scam as a resident reported it, with an official verdict from Diskominfo.
    const [claim] = await h.saring.database.sql<{ id: number }[]>`
      insert into claims (text, basic_text, basic_hash, region_code, status)
      values (${SCAM}, ${SCAM.toLowerCase()}, ${`scam-${Date.now()}`}, '15.02', 'verified') returning id`;
    claimId = claim!.id;
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    await h.saring.services.verdicts.publish({ claimId, verdict: 'penipuan', clarification: CLARIFICATION, sources: [SOURCE], actor });
  });
  afterAll(async () => h?.stop());

  it('a broadcast quotes the scam with its link defanged and its number masked', async () => {
    const [group] = await registerGroups(h, ['15.02.13.2001']);
    const b = await h.saring.services.broadcasts.start({ claimId, regions: ['15.02.13'], platforms: ['telegram'], actor });
    await waitFor(async () => (await h.saring.services.broadcasts.status(b.id, actor)).status === 'done', { what: 'broadcast done', timeoutMs: 20_000 });
    const [sent] = h.emulator.botMessagesTo(group!.telegramChatId);
    expect(sent!.text).toContain('KLARIFIKASI RESMI DISKOMINFO');
    expect(sent!.text).toContain('hxxps://bansos-kemensos[.]id-daftar[.]xyz/daftar');
    expect(sent!.text).toContain(`Sumber: ${SOURCE}`);
    expectScamSafe(sent!.text);
    // The ledger holds what was sent, no more.
    const [row] = await h.saring.database.sql`select body from outbound_messages where broadcast_id = ${b.id}`;
    expectScamSafe(String(row!.body));
  });

  it('a verdict given without a summary publishes the masked, defanged pre-fill', async () => {
    const feed = (await h.saring.app!.inject({ url: '/claimreview.json' })).json() as Array<{ url: string; claimReviewed: string }>;
    const review = feed.find((c) => c.url.endsWith(`/klarifikasi/${claimId}`))!;
    expect(review.claimReviewed).toContain('hxxps://bansos-kemensos[.]id-daftar[.]xyz/daftar');
    expect(review.claimReviewed).toContain('Rp 2.400.000');
    expectScamSafe(review.claimReviewed);
  });

  it('a shy-mode reply to a copy of the scam in a group carries neither', async () => {
    const groupId = -4_100_001;
    const adminId = 8_400_001;
    h.emulator.admins.set(String(groupId), new Set([String(adminId)]));
    const admin = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: adminId, chatId: groupId, type: 'group', chatTitle: 'KIM Tanjung Lamin' });
    await admin.sendCommand(admin.makeCommand('/daftar 15.02.13.2001'));
    await waitFor(() => h.emulator.botMessagesTo(groupId).length === 1, { what: 'registered' });
    await admin.sendCommand(admin.makeCommand('/mode waspada'));
    await waitFor(() => h.emulator.botMessagesTo(groupId).length === 2, { what: 'shy mode on' });
    const member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: 8_400_002, chatId: groupId, type: 'group', chatTitle: 'KIM Tanjung Lamin' });
    await member.sendMessage(member.makeMessage(SCAM));
    const reply = await waitFor(() => h.emulator.botMessagesTo(groupId)[2], { what: 'shy reply' });
    expect(reply.text).toContain('[PENIPUAN]');
    expect(reply.text).toContain('bansos-kemensos[.]id-daftar[.]xyz');
    expectScamSafe(reply.text);
  });
});
