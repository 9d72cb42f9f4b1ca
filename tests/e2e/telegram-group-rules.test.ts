import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { anonymousAdminMessage, resident, TEST_BOT_ID } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Issue #17 point 10, Telegram: anonymous admins manage their group; /mode waspada is refused while privacy mode
 * keeps group messages from the bot; moderators' prompts use force_reply so the answer reaches a bot in privacy mode.
 */
describe('Telegram group rules that the lenient emulator hid', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const asAnonymousAdmin = (groupId: number, text: string) => h.emulator.server.addUserMessage(anonymousAdminMessage(groupId, text) as never);

  it('lets an anonymous admin (sender_chat = the group) register the group and choose its mode', async () => {
    const groupId = -4_100_001;
    await asAnonymousAdmin(groupId, '/daftar 15.02.13.2006');
    await waitFor(() => texts(groupId).some((t) => t.includes('terdaftar sebagai grup KIM')), { what: 'registered by an anonymous admin' });
    await asAnonymousAdmin(groupId, '/mode waspada');
    await waitFor(() => texts(groupId).some((t) => t.includes('Mode WASPADA aktif')), { what: 'mode set by an anonymous admin' });
  });

  it('refuses /mode waspada while privacy mode hides group messages, and accepts it once the bot is an admin', async () => {
    const groupId = -4_100_002;
    h.emulator.setPrivacyMode(true);
    try {
      await asAnonymousAdmin(groupId, '/daftar 15.02.13.2006');
      await waitFor(() => texts(groupId).length === 1, { what: 'registered' });
      await asAnonymousAdmin(groupId, '/mode waspada');
      const refusal = await waitFor(() => texts(groupId)[1], { what: 'answer to /mode waspada' });
      expect(refusal).toContain('belum bisa membaca pesan');
      const chat = await h.saring.services.repos.people.findChat('telegram', h.saring.services.identity.chatKey('telegram', String(groupId)));
      expect(await h.saring.services.repos.groups.byChat(chat!.id)).toMatchObject({ mode: 'diam' });
      // A bot that is a group admin receives every message, privacy mode or not.
      h.emulator.admins.set(String(groupId), new Set([String(TEST_BOT_ID)]));
      await asAnonymousAdmin(groupId, '/mode waspada');
      await waitFor(() => texts(groupId)[2]?.includes('Mode WASPADA aktif'), { what: 'waspada accepted' });
    } finally {
      h.emulator.setPrivacyMode(false);
    }
  });

  it("asks moderators with force_reply, so their answer arrives although privacy mode is on", async () => {
    const mods = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).length > 0, { what: '/desa' });
    await r.client.sendMessage(r.client.makeMessage('Ada pembagian beras gratis di balai desa besok pagi cukup bawa fotokopi KK dan KTP ke rumah kepala dusun'));
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('KLAIM #')), { what: 'card', timeoutMs: 15_000 });
    h.emulator.setPrivacyMode(true);
    try {
      const hoaks = buttonsOf(card).find((b) => b.text === 'Hoaks')!;
      await mods.member.sendCallback(mods.member.makeCallbackQuery(hoaks.callback_data, { message: { chat: { id: mods.groupId, type: 'group' } } } as never));
      const prompt = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.includes('Balas pesan ini')), { what: 'prompt' });
      const markup = (typeof prompt.reply_markup === 'string' ? JSON.parse(prompt.reply_markup) : prompt.reply_markup) as { force_reply?: boolean } | undefined;
      expect(markup?.force_reply).toBe(true);
      // The Telegram app answers a force_reply message with a reply to it; without one the text would be plain.
      const answer = mods.member.makeMessage('Tidak ada pembagian beras dari desa. Kepala desa sudah membantah. https://merangin.go.id/berita/bantahan-beras', {
        ...(markup?.force_reply ? { reply_to_message: { message_id: prompt.message_id, from: { id: TEST_BOT_ID, is_bot: true, first_name: 'Saring' }, chat: { id: mods.groupId, type: 'group' } } } : {}),
      } as never);
      await mods.member.sendMessage(answer);
      await waitFor(() => texts(mods.groupId).some((t) => t.startsWith('Pratinjau')), { what: 'preview after the forced reply' });
    } finally {
      h.emulator.setPrivacyMode(false);
    }
  });
});
