import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { CLAIM, CLARIFICATION, LIKE_IT, NOT_IT } from '../fixtures/suggestion-texts.js';


/**
 * A volunteer moderator on a phone settles the matcher's suggestions from the card: ✓ answers that resident with
 * the verdict in force, ✗ makes the report a claim of its own with its own card. Suggested residents are never
 * sent a clarification before that.
 */
describe('suggested reports settled from the moderators’ chat', () => {
  let h: Harness;
  let mods: Awaited<ReturnType<typeof moderatorGroup>>;
  let claimId = 0;
  const people = {} as Record<'first' | 'like' | 'not', ReturnType<typeof resident>>;
  const tickets = {} as Record<'first' | 'like' | 'not', string>;

  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const cardOf = (id: number) => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith(`KLAIM #${id}\n`));
  const tap = async (label: string) => {
    const button = buttonsOf(cardOf(claimId)!).find((b) => b.text === label);
    expect(button, label).toBeDefined();
    await mods.member.sendCallback(mods.member.makeCallbackQuery(button!.callback_data, { message: { chat: { id: mods.groupId, type: 'group' } } } as never));
  };

  async function report(key: 'first' | 'like' | 'not', text: string): Promise<void> {
    const r = resident(h.emulator);
    people[key] = r;
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).some((t) => t.includes('Simpang Limbur Merangin')), { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(text));
    const ticket = await waitFor(() => texts(r.chatId).map((t) => /T-\d+/.exec(t)?.[0]).find(Boolean), { what: `ticket for ${key}` });
    tickets[key] = ticket;
  }

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL: 'https://saring.example.go.id' });
    await seedRegions(h);
    mods = await moderatorGroup(h, { name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    await report('first', CLAIM);
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('KLAIM #')), { what: 'card' });
    claimId = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    const actor = await h.saring.services.staff.byChatUser('telegram', String(mods.userId));
    await h.saring.services.verdicts.publish({
      claimId,
      verdict: 'hoaks',
      clarification: CLARIFICATION,
      sources: ['https://merangin.go.id/air'],
      actor: { id: actor!.id, role: actor!.role, regionCode: actor!.regionCode },
    });
    await waitFor(() => texts(people.first.chatId).some((t) => t.includes(CLARIFICATION)), { what: 'first reporter answered' });
    await report('like', LIKE_IT);
    await report('not', NOT_IT);
  }, 90_000);
  afterAll(async () => h?.stop());

  it('lists the suggested reports on the card with ✓/✗ buttons, and tells their residents nothing yet', async () => {
    const card = await waitFor(() => (cardOf(claimId)?.text.includes('❓ 2 laporan hanya mirip') ? cardOf(claimId) : undefined), { what: 'card with 2 suggestions' });
    expect(card.text).toContain(`• ${tickets.like}: ${LIKE_IT}`);
    expect(card.text).toContain(`• ${tickets.not}: ${NOT_IT}`);
    expect(buttonsOf(card).map((b) => b.text)).toEqual(
      expect.arrayContaining([`✓ ${tickets.like} sama`, `✗ ${tickets.like} bukan`, `✓ ${tickets.not} sama`, `✗ ${tickets.not} bukan`]),
    );
    for (const key of ['like', 'not'] as const) expect(texts(people[key].chatId).some((t) => t.includes(CLARIFICATION))).toBe(false);
    // The claim was decided before these arrived, so an edit of its old card would go unnoticed: each is also asked
    // about once in a message of its own, with the same buttons.
    for (const key of ['like', 'not'] as const) {
      const ask = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith(`❓ Laporan baru ${tickets[key]} hanya mirip dengan klaim #${claimId}`)), {
        what: `question about ${key}`,
      });
      expect(ask.text).toContain('[HOAKS]');
      expect(buttonsOf(ask).map((b) => b.text)).toEqual([`✓ ${tickets[key]} sama`, `✗ ${tickets[key]} bukan`]);
    }
    await sleep(1_500);
    expect(texts(mods.groupId).filter((t) => t.startsWith('❓ Laporan baru'))).toHaveLength(2);
  });

  it('✓ answers that resident once, ✗ gives the other report a claim and a card of its own', async () => {
    const likeConfirm = buttonsOf(cardOf(claimId)!).find((b) => b.text === `✓ ${tickets.like} sama`)!;
    await tap(`✓ ${tickets.like} sama`);
    await waitFor(() => texts(mods.groupId).some((t) => t.startsWith(`Laporan ${tickets.like} dikonfirmasi sama dengan klaim #${claimId}.`)), { what: 'confirmation in chat' });
    await waitFor(() => texts(people.like.chatId).some((t) => t.includes(CLARIFICATION)), { what: 'clarification to the confirmed resident' });
    await waitFor(() => (cardOf(claimId)?.text.includes('❓ 1 laporan hanya mirip') ? true : undefined), { what: 'card down to 1 suggestion' });
    await tap(`✗ ${tickets.not} bukan`);
    const moved = await waitFor(() => texts(mods.groupId).map((t) => new RegExp(`^Laporan ${tickets.not} bukan klaim #${claimId}; sekarang menjadi klaim #(\\d+)`).exec(t)?.[1]).find(Boolean), {
      what: 'detach reply',
    });
    // The detached report's claim gets a card of its own; the first card lists no suggestion any more.
    const own = await waitFor(() => cardOf(Number(moved)), { what: 'card of the new claim' });
    expect(own.text).toContain(NOT_IT);
    await waitFor(() => (cardOf(claimId) && !cardOf(claimId)!.text.includes('hanya mirip') ? true : undefined), { what: 'first card without suggestions' });
    expect(buttonsOf(cardOf(claimId)!).some((b) => b.text.startsWith('✓') || b.text.startsWith('✗'))).toBe(false);

    // A replayed ✓ from the old card changes nothing and says so.
    await mods.member.sendCallback(mods.member.makeCallbackQuery(likeConfirm.callback_data, { message: { chat: { id: mods.groupId, type: 'group' } } } as never));
    await waitFor(() => texts(mods.groupId).some((t) => t.startsWith(`Laporan ${tickets.like} sudah tidak menunggu konfirmasi`)), { what: 'settled reply' });
    await sleep(1_000);
    expect(texts(people.like.chatId).filter((t) => t.includes(CLARIFICATION))).toHaveLength(1);
    expect(texts(people.not.chatId).some((t) => t.includes(CLARIFICATION))).toBe(false);
  });
});
