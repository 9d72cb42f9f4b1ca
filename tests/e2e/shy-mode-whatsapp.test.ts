import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_WID, waMessage } from '../fixtures/whatsapp/messages.js';
import { officialHoax } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { watchIntake, type IntakeWatch } from '../helpers/saring.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { waitFor } from '../helpers/wait.js';
import { STAMP_COLOURS } from '../../src/media/clarification-card.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const HOAX = 'Mulai besok semua warga wajib menukarkan KTP lama ke kantor desa sebelum jam dua belas siang atau bansos dicabut permanen';

/**
 * Shy mode where village groups really are: a KIM WhatsApp group opts in with `/mode waspada`, and from then on
 * the bot's number speaks only to answer a copy of a clarified hoax — the card as WhatsApp media, its caption
 * the clarification and the public page, quoting the copy — once a day.
 */
describe('shy group mode on WhatsApp: only copies of clarified hoaxes are answered', () => {
  let h: WhatsAppHarness;
  const group = waGroup();
  const admin = waUser();
  const member = waUser();
  const neighbour = waUser();
  const sent = () => h.wa.sentTo(group);
  let claimId: number;
  let intake: IntakeWatch;
  /** The intake's message for this fixture message (the adapter passes its `id.id` as the message id). */
  const byId = (m: { id: { id: string } }) => (msg: { messageId: string }) => msg.messageId === m.id.id;

  beforeAll(async () => {
    h = await startWhatsAppHarness({ PUBLIC_URL });
    intake = watchIntake(h);
    await seedRegions(h);
    ({ claimId } = await officialHoax(
      h,
      HOAX,
      'Tidak ada penukaran KTP lama. Dukcapil Merangin menegaskan KTP-el tetap berlaku.',
      'Pesan berantai: KTP lama wajib ditukar di kantor desa atau bansos dicabut.',
    ));
    const wa = h.wa.client();
    wa.setMember(group, admin, 'admin');
    wa.setMember(group, member, 'member');
    wa.setMember(group, neighbour, 'member');
    h.wa.deliver({ from: group, author: admin, body: '/daftar 15.02.13.2006' });
    await h.wa.waitText(group, (t) => t.startsWith('Grup ini terdaftar'), 'registered');
    expect(sent()).toHaveLength(1);
  });
  afterAll(async () => h?.stop());

  it('stays silent before the group opts in', async () => {
    const from = intake.handled.length;
    const hoax = h.wa.deliver({ from: group, author: member, body: HOAX });
    await intake.settled(from, [byId(hoax)], 'the hoax before opt-in');
    expect(sent()).toHaveLength(1);
  });

  it('takes /mode waspada from a group admin only', async () => {
    h.wa.deliver({ from: group, author: member, body: '/mode waspada' });
    await waitFor(() => sent().length === 2, { what: 'non-admin refused' });
    expect(sent()[1]!.content).toContain('Hanya admin grup');
    h.wa.deliver({ from: group, author: admin, body: '!mode waspada' });
    await waitFor(() => sent().length === 3, { what: 'mode set' });
    expect(sent()[2]!.content).toContain('Mode WASPADA aktif');
    expect(await h.saring.database.sql`select mode from kim_groups where platform = 'whatsapp'`).toEqual([{ mode: 'waspada' }]);
  });

  it('answers a near copy once with the card, quoting it, and stays silent for everything else', async () => {
    const from = intake.handled.length;
    // The bot's own number (its phone, or the library's echo of its own send) is never answered; whatsapp-web.js
    // keeps fromMe off 'message', and the adapter drops it even when it comes there: it never reaches the intake,
    // which has handled the chatter sent after it.
    const own = waMessage({ from: group, author: BOT_WID, fromMe: true, body: HOAX });
    h.wa.client().deliverOwn(own);
    const rain = h.wa.deliver({ from: group, author: member, body: 'Kata pak RT hari ini hujan deras, jangan lupa angkat jemuran ya ibu-ibu semua di grup' });
    const related = h.wa.deliver({ from: group, author: neighbour, body: 'Dukcapil Merangin menegaskan KTP elektronik tetap berlaku seumur hidup dan tidak perlu ditukar' });
    await intake.settled(from, [byId(rain), byId(related)], 'chatter in waspada mode');
    expect(intake.handled.some(byId(own))).toBe(false);
    expect(sent()).toHaveLength(3);

    const copy = h.wa.deliver({ from: group, author: member, body: `‼️ ${HOAX.toUpperCase()} ‼️`, isForwarded: true, forwardingScore: 5 });
    const reply = await waitFor(() => sent()[3], { what: 'shy reply', timeoutMs: 20_000 });

    // The card as a picture (not a document) the group can forward back where the hoax went.
    expect(reply.media).toMatchObject({ mimetype: 'image/png', asDocument: false });
    const { data, info } = await sharp(reply.media!.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect((await sharp(reply.media!.data).metadata()).format).toBe('png');
    expect([info.width, info.height]).toEqual([1080, 1350]);
    expect(`#${[...data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('')}`).toBe(STAMP_COLOURS.hoaks);
    // Its caption (what sendMessage was given, shown under the picture) is the whole answer, with the public page's link.
    const caption = reply.options?.caption ?? '';
    expect(caption).toContain('[HOAKS]');
    expect(caption).toContain('Dukcapil Merangin');
    expect(caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    // No "did it help?" in a group: numbered choices are for a resident's own chat.
    expect(caption).not.toMatch(/^Balas \d+ untuk/m);
    // A reply to the copy, as WhatsApp Web resolves a quote: by the message's full serialized id (with its author).
    expect(reply.options?.quotedMessageId).toBe(copy.id._serialized);
    expect(reply.quoted).toBe(copy.id._serialized);

    // The same copy again the same day, from someone else: nothing.
    const again = h.wa.deliver({ from: group, author: neighbour, body: HOAX });
    await intake.settled(from, [byId(rain), byId(related), byId(copy), byId(again)], 'the same copy again');
    expect(intake.handled.some(byId(own))).toBe(false);
    expect(sent()).toHaveLength(4);
    const rows = await h.saring.database.sql`select state from outbound_messages where purpose = 'shy'`;
    expect(rows).toEqual([{ state: 'sent' }]);
  });
});
