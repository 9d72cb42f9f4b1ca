import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats, reports, residents } from '../../src/db/schema/index.js';
import { startWhatsAppHarness, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { resident } from '../helpers/telegram.js';
import { fixtures, TINY_PNG_BASE64, waMessage } from '../fixtures/whatsapp/messages.js';
import { sleep, waitFor } from '../helpers/wait.js';

const HOAX =
  'Diteruskan dari grup sebelah: mulai besok PLN padamkan listrik se-Jawa selama 3 hari karena perbaikan gardu induk. Segera isi air dan SEBARKAN ke keluarga!!';
const TICKET = /Nomor tiket: T-(\d+)/;

describe('WhatsApp intake, end to end through the whatsapp-web.js stand-in', () => {
  let h: WhatsAppHarness;
  beforeAll(async () => {
    h = await startWhatsAppHarness();
  });
  afterAll(async () => h?.stop());

  const ticketOf = async (chatId: string, nth = 0) =>
    Number(
      await waitFor(() => h.wa.texts(chatId).map((t) => TICKET.exec(t)?.[1]).filter(Boolean)[nth], {
        what: `ticket #${nth + 1} to ${chatId}`,
      }),
    );
  const reportRow = async (id: number) => (await h.saring.database.db.select().from(reports).where(eq(reports.id, id)))[0]!;

  it('answers a resident’s text with a ticket in Bahasa Indonesia, quoting their message, and stores the report', async () => {
    const chatId = waUser();
    const text = 'Apakah benar bansos 2 juta cair hari ini lewat link bit.ly/bansos-cair? Katanya harus daftar pakai KTP.';
    const msg = h.wa.deliver({ from: chatId, body: text });
    const id = await ticketOf(chatId);
    const [reply] = h.wa.sentTo(chatId);
    expect(reply!.content).toContain('Terima kasih, laporan Anda sudah kami terima.');
    expect(reply!.content).toContain(`/status T-${id}`);
    expect(reply!.options).toMatchObject({ linkPreview: false, quotedMessageId: `false_${chatId}_${msg.id.id}` });
    const row = await reportRow(id);
    expect(row).toMatchObject({ platform: 'whatsapp', rawText: text, forwarded: false, mediaKind: null, platformMessageId: msg.id.id });
    await waitFor(async () => (await reportRow(id)).status === 'analyzed', { what: 'report analyzed' });
    // Exactly one reply, whatever the queues do afterwards.
    await sleep(500);
    expect(h.wa.sentTo(chatId)).toHaveLength(1);
  });

  it('takes a forwarded message and a photo with caption as reports, with the forward flag and the photo’s content hash', async () => {
    const chatId = waUser();
    h.wa.deliver({ from: chatId, body: HOAX, isForwarded: true, forwardingScore: 5 });
    const forwardedId = await ticketOf(chatId, 0);
    const caption = 'Foto jembatan ambruk di Sampit ini kejadian kemarin?';
    h.wa.deliver({ from: chatId, body: caption, media: { mimetype: 'image/png', data: TINY_PNG_BASE64 } });
    const photoId = await ticketOf(chatId, 1);

    const fwd = await reportRow(forwardedId);
    expect(fwd).toMatchObject({ platform: 'whatsapp', forwarded: true, rawText: HOAX });
    const pic = await reportRow(photoId);
    const sha = createHash('sha256').update(Buffer.from(TINY_PNG_BASE64, 'base64')).digest('hex');
    expect(pic).toMatchObject({ forwarded: false, mediaKind: 'photo', rawText: caption, mediaFingerprint: `wa:sha256:${sha}` });
  });

  it('answers /status T-… to the ticket owner only, the same "not found" to everyone else (WhatsApp or Telegram)', async () => {
    const owner = waUser();
    const other = waUser();
    h.wa.deliver({ from: owner, body: 'Ada penculikan anak pakai mobil ambulans di Merangin, hati-hati! Sebarkan ke grup RT.' });
    const id = await ticketOf(owner);

    h.wa.deliver({ from: owner, body: `/status T-${id}` });
    const ownerStatus = await h.wa.waitText(owner, (t) => t.startsWith(`Tiket T-${id}:`), 'owner status');
    expect(ownerStatus).toMatch(/menunggu pemeriksaan|sedang diproses/);

    // WhatsApp users often type commands with "!".
    h.wa.deliver({ from: other, body: `!status T-${id}` });
    const otherStatus = await waitFor(() => h.wa.texts(other)[0], { what: 'other status' });
    expect(otherStatus).toContain('tidak ditemukan');
    expect(otherStatus).not.toMatch(/menunggu|diproses|dilaporkan/);
    h.wa.deliver({ from: other, body: '/status T-99999999' });
    const missing = await waitFor(() => h.wa.texts(other)[1], { what: 'missing status' });
    expect(missing.replace(/T-\d+/, '')).toBe(otherStatus.replace(/T-\d+/, ''));

    const tg = resident(h.emulator);
    await tg.client.sendCommand(tg.client.makeCommand(`/status T-${id}`));
    const tgStatus = await waitFor(() => h.emulator.botMessagesTo(tg.chatId)[0]?.text, { what: 'telegram status' });
    expect(tgStatus.replace(/T-\d+/, '')).toBe(otherStatus.replace(/T-\d+/, ''));
    // Neither asker got a ticket of their own out of it.
    expect(await h.saring.database.sql`select count(*)::int as n from reports where id > ${id}`).toEqual([{ n: 0 }]);
  });

  it('ignores status updates, broadcast lists, channels and the bot’s own messages: no report, no reply', async () => {
    const before = (await h.saring.database.sql`select count(*)::int as n from reports`)[0]!.n as number;
    const sentBefore = h.wa.client().sent.length;
    const own = fixtures.ownMessage('Pesan yang dikirim dari HP nomor bot: besok listrik padam se-Jawa, sebarkan!');
    h.wa.deliverRaw(fixtures.statusBroadcast());
    h.wa.deliverRaw(fixtures.broadcastList());
    h.wa.deliverRaw(fixtures.newsletter());
    h.wa.deliverRaw(waMessage({ from: '120363099999999999@newsletter', body: '/status T-1' }));
    // The defensive path: an own message on 'message' (real clients only echo on 'message_create').
    h.wa.client().deliverOwn(own);
    // A marker from a resident: once it is answered, anything delivered before it had its chance.
    const marker = waUser();
    h.wa.deliver({ from: marker, body: 'Penanda: benarkah ada gempa susulan jam 9 malam ini di Bangko?' });
    await ticketOf(marker);
    await sleep(500);
    const after = (await h.saring.database.sql`select count(*)::int as n from reports`)[0]!.n as number;
    expect(after).toBe(before + 1);
    expect(h.wa.client().sent.slice(sentBefore).map((s) => s.chatId)).toEqual([marker]);
  });

  it('stores WhatsApp residents pseudonymously: no phone number in residents, chats or reports', async () => {
    const chatId = waUser();
    h.wa.deliver({ from: chatId, body: 'Cek dong, benar ada pembagian sembako gratis di kantor desa besok pagi?' });
    const id = await ticketOf(chatId);
    const db = h.saring.database.db;
    const number = chatId.split('@')[0]!;
    // The message id stored is the short one: `_serialized` embeds the phone number.
    const dump = JSON.stringify([await db.select().from(residents), await db.select().from(chats), await reportRow(id)]);
    expect(dump).not.toContain(number);
  });
});
