import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { auditEvents, chats, claims, reports, residents } from '../../src/db/schema/index.js';
import { formatTicket } from '../../src/domain/ticket.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { waitFor } from '../helpers/wait.js';
import { CLAIM, CLARIFICATION, LIKE_IT, NOT_IT } from '../fixtures/suggestion-texts.js';


/**
 * A report the matcher only suggested is the moderator's call. Confirmed after the verdict, its resident is told
 * then (not before); detached, it becomes a claim of its own and later verdicts of the first claim skip it.
 */
describe('settling suggested matches from the API and the dashboard', () => {
  let h: Harness;
  let app: FastifyInstance;
  let token: string;
  let claimId: number;
  const people = {} as Record<'first' | 'like' | 'not', ReturnType<typeof resident>>;
  const reportOf = {} as Record<'first' | 'like' | 'not', number>;
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const post = (url: string, as = token) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${as}` } });

  async function report(key: 'first' | 'like' | 'not', text: string) {
    const r = resident(h.emulator);
    people[key] = r;
    await r.client.sendMessage(r.client.makeMessage(text));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: `ticket for ${key}`, timeoutMs: 15_000 });
    const db = h.saring.database.db;
    const [row] = await waitFor(async () => {
      const rows = await db.select().from(reports).where(eq(reports.rawText, text));
      return rows[0]?.status === 'analyzed' ? rows : undefined;
    }, { what: `${key} analyzed` });
    reportOf[key] = row!.id;
    await db.update(residents).set({ regionCode: '15.02.13.2005' }).where(eq(residents.id, row!.residentId));
    return row!;
  }

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    token = (await h.saring.services.staff.add({ name: 'KIM Limbur', role: 'moderator', regionCode: '15.02.13' })).token;
    const first = await report('first', CLAIM);
    claimId = first.claimId!;
    const db = h.saring.database.db;
    await db.update(claims).set({ regionCode: '15.02.13.2005' }).where(eq(claims.id, claimId));
    await db.update(chats).set({ regionCode: '15.02.13.2005' }).where(inArray(chats.id, [first.chatId]));
    const published = await app.inject({
      method: 'POST',
      url: `/api/claims/${claimId}/verdict`,
      headers: bearer(),
      payload: { verdict: 'hoaks', clarification: CLARIFICATION, sources: ['https://merangin.go.id/air'] },
    });
    expect(published.statusCode).toBe(200);
    for (const [key, text] of [['like', LIKE_IT], ['not', NOT_IT]] as const) {
      const row = await report(key, text);
      expect(row, key).toMatchObject({ claimId, matchLevel: 'suggest' });
    }
  }, 90_000);
  afterAll(async () => h?.stop());

  it('shows in the queue how many reports wait for a moderator to settle them', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/claims?region=15.02.13', headers: bearer() });
    expect(res.json().items.find((c: { id: number }) => c.id === claimId)).toMatchObject({ suggested: 2, reportCount: 3 });
    const session = await dashboardLogin(app, token);
    const queue = await app.inject({ method: 'GET', url: '/dashboard', headers: { cookie: session.cookie } });
    expect(queue.body).toContain('2 perlu konfirmasi');
  });

  it('does not tell a suggested reporter the verdict until a moderator confirms, then tells them once', async () => {
    // The first reply is only a ticket: the match is not sure enough to answer with the clarification.
    const before = h.emulator.botMessagesTo(people.like.chatId);
    expect(before.some((m) => m.text.includes(CLARIFICATION))).toBe(false);
    const res = await post(`/api/reports/${reportOf.like}/confirm-match`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reportId: reportOf.like, claimId, answered: 1 });
    await waitFor(() => h.emulator.botMessagesTo(people.like.chatId).find((m) => m.text.includes(CLARIFICATION)), { what: 'clarification after confirm' });
    // Confirming again is refused and sends nothing more.
    expect((await post(`/api/reports/${reportOf.like}/confirm-match`)).statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.emulator.botMessagesTo(people.like.chatId).filter((m) => m.text.includes(CLARIFICATION))).toHaveLength(1);
  });

  it('refuses what makes no sense or is not yours', async () => {
    expect((await post(`/api/reports/${reportOf.first}/confirm-match`)).statusCode).toBe(409);
    expect((await post(`/api/reports/${reportOf.first}/detach`)).statusCode).toBe(409);
    expect((await post('/api/reports/999999/detach')).statusCode).toBe(404);
    const outsider = (await h.saring.services.staff.add({ name: 'KIM lain', role: 'moderator', regionCode: '62.02.01' })).token;
    const foreign = await post(`/api/reports/${reportOf.not}/detach`, outsider);
    // Another region's report answers exactly like a missing one (issue 11).
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
  });

  it('detaches from the dashboard: the report starts its own claim, and the first claim no longer counts it', async () => {
    const session = await dashboardLogin(app, token);
    const page = await app.inject({ method: 'GET', url: `/dashboard/claims/${claimId}`, headers: { cookie: session.cookie } });
    expect(page.body).toContain('hanya mirip — perlu dicek');
    expect(page.body).toContain(`action="/dashboard/reports/${reportOf.not}/detach"`);
    expect(page.body).toContain('mirip, sudah dikonfirmasi');

    const res = await app.inject({ method: 'POST', url: `/dashboard/reports/${reportOf.not}/detach`, headers: { cookie: session.cookie }, payload: { _csrf: session.csrf } });
    expect(res.statusCode).toBe(303);
    const db = h.saring.database.db;
    const [moved] = await db.select().from(reports).where(eq(reports.id, reportOf.not));
    expect(moved!.claimId).not.toBe(claimId);
    expect(moved!.matchLevel).toBe('detached');
    expect(res.headers.location).toBe(`/dashboard/claims/${claimId}?pisah=${reportOf.not}&klaim=${moved!.claimId}`);
    const back = await app.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: session.cookie } });
    expect(back.body).toContain(`Laporan ${formatTicket(reportOf.not)} dipisahkan menjadi klaim #${moved!.claimId}.`);

    const [own] = await db.select().from(claims).where(eq(claims.id, moved!.claimId!));
    expect(own).toMatchObject({ text: NOT_IT, reportCount: 1, regionCode: '15.02.13.2005', status: 'new' });
    expect(own!.score).not.toBeNull();
    const [first] = await db.select().from(claims).where(eq(claims.id, claimId));
    expect(first!.reportCount).toBe(2);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'report.detached'));
    expect(audit.map((a) => a.subject)).toEqual([`report:${reportOf.not}`]);

    // A later (official) verdict on the first claim corrects its reporters, and never reaches the detached one.
    const diskominfo = (await h.saring.services.staff.add({ name: 'Diskominfo', role: 'diskominfo', regionCode: '15.02' })).token;
    const official = await app.inject({
      method: 'POST',
      url: `/api/claims/${claimId}/verdict`,
      headers: { authorization: `Bearer ${diskominfo}` },
      payload: { verdict: 'menyesatkan', clarification: 'Sebagian sumur memang ditutup sementara untuk diuji.', sources: ['https://merangin.go.id/resmi'] },
    });
    expect(official.json()).toMatchObject({ answered: 0, corrected: 2 });
    await waitFor(() => h.emulator.botMessagesTo(people.like.chatId).find((m) => m.text.startsWith('RALAT')), { what: 'correction to the confirmed reporter' });
    expect(h.emulator.botMessagesTo(people.not.chatId).some((m) => m.text.includes('ditutup sementara') || m.text.includes(CLARIFICATION))).toBe(false);

    // It is its own claim now: there is nothing left to detach it from.
    const again = await app.inject({ method: 'POST', url: `/dashboard/reports/${reportOf.not}/detach`, headers: { cookie: session.cookie }, payload: { _csrf: session.csrf } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Laporan itu tidak bisa diubah begitu');
  });

  it('publishing a verdict with a suggestion in view answers its resident and counts as confirming it', async () => {
    const bridge = 'Pengumuman: jembatan gantung Desa Tanjung Lamin ditutup total selama dua minggu mulai besok karena tali baja putus dan warga diminta memutar lewat jalan kabupaten';
    const similar = 'Katanya jembatan gantung Tanjung Lamin ditutup dua minggu karena tali bajanya putus, warga harus memutar lewat jalan kabupaten';
    const first = await report('first', bridge);
    const db = h.saring.database.db;
    await db.update(claims).set({ regionCode: '15.02.13.2001' }).where(eq(claims.id, first.claimId!));
    const joined = await report('like', similar);
    expect(joined).toMatchObject({ claimId: first.claimId, matchLevel: 'suggest' });
    const res = await app.inject({
      method: 'POST',
      url: `/api/claims/${first.claimId}/verdict`,
      headers: bearer(),
      payload: { verdict: 'benar', clarification: 'Benar, jembatan ditutup untuk perbaikan tali baja.', sources: ['https://merangin.go.id/jembatan'] },
    });
    expect(res.json()).toMatchObject({ answered: 2, corrected: 0 });
    const [after] = await db.select().from(reports).where(eq(reports.id, joined.id));
    expect(after!.matchLevel).toBe('confirmed');
    await waitFor(() => h.emulator.botMessagesTo(people.like.chatId).find((m) => m.text.includes('perbaikan tali baja')), { what: 'answer to the suggested reporter' });
  });
});
