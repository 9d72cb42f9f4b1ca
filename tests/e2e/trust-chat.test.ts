import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { waitFor } from '../helpers/wait.js';
import { id as t } from '../../src/domain/messages/id.js';

const HOAX = 'Jembatan gantung Desa Simpang Limbur akan dirobohkan minggu depan, warga diminta segera mengungsi dari rumahnya';

/** Red team, chat side: a refused tap burnt the moderator's [Terbitkan]; /masuk codes and private commands had no limits. */
describe('moderators and residents in chat: tokens, codes and flood gates', () => {
  let h: Harness;
  const FLOOD_COMMANDS = 8;

  beforeAll(async () => {
    h = await startHarness({ FLOOD_MAX_GROUP_COMMANDS: String(FLOOD_COMMANDS), TELEGRAM_RATE_CHAT_PER_SEC: '20' });
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const inGroup = { message: { chat: { type: 'group' } } };
  const tapIn = (groupId: number) => ({ message: { chat: { ...inGroup.message.chat, id: groupId } } }) as never;

  it("another staff member's refused tap on [Terbitkan] does not spend the moderator's token", async () => {
    const mods = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    // A second linked moderator of the same region, in the same group.
    const otherUser = 9_300_001;
    await h.saring.services.staff.add({ name: 'Pengurus lain', role: 'moderator', regionCode: '15.02.13.2005', telegramUserId: String(otherUser) });
    const other = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: otherUser, chatId: mods.groupId, type: 'group', firstName: 'Lain' });

    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).some((x) => x.includes('Simpang Limbur Merangin')), { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(HOAX));
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('KLAIM #')), { what: 'card', timeoutMs: 15_000 });
    await mods.member.sendCallback(mods.member.makeCallbackQuery(buttonsOf(card).find((b) => b.text === 'Hoaks')!.callback_data, tapIn(mods.groupId)));
    await waitFor(() => texts(mods.groupId).some((x) => x.includes('Balas pesan ini')), { what: 'prompt' });
    await mods.member.sendMessage(mods.member.makeMessage('Tidak benar. Dinas PU memastikan jembatan aman dan tidak dirobohkan. https://merangin.go.id/pu/jembatan'));
    const preview = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('Pratinjau')), { what: 'preview' });
    const confirm = buttonsOf(preview).find((b) => b.text === 'Terbitkan')!;

    await other.sendCallback(other.makeCallbackQuery(confirm.callback_data, tapIn(mods.groupId)));
    await waitFor(async () => (await h.saring.database.sql`select 1 from audit_events where action = 'callback.refused' and data->>'reason' = 'draft not confirmable by this staff'`).length > 0, { what: 'refusal audited' });
    const [token] = await h.saring.database.sql`select used_at from callback_tokens where token = ${confirm.callback_data}`;
    expect(token!.used_at).toBeNull();

    await mods.member.sendCallback(mods.member.makeCallbackQuery(confirm.callback_data, tapIn(mods.groupId)));
    await waitFor(() => texts(r.chatId).some((x) => x.includes('[HOAKS]')), { what: 'the owner publishes' });
  });

  it('gives 64-bit /masuk codes, stored as an HMAC, not a plain hash', async () => {
    const { staff, linkCode } = await h.saring.services.staff.add({ name: 'KIM Baru', role: 'moderator', regionCode: '15.02.13.2006' });
    expect(linkCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    const [row] = await h.saring.database.sql`select link_code_hash from staff where id = ${staff.id}`;
    const hash = String(row!.link_code_hash);
    for (const plain of [linkCode, linkCode.replace(/-/g, '')]) {
      expect(hash).not.toBe(createHash('sha256').update(plain).digest('hex'));
      expect(hash).not.toContain(plain);
    }
  });

  it('limits /masuk attempts per person: past five, even the right code is refused from that chat', async () => {
    const { linkCode } = await h.saring.services.staff.add({ name: 'KIM Tanjung Lamin', role: 'moderator', regionCode: '15.02.13.2001' });
    const guesser = resident(h.emulator);
    for (let i = 0; i < 5; i++) {
      await guesser.client.sendCommand(guesser.client.makeCommand(`/masuk 0000-0000-0000-000${i}`));
      await waitFor(() => texts(guesser.chatId).length === i + 1, { what: `answer ${i + 1}` });
    }
    expect(texts(guesser.chatId).every((x) => x === t.staff.badCode)).toBe(true);
    await guesser.client.sendCommand(guesser.client.makeCommand(`/masuk ${linkCode}`));
    await waitFor(() => texts(guesser.chatId).length === 6, { what: 'sixth answer' });
    expect(texts(guesser.chatId)[5]).toBe(t.staff.masukTooMany);
    // The code was not used up: its owner links from their own chat, typed in lower case without dashes.
    const owner = resident(h.emulator);
    await owner.client.sendCommand(owner.client.makeCommand(`/masuk ${linkCode.replace(/-/g, '').toLowerCase()}`));
    await waitFor(() => texts(owner.chatId).some((x) => x.includes('tersambung')), { what: 'owner linked' });
  });

  it('limits /masuk attempts per code: many chats guessing around one code are refused too', async () => {
    const { linkCode } = await h.saring.services.staff.add({ name: 'KIM Limbur', role: 'moderator', regionCode: '15.02.13.2002' });
    const near = (i: number) => `${linkCode.slice(0, 10)}00-00${i}${i}`;
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const g = resident(h.emulator);
      await g.client.sendCommand(g.client.makeCommand(`/masuk ${near(i)}`));
      answers.push((await waitFor(() => texts(g.chatId)[0], { what: `answer to chat ${i}` }))!);
    }
    expect(answers.slice(0, 5).every((x) => x === t.staff.badCode)).toBe(true);
    expect(answers[5]).toBe(t.staff.masukTooMany);
  });

  it('puts private commands (/status) behind a flood gate: one notice, then silence', { timeout: 60_000 }, async () => {
    const chatId = 9_400_001;
    const total = FLOOD_COMMANDS + 4;
    // Signed webhook calls, one after the other, each with its own message id (as Telegram numbers them).
    for (let i = 0; i < total; i++) {
      const text = `/status T-${1000 + i}`;
      const res = await fetch(`${h.saring.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET! },
        body: JSON.stringify({
          update_id: 5_000_000 + i,
          message: {
            message_id: 100 + i,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private', first_name: 'W' },
            from: { id: chatId, is_bot: false, first_name: 'W' },
            text,
            entities: [{ type: 'bot_command', offset: 0, length: '/status'.length }],
          },
        }),
      });
      expect(res.status).toBe(200);
    }
    // The ledger holds every answer the bot decided to give this chat (stored before the webhook answered).
    const key = h.saring.services.identity.chatKey('telegram', String(chatId));
    const purposes = (
      await h.saring.database.sql<Array<{ purpose: string }>>`
        select o.purpose from outbound_messages o join chats c on c.id = o.chat_id where c.chat_key = ${key} order by o.id`
    ).map((x) => x.purpose);
    expect(purposes.filter((p) => p === 'command:status')).toHaveLength(FLOOD_COMMANDS);
    expect(purposes.filter((p) => p === 'flood')).toHaveLength(1);
    expect(purposes).toHaveLength(FLOOD_COMMANDS + 1);
    await waitFor(() => texts(chatId).includes(t.floodCommands), { what: 'the notice delivered', timeoutMs: 20_000 });
  });
});
