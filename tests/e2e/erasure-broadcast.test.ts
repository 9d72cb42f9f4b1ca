import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const REPORT = 'Info dari Bu Ratna (hp 0821 5555 4444): mulai Senin semua warga Simpang Limbur wajib daftar ulang BPJS di kantor desa, kalau tidak kartunya diblokir';
const SUMMARY = 'Pesan berantai: warga wajib daftar ulang BPJS di kantor desa atau kartu diblokir.';

/**
 * A resident erases the report a broadcast's claim came from while the broadcast still waits to go out
 * (Telegram is down). Erasure re-renders the queued deliveries; each must still be the message Diskominfo
 * sent — summary, clarification, the public page's link and the card — only without the resident's text.
 */
describe('erasure while a broadcast is queued', () => {
  let h: Harness;
  const groupId = -4_200_001;
  let claimId = 0;
  let reportId = 0;
  let broadcastId = 0;
  const queued = () => h.saring.database.sql<{ state: string; body: string; card_verdict_id: number | null }[]>`
    select state, body, card_verdict_id from outbound_messages where broadcast_id = ${broadcastId}`;

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL, HOME_REGION: '15.02' });
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  it('keeps the link, the summary and the card on the queued delivery, and sends it once Telegram is back', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(REPORT));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId).some((m) => /T-\d+/.test(m.text)), { what: 'ticket' });
    const [row] = await h.saring.database.sql<{ id: number; claim_id: number }[]>`select id, claim_id from reports where raw_text = ${REPORT}`;
    ({ id: reportId, claim_id: claimId } = row!);
    // A resident without a desa reaches the home region's moderators: Diskominfo can decide once it is routed there.
    await waitFor(async () => (await h.saring.database.sql`select 1 from claims where id = ${claimId} and routed_region is not null`).length > 0, { what: 'claim routed' });

    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const actor = { id: staff.staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'Tidak ada daftar ulang BPJS di kantor desa. Kartu tetap aktif.', sources: ['https://merangin.go.id/klarifikasi'], summary: SUMMARY, actor });
    const registered = await h.saring.app!.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { authorization: `Bearer ${staff.token}` },
      payload: { platform: 'telegram', chatId: String(groupId), name: 'KIM Simpang Limbur', region: '15.02.13.2005' },
    });
    expect(registered.statusCode).toBe(201);

    h.emulator.setOutage(true);
    broadcastId = (await h.saring.services.broadcasts.start({ claimId, regions: ['15.02'], platforms: ['telegram'], actor })).id;
    // Tried once and refused by the outage: still queued, as it would be for the hours an outage lasts.
    await waitFor(async () => (await h.saring.database.sql`select 1 from outbound_messages where broadcast_id = ${broadcastId} and attempts > 0 and state = 'queued'`).length > 0, { what: 'delivery refused once' });
    const [before] = await queued();
    expect(before!.body).toContain(SUMMARY);
    expect(before!.body).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);

    expect(await h.saring.services.erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const [after] = await queued();
    expect(after).toMatchObject({ state: 'queued', card_verdict_id: before!.card_verdict_id });
    expect(after!.body).toBe(before!.body);
    expect(after!.body).not.toContain('Bu Ratna');

    h.emulator.setOutage(false);
    const delivered = await waitFor(() => h.emulator.botMessagesTo(groupId).find((m) => m.photo), { what: 'broadcast delivered', timeoutMs: 30_000 });
    expect(delivered.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(delivered.caption).toContain(SUMMARY);
    expect(delivered.caption).not.toContain('0821');
  });
});
