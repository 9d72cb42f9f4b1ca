import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundDrained } from '../helpers/saring.js';
import { registerGroups } from '../helpers/groups.js';
import { resident } from '../helpers/telegram.js';
import { seedRegions } from '../helpers/moderation.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
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
 * (Telegram is down, WhatsApp's connection too). Erasure re-renders the queued deliveries; each must still be the
 * message Diskominfo sent — summary, clarification, the public page's link and the card, and on WhatsApp the
 * greeting the group was given — only without the resident's text.
 */
describe('erasure while a broadcast is queued', () => {
  let h: WhatsAppHarness;
  let groupId = 0;
  const waGroupId = waGroup();
  let actor: { id: number; role: 'diskominfo'; regionCode: string };
  type Delivery = { state: string; body: string; card_verdict_id: number | null };
  /** The broadcast's deliveries: one to the Telegram group, one to the WhatsApp group. */
  const queued = async (broadcastId: number) => {
    const rows = await h.saring.database.sql<(Delivery & { platform: string })[]>`
      select platform, state, body, card_verdict_id from outbound_messages where broadcast_id = ${broadcastId}`;
    const of = (platform: string): Delivery => {
      const row = rows.find((r) => r.platform === platform);
      if (!row) throw new Error(`no ${platform} delivery`);
      return { state: row.state, body: row.body, card_verdict_id: row.card_verdict_id };
    };
    expect(rows).toHaveLength(2);
    return { telegram: of('telegram'), whatsapp: of('whatsapp') };
  };
  const greetingOf = (body: string) => body.split('\n')[0]!;

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

  /**
   * The broadcast, started while Telegram is down (its delivery tried once and refused) and WhatsApp's connection
   * has timed out (sends wait for it): both deliveries wait in the ledger.
   */
  async function queuedDuringOutage(claimId: number): Promise<number> {
    h.emulator.setOutage(true);
    h.wa.client().changeState('TIMEOUT');
    expect(h.saring.whatsapp!.state()).not.toBe('ready');
    const broadcastId = (await h.saring.services.broadcasts.start({ claimId, regions: ['15.02'], platforms: ['telegram', 'whatsapp'], actor })).id;
    // Tried once and refused by the outage: still queued, as it would be for the hours an outage lasts.
    await waitFor(async () => (await h.saring.database.sql`select 1 from outbound_messages where broadcast_id = ${broadcastId} and platform = 'telegram' and attempts > 0 and state = 'queued'`).length > 0, {
      what: 'delivery refused once',
    });
    return broadcastId;
  }

  function outageOver(): void {
    h.emulator.setOutage(false);
    h.wa.client().changeState('CONNECTED');
  }

  beforeAll(async () => {
    h = await startWhatsAppHarness({ PUBLIC_URL, HOME_REGION: '15.02' });
    await seedRegions(h);
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    groupId = (await registerGroups(h, ['15.02.13.2005']))[0]!.telegramChatId;
    // A WhatsApp KIM group of the same desa, registered as staff would.
    const { chat } = await h.saring.services.identity.resolve({ platform: 'whatsapp', chat: { id: waGroupId, kind: 'group', title: 'KIM Simpang Limbur' }, sender: { id: waUser(), isBot: false } });
    await h.saring.services.repos.groups.register({ chatId: chat.id, platform: 'whatsapp', name: 'KIM Simpang Limbur', regionCode: '15.02.13.2005' });
  });
  afterAll(async () => h?.stop());

  it('keeps the link, the summary, the card and the WhatsApp greeting on the queued deliveries, and sends them once the platforms are back', async () => {
    const { reportId, claimId } = await reported(REPORT);
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'Tidak ada daftar ulang BPJS di kantor desa. Kartu tetap aktif.', sources: ['https://merangin.go.id/klarifikasi'], summary: SUMMARY, actor });

    const broadcastId = await queuedDuringOutage(claimId);
    const { telegram: before, whatsapp: waBefore } = await queued(broadcastId);
    expect(before.body).toContain(SUMMARY);
    expect(before.body).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(t.broadcastVariants.greetings).toContain(greetingOf(waBefore.body));
    expect(waBefore.body).toContain(SUMMARY);

    expect(await h.saring.services.erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const { telegram: after, whatsapp: waAfter } = await queued(broadcastId);
    expect(after).toMatchObject({ state: 'queued', card_verdict_id: before.card_verdict_id });
    expect(after.body).toBe(before.body);
    expect(after.body).not.toContain('Bu Ratna');
    // The WhatsApp delivery too is what it was, greeting and all.
    expect(waAfter).toMatchObject({ state: 'queued', card_verdict_id: waBefore.card_verdict_id });
    expect(waAfter.body).toBe(waBefore.body);

    outageOver();
    const delivered = await waitFor(() => h.emulator.botMessagesTo(groupId).find((m) => m.photo), { what: 'broadcast delivered', timeoutMs: 30_000 });
    expect(delivered.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(delivered.caption).toContain(SUMMARY);
    expect(delivered.caption).not.toContain('0821');
    const waDelivered = await waitFor(() => h.wa.sentTo(waGroupId).find((m) => m.content.includes(SUMMARY)), { what: 'WhatsApp broadcast delivered', timeoutMs: 30_000 });
    expect(greetingOf(waDelivered.content)).toBe(greetingOf(waBefore.body));
  });

  it("takes the report's own text out of queued deliveries that quoted it, and sends the rest once the platforms are back", async () => {
    const { reportId, claimId } = await reported(QUOTED_REPORT);
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: QUOTED_CLARIFICATION, sources: ['https://merangin.go.id/klarifikasi'], actor });
    // A publish always approves a summary (by default the masked pre-fill); a claim decided before summaries existed
    // has none. Its broadcast quotes the claim's text, which is the report's; it has no public page, so the delivery
    // carries no link, and no card is sent with it (a card is a published claim's).
    await h.saring.database.sql`update claims set summary = null where id = ${claimId}`;
    const broadcastId = await queuedDuringOutage(claimId);
    const { telegram: before, whatsapp: waBefore } = await queued(broadcastId);
    for (const row of [before, waBefore]) {
      expect(row.body).toContain('Pak Joko Susilo');
      expect(row.body).toContain('posyandu Simpang Limbur tutup sebulan');
      expect(row.body).toContain(QUOTED_CLARIFICATION);
      expect(row.body).not.toContain(`${PUBLIC_URL}/klarifikasi/`);
      expect(row.card_verdict_id).not.toBeNull();
    }
    expect(t.broadcastVariants.greetings).toContain(greetingOf(waBefore.body));

    expect(await h.saring.services.erasure.eraseReport(reportId, 'resident')).not.toBeNull();
    const { telegram: after, whatsapp: waAfter } = await queued(broadcastId);
    // Still the same deliveries, waiting: the clarification as before, quoting what is left of the claim.
    for (const [row, was] of [[after, before], [waAfter, waBefore]] as const) {
      expect(row).toMatchObject({ state: 'queued', card_verdict_id: was.card_verdict_id });
      expect(row.body).not.toContain('Pak Joko Susilo');
      expect(row.body).not.toContain('0813');
      expect(row.body).not.toContain('posyandu Simpang Limbur tutup sebulan');
      expect(row.body).toContain(t.erasedClaimText);
      expect(row.body).toContain(QUOTED_CLARIFICATION);
      expect(row.body).not.toContain(`${PUBLIC_URL}/klarifikasi/`);
    }
    // The WhatsApp group keeps the greeting it was given at the start.
    expect(greetingOf(waAfter.body)).toBe(greetingOf(waBefore.body));

    outageOver();
    await waitFor(async () => Object.values(await queued(broadcastId)).every((row) => row.state === 'sent'), { what: 'broadcast delivered', timeoutMs: 30_000 });
    await outboundDrained(h);
    const delivered = h.emulator.botMessagesTo(groupId).filter((m) => m.text.includes(QUOTED_CLARIFICATION));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.text).toBe(after.body);
    expect(delivered[0]!.photo).toBeUndefined();
    const waDelivered = h.wa.sentTo(waGroupId).filter((m) => m.content.includes(QUOTED_CLARIFICATION));
    expect(waDelivered).toHaveLength(1);
    expect(greetingOf(waDelivered[0]!.content)).toBe(greetingOf(waBefore.body));
    expect(waDelivered[0]!.content).not.toContain('Pak Joko Susilo');
    expect(waDelivered[0]!.media).toBeUndefined();
  });
});
