import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { buttonsOf } from '../helpers/moderation.js';
import { importWilayah } from '../helpers/regions.js';
import { resident } from '../helpers/telegram.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';

/** The emulator's getMe answers id 666: the bot's own user id in Telegram's updates. */
const BOT_ID = 666;
const SIMPANG_LIMBUR = 'Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin';

/**
 * A KIM group meets the bot: added to the group it explains itself once, /start and /bantuan there say what
 * a group admin can do, and `/daftar NAMA` registers the group after a tap on the full name.
 */
describe('groups: the bot explains itself once and registers by name', () => {
  let h: WhatsAppHarness;
  const groupId = -4_000_001;
  const adminId = 8_300_001;
  const memberId = 8_300_002;
  let updateId = 900_000;

  beforeAll(async () => {
    h = await startWhatsAppHarness({ HOME_REGION: '15.02' });
    await importWilayah(h, { provinces: ['15'], names: [] });
    h.emulator.admins.set(String(groupId), new Set([String(adminId)]));
  }, 60_000);
  afterAll(async () => h?.stop());

  /** What Telegram POSTs to the webhook; the emulator cannot make these service updates itself. */
  const deliver = async (update: Record<string, unknown>) => {
    const res = await fetch(h.env.TELEGRAM_WEBHOOK_URL!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET ?? '' }, body: JSON.stringify({ update_id: updateId++, ...update }) });
    expect(res.status).toBe(200);
  };
  const chat = { id: groupId, type: 'group', title: 'KIM Simpang Limbur' };
  const bot = { id: BOT_ID, is_bot: true, first_name: 'Saring', username: 'TestNameBot' };
  const admin = { id: adminId, is_bot: false, first_name: 'Admin' };
  const added = (old: string, now: string) => ({ my_chat_member: { chat, from: admin, date: Math.floor(Date.now() / 1000), old_chat_member: { user: bot, status: old }, new_chat_member: { user: bot, status: now } } });
  const texts = () => h.emulator.botMessagesTo(groupId).map((m) => m.text);
  const groupHelp = (t: string) => t.startsWith('Halo, saya Saring') && t.includes('/daftar NAMA_DESA') && t.includes('/mode waspada') && t.includes('/berhenti');

  it('explains itself in two lines when added to a Telegram group, once however many times Telegram says so', async () => {
    await deliver(added('left', 'member'));
    await deliver({ message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat, from: admin, new_chat_members: [bot] } });
    await waitFor(() => texts().find(groupHelp), { what: 'welcome' });
    expect(texts()[0]!.split('\n')).toHaveLength(2);
    // Removed and added again: it does not repeat itself.
    await deliver(added('member', 'left'));
    await deliver(added('left', 'administrator'));
    // Someone else joining is not the bot joining.
    await deliver({ message: { message_id: 2, date: Math.floor(Date.now() / 1000), chat, from: admin, new_chat_members: [{ id: 5555, is_bot: false, first_name: 'Warga' }] } });
    await sleep(1_500);
    expect(texts().filter(groupHelp)).toHaveLength(1);
  });

  it('answers /start and /bantuan in a group with what a group admin can do', async () => {
    const member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: memberId, chatId: groupId, type: 'group', chatTitle: chat.title });
    const before = texts().filter(groupHelp).length;
    // One at a time: the emulator numbers messages sent at once alike.
    await member.sendCommand(member.makeCommand('/bantuan'));
    await waitFor(() => texts().filter(groupHelp).length === before + 1, { what: '/bantuan in the group' });
    await member.sendCommand(member.makeCommand('/start'));
    await waitFor(() => texts().filter(groupHelp).length === before + 2, { what: '/start in the group' });
    expect(texts().some((t) => t.includes('/status T-1234'))).toBe(false);
  });

  it('registers the group with /daftar NAMA after its admin taps the full name; a member can do neither', async () => {
    const member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: memberId, chatId: groupId, type: 'group', chatTitle: chat.title });
    const adminClient = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: adminId, chatId: groupId, type: 'group', chatTitle: chat.title });
    await member.sendCommand(member.makeCommand('/daftar Simpang Limbur'));
    await waitFor(() => texts().some((t) => t.includes('Hanya admin grup')), { what: 'refusal' });

    await adminClient.sendCommand(adminClient.makeCommand('/daftar Simpang Limbur'));
    const ask = await waitFor(() => h.emulator.botMessagesTo(groupId).find((m) => m.text === 'Pilih desa/kelurahan grup ini:'), { what: 'pick' });
    const pick = buttonsOf(ask).find((b) => b.text === SIMPANG_LIMBUR);
    expect(pick, JSON.stringify(buttonsOf(ask))).toBeDefined();
    const inGroup = { message: { chat: { id: groupId, type: 'group' } } } as never;
    await member.sendCallback(member.makeCallbackQuery(pick!.callback_data, inGroup));
    await waitFor(() => texts().filter((t) => t.includes('Hanya admin grup')).length === 2, { what: 'member tap refused' });
    expect(await h.saring.database.sql`select 1 from kim_groups`).toHaveLength(0);

    await adminClient.sendCallback(adminClient.makeCallbackQuery(pick!.callback_data, inGroup));
    const done = await waitFor(() => texts().find((t) => t.startsWith('Grup ini terdaftar')), { what: 'registered' });
    expect(done).toContain(`grup KIM ${SIMPANG_LIMBUR}`);
    expect(done).not.toMatch(/\d{2}\.\d{2}\.\d{2}/);
    const [row] = await h.saring.database.sql`select region_code, active from kim_groups`;
    expect(row).toEqual({ region_code: '15.02.13.2005', active: true });
  });

  it('shows staff their commands in private /bantuan, and residents only theirs', async () => {
    await h.saring.services.staff.add({ name: 'KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13', telegramUserId: '8300009' });
    const staff = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: 8_300_009, chatId: 8_300_009, type: 'private' });
    await staff.sendCommand(staff.makeCommand('/bantuan'));
    const staffHelp = await waitFor(() => h.emulator.botMessagesTo(8_300_009)[0], { what: 'staff help' });
    expect(staffHelp.text).toContain('/moderasi');
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/bantuan'));
    const help = await waitFor(() => h.emulator.botMessagesTo(w.chatId)[0], { what: 'resident help' });
    expect(help.text).toContain('/desa NAMA');
    expect(help.text).not.toContain('/moderasi');
  });

  it('explains itself once when its WhatsApp number is added to a group, and registers by name with a numbered reply', async () => {
    const group = waGroup();
    const waAdmin = waUser();
    const wa = h.wa.client();
    wa.setMember(group, waAdmin, 'admin');
    wa.addBotTo(group, waAdmin);
    await h.wa.waitText(group, groupHelp, 'welcome on WhatsApp');
    wa.addBotTo(group, waAdmin);
    await sleep(1_000);
    expect(h.wa.texts(group).filter(groupHelp)).toHaveLength(1);

    h.wa.deliver({ from: group, author: waAdmin, body: '/daftar Simpang Limbur' });
    const ask = await h.wa.waitText(group, (t) => t.startsWith('Pilih desa/kelurahan grup ini:'), 'numbered choice');
    expect(ask).toContain(`Balas 1 untuk ${SIMPANG_LIMBUR}`);
    h.wa.deliver({ from: group, author: waAdmin, body: '1' });
    const done = await h.wa.waitText(group, (t) => t.startsWith('Grup ini terdaftar'), 'registered on WhatsApp');
    expect(done).toContain(SIMPANG_LIMBUR);
  });
});
