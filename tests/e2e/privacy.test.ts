import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startSaring } from '../../src/entry/service.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

describe('privacy duties: erasure, purge, pseudonym rotation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const ticketOf = (t: string | undefined) => /T-(\d+)/.exec(t ?? '')?.[1];

  it('lets a resident delete their own report with /hapus, and nobody else', async () => {
    const owner = resident(h.emulator);
    const other = resident(h.emulator);
    await owner.client.sendMessage(owner.client.makeMessage('Nomor saya 0812-1111-2222, katanya ada bantuan tunai dari kecamatan untuk janda dan lansia'));
    const ticket = await waitFor(() => ticketOf(texts(owner.chatId)[0]), { what: 'ticket' });
    await other.client.sendCommand(other.client.makeCommand(`/hapus T-${ticket}`));
    await waitFor(() => texts(other.chatId)[0], { what: 'refusal' });
    expect(texts(other.chatId)[0]).toContain('tidak ditemukan');
    await owner.client.sendCommand(owner.client.makeCommand(`/hapus T-${ticket}`));
    await waitFor(() => texts(owner.chatId)[1], { what: 'deleted' });
    expect(texts(owner.chatId)[1]).toContain('sudah dihapus');
    const [row] = await h.saring.database.sql`select status, raw_text, basic_text from reports where id = ${Number(ticket)}`;
    expect(row).toMatchObject({ status: 'deleted', raw_text: null, basic_text: null });
    const [claim] = await h.saring.database.sql`select c.report_count from claims c join reports r on r.claim_id = c.id where r.id = ${Number(ticket)}`;
    expect(claim!.report_count).toBe(0);
  });

  it('purges texts of decided reports older than the cut-off and keeps the aggregates', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('Besok ada pembagian sembako gratis di kantor camat, bawa fotokopi KK dan KTP semua anggota keluarga'));
    const ticket = Number(await waitFor(() => ticketOf(texts(r.chatId)[0]), { what: 'ticket' }));
    const sql = h.saring.database.sql;
    await sql`update claims set status = 'verified' where id = (select claim_id from reports where id = ${ticket})`;
    await sql`update reports set received_at = now() - interval '200 days' where id = ${ticket}`;
    const result = await h.saring.services.privacy.purge(new Date(Date.now() - 180 * 86_400_000));
    expect(result.reports).toBeGreaterThanOrEqual(1);
    const [row] = await sql`select raw_text, status from reports where id = ${ticket}`;
    expect(row).toMatchObject({ raw_text: null, status: 'analyzed' });
    const [claim] = await sql`select report_count, text from claims where id = (select claim_id from reports where id = ${ticket})`;
    expect(claim!.report_count).toBe(1);
  });

  it('rotates PSEUDONYM_SECRET without losing the link between a resident and their tickets', { timeout: 60_000 }, async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage('Ada penipuan mengatasnamakan pak camat minta pulsa lewat WhatsApp, hati-hati semua warga'));
    const ticket = await waitFor(() => ticketOf(texts(r.chatId)[0]), { what: 'ticket' });
    const sql = h.saring.database.sql;
    const [before] = await sql`select pseudonym from residents r join reports p on p.resident_id = r.id where p.id = ${Number(ticket)}`;

    const newSecret = 'a-brand-new-pseudonym-secret-2026';
    await h.saring.stop();
    const env = { ...h.env, PSEUDONYM_SECRET: newSecret };
    const rotator = await startSaring(loadConfig({ ...h.env }), pino({ level: 'silent' }), { api: false, workers: false, bots: false });
    const result = await rotator.services.privacy.rotatePseudonyms(newSecret);
    await rotator.stop();
    expect(result.residents).toBeGreaterThanOrEqual(1);

    h.saring = await startSaring(loadConfig(env), pino({ level: 'silent' }));
    const [after] = await h.saring.database.sql`select pseudonym from residents r join reports p on p.resident_id = r.id where p.id = ${Number(ticket)}`;
    expect(after!.pseudonym).not.toBe(before!.pseudonym);
    await r.client.sendCommand(r.client.makeCommand(`/status T-${ticket}`));
    const status = await waitFor(() => texts(r.chatId)[1], { what: 'status after rotation', timeoutMs: 15_000 });
    expect(status).toContain(`T-${ticket}`);
    expect(status).not.toContain('tidak ditemukan');
  });
});
