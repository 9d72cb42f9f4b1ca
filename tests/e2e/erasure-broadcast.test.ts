import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundDrained, startHarness, type Harness } from '../helpers/saring.js';
import { registerGroups } from '../helpers/groups.js';
import { resident } from '../helpers/telegram.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';
import { id as t } from '../../src/domain/messages/id.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const REPORT = 'Info dari Bu Ratna (hp 0821 5555 4444): mulai Senin semua warga Simpang Limbur wajib daftar ulang BPJS di kantor desa, kalau tidak kartunya diblokir';
const SUMMARY = 'Pesan berantai: warga wajib daftar ulang BPJS di kantor desa atau kartu diblokir.';
/** The report of a claim without an approved summary: its broadcast quotes the report's own text. */
const QUOTED_REPORT = 'Kabar dari Pak Joko Susilo (wa 0813 7777 2222): posyandu Simpang Limbur tutup sebulan, balita yang belum imunisasi campak tidak dapat bantuan susu lagi';
const QUOTED_CLARIFICATION = 'Posyandu Simpang Limbur tetap buka setiap Selasa. Bantuan susu tidak terkait imunisasi.';

/**
 * A resident erases the report a broadcast's claim came from while the broadcast still waits to go out
 * (Telegram is down). Erasure re-renders the queued deliveries; each must still be the message Diskominfo
 * sent — summary, clarification, the public page's link and the card — only without the resident's text.
 */
describe('erasure while a broadcast is queued', () => {
  let h: Harness;
  let groupId = 0;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };
  const queued = (broadcastId: number) => h.saring.database.sql<{ state: string; body: string; card_verdict_id: number | null }[]>`
    select state, body, card_verdict_id from outbound_messages where broadcast_id = ${broadcastId}`;

  /** A resident's report, stored and routed to the home region's moderators (a resident without a desa reaches them). */
  async function reported(text: string): Promise<{ reportId: number; claimId: number }> {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId).some((m) => /T-\d+/.test(m.text)), { what: 'ticket' });
    const [row] = await h.saring.database.sql<{ id: number; claim_id: number }[]>`select id, claim_id from reports where raw_text = ${text}`;
    const claimId = row!.claim_id;
    // Diskominfo can decide once the claim is routed.
    await waitFor(async () => (await h.saring.database.sql`select 1 from claims where id = ${claimId} and routed_region is not null`).length > 0, { what: 'claim routed' });
    return { reportId: row!.id, claimId };
  }

  /** The broadcast's one delivery, started while Telegram is down and tried once: it waits in the ledger. */
  async function queuedDuringOutage(claimId: number): Promise<number> {
    h.emulator.setOutage(true);
    const broadcastId = (await h.saring.services.broadcasts.start({ claimId, regions: ['15.02'], platforms: ['telegram'], actor })).id;
    // Tried once and refused by the outage: still queued, as it would be for the hours an outage lasts.
    await waitFor(async () => (await h.saring.database.sql`select 1 from outbound_messages where broadcast_id = ${broadcastId} and attempts > 0 and state = 'queued'`).length > 0, { what: 'delivery refused once' });
    return broadcastId;
  }

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL, HOME_REGION: '15.02' });
    await seedRegions(h);
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    groupId = (await registerGroups(h, ['15.02.13.2005']))[0]!.telegramChatId;
  });
  afterAll(async () => h?.stop());

  it('keeps the link, the summary and the card on the queued delivery, and sends it once Telegram is back', async () => {
    const { reportId, claimId } = await reported(REPORT);
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'Tidak ada daftar ulang BPJS di kantor desa. Kartu tetap aktif.', sources: ['https://merangin.go.id/klarifikasi'], summary: SUMMARY, actor });

    const broadcastId = await queuedDuringOutage(claimId);
    const [before] = await queued(broadcastId);
    expect(before!.body).toContain(SUMMARY);
    expect(before!.body).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);

    expect(await h.saring.services.erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const [after] = await queued(broadcastId);
    expect(after).toMatchObject({ state: 'queued', card_verdict_id: before!.card_verdict_id });
    expect(after!.body).toBe(before!.body);
    expect(after!.body).not.toContain('Bu Ratna');

    h.emulator.setOutage(false);
    const delivered = await waitFor(() => h.emulator.botMessagesTo(groupId).find((m) => m.photo), { what: 'broadcast delivered', timeoutMs: 30_000 });
    expect(delivered.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(delivered.caption).toContain(SUMMARY);
    expect(delivered.caption).not.toContain('0821');
  });

  it("takes the report's own text out of a queued delivery that quoted it, and sends the rest once Telegram is back", async () => {
    const { reportId, claimId } = await reported(QUOTED_REPORT);
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: QUOTED_CLARIFICATION, sources: ['https://merangin.go.id/klarifikasi'], actor });
    // A publish always approves a summary (by default the masked pre-fill); a claim decided before summaries existed
    // has none. Its broadcast quotes the claim's text, which is the report's; it has no public page, so the delivery
    // carries no link, and no card is sent with it (a card is a published claim's).
    await h.saring.database.sql`update claims set summary = null where id = ${claimId}`;
    const broadcastId = await queuedDuringOutage(claimId);
    const [before] = await queued(broadcastId);
    expect(before!.body).toContain('Pak Joko Susilo');
    expect(before!.body).toContain('posyandu Simpang Limbur tutup sebulan');
    expect(before!.body).toContain(QUOTED_CLARIFICATION);
    expect(before!.body).not.toContain(`${PUBLIC_URL}/klarifikasi/`);
    expect(before!.card_verdict_id).not.toBeNull();

    expect(await h.saring.services.erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const [after] = await queued(broadcastId);
    // Still the same delivery, waiting: the clarification as before, quoting what is left of the claim.
    expect(after).toMatchObject({ state: 'queued', card_verdict_id: before!.card_verdict_id });
    expect(after!.body).not.toContain('Pak Joko Susilo');
    expect(after!.body).not.toContain('0813');
    expect(after!.body).not.toContain('posyandu Simpang Limbur tutup sebulan');
    expect(after!.body).toContain(t.erasedClaimText);
    expect(after!.body).toContain(QUOTED_CLARIFICATION);
    expect(after!.body).not.toContain(`${PUBLIC_URL}/klarifikasi/`);

    h.emulator.setOutage(false);
    await waitFor(async () => (await queued(broadcastId))[0]!.state === 'sent', { what: 'broadcast delivered', timeoutMs: 30_000 });
    await outboundDrained(h);
    const delivered = h.emulator.botMessagesTo(groupId).filter((m) => m.text.includes(QUOTED_CLARIFICATION));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.text).toBe(after!.body);
    expect(delivered[0]!.photo).toBeUndefined();
  });
});
