import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reports } from '../../src/db/schema/index.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { registerGroups } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

/** `/bahasa en|id` (and `/language`) switches every later reply to that resident, over the Bot API emulator. */
describe('a resident chooses English or Bahasa Indonesia', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  const replies = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const nth = (chatId: number, n: number, what: string) => waitFor(() => replies(chatId)[n], { what });
  const ticketOf = (text: string) => Number(/T-(\d+)/.exec(text)?.[1]);

  it('/bahasa en gives English tickets, status and answers; /bahasa id switches back', async () => {
    const r = resident(h.emulator, 'Ayu');
    await r.client.sendCommand(r.client.makeCommand('/bahasa en'));
    expect(await nth(r.chatId, 0, 'language confirmation')).toBe('OK, from now on I will write to you in English. Type /bahasa id for Bahasa Indonesia.');

    await r.client.sendMessage(r.client.makeMessage('Air PDAM Bangko tercemar racun tikus, jangan diminum sampai minggu depan, sebarkan ke semua warga!'));
    const ticket = await nth(r.chatId, 1, 'English ticket');
    expect(ticket).toMatch(/^Thank you, we received your report\. Ticket number: T-\d+/);
    expect(ticket).toContain('Which village are you from?');
    const reportId = ticketOf(ticket);

    await r.client.sendCommand(r.client.makeCommand(`/status T-${reportId}`));
    expect(await nth(r.chatId, 2, 'English status')).toMatch(/^Ticket T-\d+: (waiting for KIM volunteers|the report was received)/);

    // The answer is composed later, by the verdict service, still in the resident's language.
    const [report] = await h.saring.database.db.select().from(reports).where(eq(reports.id, reportId));
    // The resident set no desa, so the claim has no region: an admin (whole country) decides it.
    const staff = await h.saring.services.staff.add({ name: 'Admin', role: 'admin', regionCode: '15' });
    await h.saring.services.verdicts.publish({
      claimId: report!.claimId!,
      verdict: 'hoaks',
      clarification: 'PDAM Tirta Merangin memastikan air aman diminum.',
      sources: ['https://merangin.go.id/pdam'],
      actor: { id: staff.staff.id, role: 'admin', regionCode: '15' },
    });
    const answer = await nth(r.chatId, 3, 'English answer');
    expect(answer).toContain('[HOAX] — Official clarification from Diskominfo');
    expect(answer).toContain('PDAM Tirta Merangin memastikan air aman diminum.');
    expect(answer).toContain(`Ticket: T-${reportId}`);

    await r.client.sendCommand(r.client.makeCommand('/bahasa id'));
    expect(await nth(r.chatId, 4, 'back to Indonesian')).toContain('Bahasa Indonesia');
    await r.client.sendMessage(r.client.makeMessage('Besok ada pemadaman listrik total se-Merangin tiga hari tiga malam, isi air dari sekarang ya!'));
    expect(await nth(r.chatId, 5, 'Indonesian ticket')).toMatch(/^Terima kasih, laporan Anda sudah kami terima\. Nomor tiket: T-\d+/);
  });

  it('/language en works too, an unknown language gets the usage, groups stay Indonesian', async () => {
    const r = resident(h.emulator, 'Budi');
    await r.client.sendCommand(r.client.makeCommand('/language fr'));
    expect(await nth(r.chatId, 0, 'usage')).toBe('Pilih bahasa: /bahasa id (Bahasa Indonesia) atau /bahasa en (English).');
    await r.client.sendCommand(r.client.makeCommand('/language english'));
    await nth(r.chatId, 1, 'confirmation');
    await r.client.sendCommand(r.client.makeCommand('/bantuan'));
    expect(await nth(r.chatId, 2, 'English help')).toMatch(/^Commands you can use:/);
    // Talk is answered in the chosen language too.
    await r.client.sendMessage(r.client.makeMessage('thank you'));
    expect(await nth(r.chatId, 3, 'English thanks')).toMatch(/^You are welcome/);
  });

  it('a subscriber who chose English gets the broadcast frame in English; the KIM group in Bahasa Indonesia', async () => {
    const r = resident(h.emulator, 'Citra');
    await r.client.sendCommand(r.client.makeCommand('/bahasa en'));
    await nth(r.chatId, 0, 'confirmation');
    await r.client.sendCommand(r.client.makeCommand('/desa 15.02.13.2005'));
    expect(await nth(r.chatId, 1, 'desa saved')).toMatch(/^Thank you\. Your village is saved: .*Simpang Limbur Merangin/);
    await r.client.sendCommand(r.client.makeCommand('/langganan'));
    expect(await nth(r.chatId, 2, 'subscribed')).toMatch(/^You are subscribed/);
    const [group] = await registerGroups(h, ['15.02.13.2001']);

    const [claim] = await h.saring.database.sql<{ id: number }[]>`
      insert into claims (text, basic_text, basic_hash, region_code, status)
      values ('Jembatan Merangin putus', 'jembatan merangin putus', ${`lang-${Date.now()}`}, '15.02', 'verified') returning id`;
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo', role: 'diskominfo', regionCode: '15.02' });
    const actor = { id: staff.staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
    await h.saring.services.verdicts.publish({ claimId: claim!.id, verdict: 'hoaks', clarification: 'Jembatan aman.', sources: ['https://merangin.go.id/j'], actor });
    await h.saring.services.broadcasts.start({ claimId: claim!.id, regions: ['15.02.13'], platforms: ['telegram'], actor });
    expect(await nth(r.chatId, 3, 'English broadcast')).toMatch(/^📢 OFFICIAL CLARIFICATION FROM DISKOMINFO — \[HOAX\]/);
    const toGroup = await waitFor(() => h.emulator.botMessagesTo(group!.telegramChatId)[0]?.text, { what: 'group broadcast' });
    expect(toGroup).toMatch(/^📢 KLARIFIKASI RESMI DISKOMINFO — \[HOAKS\]/);
  });
});
