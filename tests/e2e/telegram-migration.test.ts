import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { BOT_API_ERRORS, resident } from '../helpers/telegram.js';
import { registerGroups } from '../helpers/groups.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

type Ledger = { state: string; last_error: string | null };

/**
 * Issue #17 point 4: a basic group upgraded to a supergroup gets a new id. Before, every 400 was permanent and
 * `migrate_to_chat_id` was ignored, so the KIM group was deactivated and the moderators' chat went silent; any
 * content-level 400 deactivated a group too.
 */
describe('Telegram group → supergroup migration and 400s read by their description', () => {
  let h: Harness;
  let nextSupergroup = -1_001_900_000_000;
  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  const chatRowFor = async (telegramChatId: number) =>
    h.saring.services.repos.people.findChat('telegram', h.saring.services.identity.chatKey('telegram', String(telegramChatId)));
  const ledger = async (key: string) => (await h.saring.database.sql<Ledger[]>`select state, last_error from outbound_messages where idempotency_key = ${key}`)[0];
  const sendTo = (chatId: number, key: string, body: string) =>
    h.saring.services.outbox.send({ key, platform: 'telegram', chatId, purpose: 'broadcast', body });

  it('follows a 400 with migrate_to_chat_id: the KIM group keeps its registration and gets the message', async () => {
    const [group] = await registerGroups(h, ['15.02.13.2005']);
    const supergroup = nextSupergroup--;
    await h.emulator.migrate(group!.telegramChatId, supergroup, { announce: false });
    await sendTo(group!.chatId, 'test-migrated-send', 'Klarifikasi resmi: kabar pemadaman listrik tiga hari tidak benar.');
    await waitFor(() => h.emulator.botMessagesTo(supergroup).some((m) => m.text.startsWith('Klarifikasi resmi')), { what: 'message in the supergroup' });
    // The emulator holds the message a moment before the service has written down that it was sent.
    await waitFor(async () => (await ledger('test-migrated-send'))?.state === 'sent', { what: 'ledger row sent' });
    expect((await chatRowFor(supergroup))?.id).toBe(group!.chatId);
    expect(await chatRowFor(group!.telegramChatId)).toBeUndefined();
    expect(await h.saring.services.repos.groups.byChat(group!.chatId)).toMatchObject({ active: true, regionCode: '15.02.13.2005' });
  });

  it('follows the migrate_to_chat_id service message: the moderators chat and its card move along', async () => {
    const mods = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    const before = await chatRowFor(mods.groupId);
    const hoax = 'Sekolah di Pamenang Barat diliburkan sebulan karena wabah penyakit misterius yang menular lewat udara segera jemput anak';
    const report = async (suffix: string) => {
      const r = resident(h.emulator);
      await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
      await waitFor(() => h.emulator.botMessagesTo(r.chatId).length > 0, { what: '/desa' });
      await r.client.sendMessage(r.client.makeMessage(`${hoax}${suffix}`));
    };
    await report('');
    await waitFor(() => h.emulator.botMessagesTo(mods.groupId).some((m) => m.text.includes('Laporan: 1')), { what: 'card in the basic group' });

    const supergroup = nextSupergroup--;
    await h.emulator.migrate(mods.groupId, supergroup);
    await waitFor(async () => (await chatRowFor(supergroup))?.id === before!.id, { what: 'chat row moved to the supergroup id' });
    const [moderatorChat] = await h.saring.services.repos.moderation.moderatorChatsFor(['15.02.13.2005']);
    expect(moderatorChat?.chatId).toBe(before!.id);

    // The old card's message id means nothing in the supergroup: the next render posts the card there.
    await report('!!');
    await waitFor(() => h.emulator.botMessagesTo(supergroup).some((m) => m.text.startsWith('KLAIM #') && m.text.includes('Laporan: 2')), {
      what: 'card in the supergroup',
      timeoutMs: 20_000,
    });
  });

  it('fails only the message on a content-level 400, and stops sending to a group only when the chat is gone', async () => {
    const [refused, gone] = await registerGroups(h, ['15.02.13.2001', '15.02.13.2002']);
    h.emulator.failNext('sendMessage', BOT_API_ERRORS.badEntities, { chatId: refused!.telegramChatId });
    h.emulator.failNext('sendMessage', BOT_API_ERRORS.chatNotFound, { chatId: gone!.telegramChatId });
    await sendTo(refused!.chatId, 'test-400-content', 'Pesan dengan format yang ditolak.');
    await sendTo(gone!.chatId, 'test-400-gone', 'Pesan ke grup yang sudah tidak ada.');
    await waitFor(async () => (await ledger('test-400-content'))?.state === 'failed', { what: 'refused message failed' });
    await waitFor(async () => (await ledger('test-400-gone'))?.state === 'failed', { what: 'message to a gone chat failed' });
    expect(await h.saring.services.repos.groups.byChat(refused!.chatId)).toMatchObject({ active: true });
    expect(await h.saring.services.repos.groups.byChat(gone!.chatId)).toMatchObject({ active: false });
  });
});
