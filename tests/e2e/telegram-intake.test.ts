import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, reports, residents, chats } from '../../src/db/schema/index.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

const HOAX = 'Besok PLN padamkan listrik se-Jawa selama 3 hari, segera isi air dan SEBARKAN ke keluarga!!';

describe('Telegram intake, end to end over the Bot API emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const replies = (chatId: number) => h.emulator.botMessagesTo(chatId);
  const ticketIn = (text: string) => /T-(\d+)/.exec(text)?.[1];

  // How fast is a bench figure (bench:pipeline); here: the ticket comes, unprompted, in reply to the report.
  it('answers a text report with a ticket and stores it', async () => {
    const r = resident(h.emulator, 'Siti');
    await r.client.sendMessage(r.client.makeMessage(HOAX));
    const [reply] = await waitFor(() => (replies(r.chatId).length ? replies(r.chatId) : null), { what: 'ticket reply' });
    expect(reply!.text).toMatch(/Nomor tiket: T-\d+/);
    expect(reply!.text).toContain('Pengurus KIM');
    const reportId = Number(ticketIn(reply!.text));
    const [row] = await h.saring.database.db.select().from(reports).where(eq(reports.id, reportId));
    expect(row?.rawText).toBe(HOAX);
    expect(row?.status).toBe('analyzed');
  });

  it('clusters the same text with other spacing and case from another resident into one claim', async () => {
    const a = resident(h.emulator);
    const b = resident(h.emulator);
    const text = 'Vaksin  booster mengandung CHIP 5G untuk melacak warga, jangan mau divaksin';
    await a.client.sendMessage(a.client.makeMessage(text));
    await b.client.sendMessage(b.client.makeMessage(`  ${text.toUpperCase().replace(/ /g, '   ')}\n`));
    const ta = await waitFor(() => ticketIn(replies(a.chatId)[0]?.text ?? ''), { what: 'ticket a' });
    const tb = await waitFor(() => ticketIn(replies(b.chatId)[0]?.text ?? ''), { what: 'ticket b' });
    expect(ta).not.toBe(tb);
    const db = h.saring.database.db;
    const [ra] = await db.select().from(reports).where(eq(reports.id, Number(ta)));
    const [rb] = await db.select().from(reports).where(eq(reports.id, Number(tb)));
    expect(ra?.claimId).toBeTruthy();
    expect(rb?.claimId).toBe(ra?.claimId);
    const [claim] = await db.select().from(claims).where(eq(claims.id, ra!.claimId!));
    expect(claim?.reportCount).toBe(2);
  });

  it('answers /status to the ticket owner only, revealing nothing to others', async () => {
    const owner = resident(h.emulator);
    const other = resident(h.emulator);
    await owner.client.sendMessage(owner.client.makeMessage('Ada penculikan anak pakai mobil ambulans di Merangin, hati-hati!'));
    const ticket = await waitFor(() => ticketIn(replies(owner.chatId)[0]?.text ?? ''), { what: 'ticket' });

    await owner.client.sendCommand(owner.client.makeCommand(`/status T-${ticket}`));
    const ownerStatus = await waitFor(() => replies(owner.chatId)[1]?.text, { what: 'owner status' });
    expect(ownerStatus).toContain(`T-${ticket}`);
    expect(ownerStatus).toMatch(/menunggu pemeriksaan|sedang diproses/);

    await other.client.sendCommand(other.client.makeCommand(`/status T-${ticket}`));
    const otherStatus = await waitFor(() => replies(other.chatId)[0]?.text, { what: 'other status' });
    expect(otherStatus).toContain('tidak ditemukan');
    expect(otherStatus).not.toMatch(/menunggu|diproses|dilaporkan/);
    // The same words as for a ticket that never existed: nothing to learn by guessing numbers.
    await other.client.sendCommand(other.client.makeCommand('/status T-99999999'));
    const missing = await waitFor(() => replies(other.chatId)[1]?.text, { what: 'missing status' });
    expect(missing.replace(/T-\d+/, '')).toBe(otherStatus.replace(/T-\d+/, ''));
  });

  it('accepts a forwarded message and a photo with caption as reports', async () => {
    const r = resident(h.emulator);
    const forwarded = r.client.makeMessage('Diteruskan: bansos 2 juta cair hari ini, daftar lewat link bit.ly/bansos-cair', {
      forward_date: Math.floor(Date.now() / 1000) - 60,
      forward_sender_name: 'Grup RT 05',
    } as never);
    await r.client.sendMessage(forwarded);
    // The emulator numbers messages only after the webhook returns: send one at a time.
    await waitFor(() => replies(r.chatId).length >= 1, { what: 'first ticket' });
    const photo = {
      ...r.client.makeMessage(''),
      text: undefined,
      caption: 'Foto jembatan ambruk di Sampit ini kejadian kemarin?',
      photo: [
        { file_id: 'small', file_unique_id: 'AQADsmall', width: 90, height: 90 },
        { file_id: 'big', file_unique_id: 'AQADbig', width: 800, height: 800 },
      ],
    };
    await r.client.sendMessage(photo as never);
    await waitFor(() => replies(r.chatId).length >= 2, { what: 'two tickets' });
    const tickets = replies(r.chatId).map((m) => Number(ticketIn(m.text)));
    const db = h.saring.database.db;
    const rows = await Promise.all(tickets.map(async (id) => (await db.select().from(reports).where(eq(reports.id, id)))[0]!));
    const fwd = rows.find((x) => x.forwarded);
    expect(fwd?.rawText).toContain('bansos 2 juta');
    const pic = rows.find((x) => x.mediaKind === 'photo');
    expect(pic?.rawText).toBe('Foto jembatan ambruk di Sampit ini kejadian kemarin?');
    expect(pic?.mediaFingerprint).toBe('tg:AQADbig');
  });

  it('takes a bare photo and the link sent right after it as one report with one ticket', async () => {
    const r = resident(h.emulator);
    const photo = {
      ...r.client.makeMessage(''),
      text: undefined,
      photo: [{ file_id: 'p1', file_unique_id: 'AQADburst', width: 800, height: 600 }],
    };
    await r.client.sendMessage(photo as never);
    await new Promise((res) => setTimeout(res, 300));
    await r.client.sendMessage(r.client.makeMessage('https://bit.ly/bansos-2026'));
    await waitFor(() => replies(r.chatId).length >= 1, { what: 'ticket' });
    await new Promise((res) => setTimeout(res, 3000));
    expect(replies(r.chatId)).toHaveLength(1);
    const reportId = Number(ticketIn(replies(r.chatId)[0]!.text));
    const db = h.saring.database.db;
    const [main] = await db.select().from(reports).where(eq(reports.id, reportId));
    expect(main?.mediaFingerprint).toBe('tg:AQADburst');
    expect(main?.rawText).toContain('https://bit.ly/bansos-2026');
    const [part] = await db.select().from(reports).where(eq(reports.mergedIntoId, reportId));
    expect(part).toMatchObject({ matchLevel: 'merged', claimId: main!.claimId, rawText: 'https://bit.ly/bansos-2026' });
  });

  it('explains itself on /start, lists commands on /bantuan, and hints on unknown commands and stickers', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/start'));
    await waitFor(() => replies(r.chatId)[0], { what: '/start' });
    await r.client.sendCommand(r.client.makeCommand('/bantuan'));
    await waitFor(() => replies(r.chatId)[1], { what: '/bantuan' });
    await r.client.sendCommand(r.client.makeCommand('/terbang'));
    await waitFor(() => replies(r.chatId)[2], { what: 'unknown' });
    await r.client.sendMessage({ ...r.client.makeMessage(''), text: undefined, sticker: { file_id: 's', file_unique_id: 'st1' } } as never);
    await waitFor(() => replies(r.chatId)[3], { what: 'sticker hint' });
    const [start, help, unknown, sticker] = replies(r.chatId).map((m) => m.text);
    expect(start).toContain('Saring');
    expect(start).toContain('Teruskan');
    expect(help).toContain('/status');
    expect(help).toContain('/bantuan');
    expect(unknown).toContain('tidak saya kenal');
    expect(sticker).toContain('stiker');
  });

  it('ignores ordinary chatter in groups but answers commands addressed to the bot', async () => {
    const groupId = -100_555;
    const member = h.emulator.server.getClient('123456:TEST-saring-token', { userId: 8_100_001, chatId: groupId, type: 'group', chatTitle: 'KIM Simpang Limbur' });
    await member.sendMessage(member.makeMessage('Selamat pagi semua, jangan lupa kerja bakti'));
    await member.sendCommand(member.makeCommand('/status@OtherBot T-1'));
    await member.sendCommand(member.makeCommand('/bantuan@TestNameBot'));
    await waitFor(() => replies(groupId).length >= 1, { what: 'group help' });
    await new Promise((r) => setTimeout(r, 500));
    expect(replies(groupId)).toHaveLength(1);
    expect(replies(groupId)[0]!.text).toContain('/status');
    const [{ n }] = (await h.saring.database.sql`select count(*)::int as n from chats where kind = 'group'`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  it('stores residents pseudonymously and chat addresses encrypted', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('Cek dong, benar ada gempa susulan jam 9 malam?'));
    await waitFor(() => replies(r.chatId)[0], { what: 'ticket' });
    const db = h.saring.database.db;
    const allResidents = await db.select().from(residents);
    const allChats = await db.select().from(chats);
    const dump = JSON.stringify([allResidents, allChats]);
    expect(dump).not.toContain(String(r.userId));
    expect(dump).not.toContain(`warga${r.userId}`);
  });
});
