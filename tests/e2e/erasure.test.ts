import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { digitsOnly } from '../helpers/linkify.js';
import { waitFor } from '../helpers/wait.js';

const PHONE = '0812-3456-7890';
const PHONE_DIGITS = '081234567890';
const ADDRESS = 'Jl. Kenanga No. 17';
const REPORT = `Tolong dicek, saya Bu Sumiati tinggal di ${ADDRESS} RT 04 Simpang Limbur, HP ${PHONE}. Katanya besok ada pendaftaran bantuan tunai lansia di kantor camat Pamenang Barat, bawa KTP dan KK asli, benar tidak?`;
const SUMMARY = 'Pesan berantai: besok ada pendaftaran bantuan tunai lansia di kantor camat Pamenang Barat, warga diminta membawa KTP dan KK asli.';

/** Every text and jsonb value of every table in the database, as text. */
async function everyTextValue(h: Harness): Promise<Array<{ where: string; value: string }>> {
  const sql = h.saring.database.sql;
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }[]>`
    select c.table_schema, c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`;
  const out: Array<{ where: string; value: string }> = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const rows = await sql.unsafe(`select "${column_name}"::text as v from "${table_schema}"."${table_name}" where "${column_name}" is not null`);
    for (const r of rows) out.push({ where: `${table_name}.${column_name}`, value: String(r.v) });
  }
  return out;
}

const PHONE_2 = '+62 813 9876 5432';
const PHONE_2_DIGITS = '8139876543';
const REPORT_2 = `Info dari Pak Darto (WA ${PHONE_2}, rumah di Gang Melati 9): jembatan di Mampun Baru akan dibongkar minggu depan dan warga tidak boleh lewat sama sekali selama tiga bulan`;

const REPORT_3 = 'Pengumuman dari Bu Lurah (hp 0821 7777 8888): air PDAM di Simpang Limbur tercemar bakteri, jangan diminum sampai akhir bulan depan ya';

const leaks = (value: string) => value.includes(PHONE) || digitsOnly(value).includes(PHONE_DIGITS) || value.includes(ADDRESS);

describe('complete erasure: a report with a phone number and an address, a verdict, then /hapus', () => {
  let h: Harness;
  let mods: Awaited<ReturnType<typeof moderatorGroup>>;
  let token: string;
  const reporter = { r: undefined as unknown as ReturnType<typeof resident> };
  let claimId = 0;
  let ticket = '';
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);
  const inGroup = { message: { chat: { id: 0, type: 'group' } } };
  const tap = (data: string) => mods.member.sendCallback(mods.member.makeCallbackQuery(data, { message: { chat: { id: mods.groupId, type: 'group' } } } as never));
  const cardOf = () => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith(`KLAIM #${claimId}`));

  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
    mods = await moderatorGroup(h, { name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    inGroup.message.chat.id = mods.groupId;
    token = (await h.saring.services.staff.add({ name: 'Moderator dasbor', role: 'moderator', regionCode: '15.02.13.2005' })).token;
  });
  afterAll(async () => h?.stop());

  it('shows moderators the report with its number masked, and asks them to approve a public summary', async () => {
    reporter.r = resident(h.emulator);
    const r = reporter.r;
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).some((t) => t.includes('Simpang Limbur Merangin')), { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(REPORT));
    ticket = await waitFor(() => texts(r.chatId).map((t) => /T-\d+/.exec(t)?.[0]).find(Boolean), { what: 'ticket' });
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.includes('Bu Sumiati')), { what: 'card' });
    claimId = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    expect(card.text).toContain('0812-••••-••••');
    expect(digitsOnly(card.text)).not.toContain(PHONE_DIGITS);

    await tap(buttonsOf(card).find((b) => b.text === 'Hoaks')!.callback_data);
    await waitFor(() => texts(mods.groupId).some((t) => t.includes('Balas pesan ini')), { what: 'prompt' });
    await mods.member.sendMessage(mods.member.makeMessage('Tidak ada pendaftaran bantuan tunai lansia di kantor camat. https://merangin.go.id/dinsos/info'));
    const preview = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('Pratinjau')), { what: 'preview' });
    // The pre-fill: the report with the number masked (the address is still there: the moderator removes it).
    expect(preview.text).toContain('Ringkasan yang akan dipublikasikan');
    expect(preview.text).toContain('0812-••••-••••');
    expect(preview.text).toContain(ADDRESS);

    await tap(buttonsOf(preview).find((b) => b.text === 'Ubah ringkasan')!.callback_data);
    await waitFor(() => texts(mods.groupId).some((t) => t.includes('ringkasan klaim untuk halaman publik')), { what: 'summary prompt' });
    await mods.member.sendMessage(mods.member.makeMessage(SUMMARY));
    const second = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).filter((m) => m.text.startsWith('Pratinjau'))[1], { what: 'second preview' });
    expect(second.text).toContain(SUMMARY);
    await tap(buttonsOf(second).find((b) => b.text === 'Terbitkan')!.callback_data);
    await waitFor(() => texts(r.chatId).some((t) => t.includes('[HOAKS]')), { what: 'answer to the reporter' });
  });

  it('publishes only the approved summary on /klarifikasi/:id and /claimreview.json', async () => {
    const app = h.saring.app!;
    const page = await app.inject({ url: `/klarifikasi/${claimId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pesan berantai: besok ada pendaftaran bantuan tunai lansia');
    expect(page.body).not.toContain('Bu Sumiati');
    const feed = await app.inject({ url: '/claimreview.json' });
    const review = (feed.json() as Array<{ url: string; claimReviewed: string }>).find((c) => c.url.endsWith(`/klarifikasi/${claimId}`));
    expect(review?.claimReviewed).toBe(SUMMARY);
    // Before the erasure the number is still where it belongs: the report (this proves the search below can see it).
    expect((await everyTextValue(h)).some((v) => leaks(v.value))).toBe(true);
  });

  it('/hapus scrubs the report, the claim, the ledger, the audit log and the card already sent', async () => {
    const r = reporter.r;
    const cardBefore = cardOf()!;
    expect(cardBefore.text).toContain(ADDRESS);
    // Whatever part of Saring logs a copy of the text in the audit data, erasure finds it by its number.
    await h.saring.services.repos.audit.record({ actor: 'system', action: 'test.copy', subject: `claim:${claimId}`, data: { quoted: `HP ${PHONE.replace(/-/g, ' ')}` } });
    await r.client.sendCommand(r.client.makeCommand(`/hapus ${ticket}`));
    await waitFor(() => texts(r.chatId).some((t) => t.includes('sudah dihapus')), { what: '/hapus done' });

    // The card in the moderators' chat is edited: the same message, without the text.
    const edited = await waitFor(() => {
      const card = h.emulator.botMessagesTo(mods.groupId).find((m) => m.message_id === cardBefore.message_id);
      return card && !card.text.includes('Bu Sumiati') ? card : null;
    }, { what: 'card edited', timeoutMs: 15_000 });
    expect(edited.text).toContain(SUMMARY);

    const found = (await everyTextValue(h)).filter((v) => leaks(v.value));
    expect(found.map((f) => f.where)).toEqual([]);
    const [claim] = await h.saring.database.sql`select text, summary from claims where id = ${claimId}`;
    expect(claim).toMatchObject({ text: SUMMARY, summary: SUMMARY });
    const [audit] = await h.saring.database.sql`select count(*)::int as n from audit_events where action = 'report.erase'`;
    expect(audit!.n).toBe(1);
    const [copy] = await h.saring.database.sql`select subject, data from audit_events where action = 'test.copy'`;
    expect(copy).toMatchObject({ subject: `claim:${claimId}`, data: { scrubbed: true } });
  });

  it('leaves the number nowhere in the API, the dashboard, the public page or the feed', async () => {
    const app = h.saring.app!;
    const auth = { authorization: `Bearer ${token}` };
    const { cookie } = await dashboardLogin(app, token);
    const pages: Array<[string, Record<string, string>]> = [
      [`/api/claims/${claimId}`, auth],
      ['/api/claims', auth],
      ['/dashboard', { cookie }],
      [`/dashboard/claims/${claimId}`, { cookie }],
      [`/klarifikasi/${claimId}`, {}],
      ['/claimreview.json', {}],
    ];
    for (const [url, headers] of pages) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
      expect(leaks(res.body), url).toBe(false);
      if (url.startsWith('/dashboard/claims')) expect(res.body).toContain(`Klaim #${claimId}`);
    }
  });

  it('the dashboard verdict form offers the masked pre-fill as the summary and publishes what the moderator wrote', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).length === 1, { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(REPORT_3));
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.includes('Bu Lurah')), { what: 'card' });
    const id = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    const app = h.saring.app!;
    const session = await dashboardLogin(app, token);
    const form = await app.inject({ url: `/dashboard/claims/${id}`, headers: { cookie: session.cookie } });
    const field = /<textarea id="summary"[^>]*>([^<]*)<\/textarea>/.exec(form.body)?.[1] ?? '';
    expect(field).toContain('(hp 0821 •••• ••••)');
    expect(field).toContain('air PDAM di Simpang Limbur tercemar');
    // Publishing before a moderator approved anything: the claim is not public.
    expect((await app.inject({ url: `/klarifikasi/${id}` })).statusCode).toBe(404);
    const summary = 'Pesan berantai: air PDAM di Simpang Limbur tercemar bakteri dan tidak boleh diminum.';
    const res = await app.inject({
      method: 'POST',
      url: `/dashboard/claims/${id}/verdict`,
      headers: { cookie: session.cookie },
      payload: { _csrf: session.csrf, verdict: 'hoaks', clarification: 'PDAM sudah menguji air; aman diminum.', source: 'https://merangin.go.id/pdam', summary },
    });
    expect(res.statusCode).toBe(303);
    const page = await app.inject({ url: `/klarifikasi/${id}` });
    expect(page.body).toContain(summary);
    expect(page.body).not.toContain('Bu Lurah');
  });

  it('the retention purge does the same by age (the API verdict carries its own summary)', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => texts(r.chatId).length === 1, { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage(REPORT_2));
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.includes('Pak Darto')), { what: 'card' });
    const id = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    const app = h.saring.app!;
    const auth = { authorization: `Bearer ${token}` };
    // What a verdict without `summary` would publish: the text with the number masked.
    const detail = (await app.inject({ url: `/api/claims/${id}`, headers: auth })).json() as { summary: string | null; summaryPrefill: string };
    expect(detail.summary).toBeNull();
    expect(detail.summaryPrefill).toContain('(WA +62 813 •••• ••••, rumah di Gang Melati 9)');
    const summary = 'Kabar berantai: jembatan di Mampun Baru akan dibongkar minggu depan dan ditutup tiga bulan.';
    const verdict = await app.inject({
      method: 'POST',
      url: `/api/claims/${id}/verdict`,
      headers: auth,
      payload: { verdict: 'hoaks', clarification: 'Jembatan tidak dibongkar; PUPR hanya mengecat ulang.', sources: ['https://merangin.go.id/pupr'], summary },
    });
    expect(verdict.statusCode).toBe(200);
    const feed = (await app.inject({ url: '/claimreview.json' })).json() as Array<{ url: string; claimReviewed: string }>;
    expect(feed.find((c) => c.url.endsWith(`/klarifikasi/${id}`))?.claimReviewed).toBe(summary);

    const sql = h.saring.database.sql;
    await sql`update reports set received_at = now() - interval '200 days' where claim_id = ${id}`;
    const result = await h.saring.services.privacy.purge(new Date(Date.now() - 180 * 86_400_000));
    expect(result).toMatchObject({ reports: 1, claims: 1 });
    const edited = await waitFor(() => {
      const now = h.emulator.botMessagesTo(mods.groupId).find((m) => m.message_id === card.message_id);
      return now && !now.text.includes('Pak Darto') ? now : null;
    }, { what: 'card edited', timeoutMs: 15_000 });
    expect(edited.text).toContain(summary);
    const found = (await everyTextValue(h)).filter((v) => digitsOnly(v.value).includes(PHONE_2_DIGITS) || v.value.includes('Gang Melati'));
    expect(found.map((f) => f.where)).toEqual([]);
    const [claim] = await sql`select c.text, c.report_count from claims c where c.id = ${id}`;
    expect(claim).toMatchObject({ text: summary, report_count: 1 });
  });
});
