import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, watchIntake, type Harness, type IntakeWatch } from '../helpers/saring.js';
import { officialHoax } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { STAMP_COLOURS } from '../../src/media/clarification-card.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const HOAX = 'Mulai besok semua warga wajib menukarkan KTP lama ke kantor desa sebelum jam dua belas siang atau bansos dicabut permanen';

describe('shy group mode: the bot answers only copies of clarified hoaxes', () => {
  let h: Harness;
  const groupId = -4_000_001;
  const adminId = 8_300_001;
  let admin: ReturnType<Harness['emulator']['server']['getClient']>;
  let member: ReturnType<Harness['emulator']['server']['getClient']>;
  const bot = () => h.emulator.botMessagesTo(groupId);

  let claimId: number;
  let intake: IntakeWatch;
  /** The intake's message with this text, from a person or (`bot`) from another bot. */
  const saying = (text: string, bot = false) => (m: { text: string; sender: { isBot: boolean } }) => m.text === text && m.sender.isBot === bot;

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL });
    intake = watchIntake(h);
    await seedRegions(h);
    ({ claimId } = await officialHoax(
      h,
      HOAX,
      'Tidak ada penukaran KTP lama. Dukcapil Merangin menegaskan KTP-el tetap berlaku.',
      'Pesan berantai: KTP lama wajib ditukar di kantor desa atau bansos dicabut.',
    ));
    h.emulator.admins.set(String(groupId), new Set([String(adminId)]));
    admin = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: adminId, chatId: groupId, type: 'group', chatTitle: 'KIM Mampun Baru' });
    member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: 8_300_002, chatId: groupId, type: 'group', chatTitle: 'KIM Mampun Baru' });
    await admin.sendCommand(admin.makeCommand('/daftar 15.02.13.2006'));
    await waitFor(() => bot().length === 1, { what: 'registered' });
  });
  afterAll(async () => h?.stop());

  it('stays silent before the group opts in', async () => {
    const from = intake.handled.length;
    await member.sendMessage(member.makeMessage(HOAX));
    await intake.settled(from, [saying(HOAX)], 'the hoax before opt-in');
    expect(bot()).toHaveLength(1);
  });

  it('answers a near copy once, replying to it, and stays silent for everything else', async () => {
    await member.sendCommand(member.makeCommand('/mode waspada'));
    await waitFor(() => bot().length === 2, { what: 'non-admin refused' });
    expect(bot()[1]!.text).toContain('Hanya admin');
    await admin.sendCommand(admin.makeCommand('/mode waspada'));
    await waitFor(() => bot().length === 3, { what: 'mode set' });
    expect(bot()[2]!.text).toContain('WASPADA');

    const from = intake.handled.length;
    const rain = 'Kata pak RT hari ini hujan deras, jangan lupa angkat jemuran ya ibu-ibu semua di grup';
    const related = 'Dukcapil Merangin menegaskan KTP elektronik tetap berlaku seumur hidup dan tidak perlu ditukar';
    const copy = `‼️ ${HOAX.toUpperCase()} ‼️`;
    await member.sendMessage(member.makeMessage(rain));
    await member.sendMessage(member.makeMessage(related));
    await member.sendMessage(member.makeMessage(copy));
    const copyId = h.emulator.userMessageIdsIn(groupId).at(-1);
    // One message: the card the group can forward back, its caption the whole answer with the public page's link.
    const reply = await waitFor(() => bot()[3], { what: 'shy reply', timeoutMs: 20_000 });
    expect(reply.photo).toBeTruthy();
    expect(reply.caption).toContain('[HOAKS]');
    expect(reply.caption).toContain('Dukcapil Merangin');
    expect(reply.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(copyId).toBeDefined();
    expect((reply as unknown as { reply_parameters?: { message_id: number } }).reply_parameters?.message_id).toBe(copyId);
    const card = h.emulator.files.bytesOf(reply.photo!.at(-1)!.file_id)!;
    const { data, info } = await sharp(card).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1080, 1350]);
    expect(`#${[...data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('')}`).toBe(STAMP_COLOURS.hoaks);
    // No "did it help?" in a group: that question is for a resident's own chat.
    expect((reply as unknown as { reply_markup?: unknown }).reply_markup).toBeUndefined();

    // The same copy again the same day, and one from another bot: nothing.
    await member.sendMessage(member.makeMessage(HOAX));
    const otherBot = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: 8_300_003, chatId: groupId, type: 'group' });
    await otherBot.sendMessage({ ...otherBot.makeMessage(HOAX), from: { id: 8_300_003, first_name: 'Bot', username: 'otherbot', is_bot: true } } as never);
    await intake.settled(from, [saying(rain), saying(related), saying(copy), saying(HOAX), saying(HOAX, true)], 'the same copy again and the other bot');
    expect(bot()).toHaveLength(4);
    const rows = await h.saring.database.sql`select state from outbound_messages where purpose = 'shy'`;
    expect(rows).toEqual([{ state: 'sent' }]);
  });
});
