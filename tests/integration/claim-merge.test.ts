import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { auditEvents, chats, claims, reports } from '../../src/db/schema/index.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { waitFor } from '../helpers/wait.js';

const TEXTS = {
  kept: 'Beredar pesan bahwa air sumur di Desa Limbur tercemar limbah tambang emas dan warga dilarang memakainya untuk minum mulai hari ini',
  copy: 'Katanya sumur-sumur warga Limbur sudah kena limbah merkuri dari tambang, jangan dipakai masak atau minum dulu sampai ada pengumuman',
  third: 'Info penting: semua sumur di Limbur beracun karena limbah tambang emas ilegal, sebarkan ke keluarga supaya tidak ada yang minum',
  elsewhere: 'Pesan berantai: pasar induk kota akan ditutup sebulan penuh mulai besok karena renovasi total, pedagang diminta mengosongkan kios',
};

/**
 * Merging duplicates from outside the chat: the API and the dashboard form share the chat's rules (both
 * claims in the caller's region, no merging into a merged claim, no cycles), and a resident whose report
 * moves to a decided claim is told its verdict once.
 */
describe('merging claims from the API and the dashboard', () => {
  let h: Harness;
  let app: FastifyInstance;
  let moderatorToken: string;
  const ids = {} as Record<keyof typeof TEXTS, number>;
  const people = {} as Record<keyof typeof TEXTS, ReturnType<typeof resident>>;
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const merge = (from: number, into: unknown, token = moderatorToken) =>
    app.inject({ method: 'POST', url: `/api/claims/${from}/merge`, headers: bearer(token), payload: { into } as object });

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    const s = h.saring.services;
    moderatorToken = (await s.staff.add({ name: 'KIM Limbur', role: 'moderator', regionCode: '15.02.13' })).token;
    const db = h.saring.database.db;
    for (const key of Object.keys(TEXTS) as Array<keyof typeof TEXTS>) {
      const r = resident(h.emulator);
      people[key] = r;
      await r.client.sendMessage(r.client.makeMessage(TEXTS[key]));
      await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0], { what: `ticket for ${key}`, timeoutMs: 15_000 });
      const [row] = await db.select().from(reports).where(eq(reports.rawText, TEXTS[key]));
      ids[key] = row!.claimId!;
      const region = key === 'elsewhere' ? '62.02.01.2001' : '15.02.13.2005';
      await db.update(claims).set({ regionCode: region }).where(eq(claims.id, ids[key]));
      await db.update(chats).set({ regionCode: region }).where(inArray(chats.id, [row!.chatId]));
    }
    expect(new Set(Object.values(ids)).size).toBe(4);
    const published = await app.inject({
      method: 'POST',
      url: `/api/claims/${ids.kept}/verdict`,
      headers: bearer(moderatorToken),
      payload: { verdict: 'hoaks', clarification: 'Hasil uji laboratorium dinas kesehatan: air sumur Limbur aman diminum.', sources: ['https://merangin.go.id/air'] },
    });
    expect(published.statusCode).toBe(200);
  }, 90_000);
  afterAll(async () => h?.stop());

  it('refuses what the chat refuses: itself, unknown, another region, a bad body', async () => {
    expect((await merge(ids.copy, ids.copy)).json().error.code).toBe('VALIDATION_FAILED');
    expect((await merge(ids.copy, 999_999)).statusCode).toBe(404);
    const foreign = await merge(ids.copy, ids.elsewhere);
    // Another region's claim answers exactly like a missing one (issue 11: no existence oracle).
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    for (const bad of ['dua belas', -1, 0, null, 1.5]) expect((await merge(ids.copy, bad)).statusCode, String(bad)).toBe(400);
    // Nothing moved by any of these.
    const still = await h.saring.database.db.select().from(claims).where(eq(claims.id, ids.copy));
    expect(still[0]).toMatchObject({ mergedIntoId: null, reportCount: 1 });
  });

  it('moves the reports, closes the claim, and tells its reporter the verdict of the claim that stays', async () => {
    const res = await merge(ids.copy, ids.kept);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: ids.copy, into: ids.kept, moved: 1, answered: 1 });
    const told = await waitFor(() => h.emulator.botMessagesTo(people.copy.chatId).find((m) => m.text.includes('aman diminum')), {
      what: 'verdict of the kept claim',
      timeoutMs: 15_000,
    });
    expect(told.text).toContain('[HOAKS]');
    const detail = (await app.inject({ method: 'GET', url: `/api/claims/${ids.copy}`, headers: bearer(moderatorToken) })).json();
    expect(detail).toMatchObject({ status: 'closed', mergedIntoId: ids.kept, reportCount: 0, reports: [] });
    const kept = (await app.inject({ method: 'GET', url: `/api/claims/${ids.kept}`, headers: bearer(moderatorToken) })).json();
    expect(kept.reportCount).toBe(2);
    const audit = await h.saring.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'claim.merge'));
    expect(audit.map((a) => a.subject)).toContain(`claim:${ids.copy}`);
    // Once merged, it can move neither again nor the other way round (no cycle), and nothing joins it.
    expect((await merge(ids.copy, ids.third)).statusCode).toBe(409);
    expect((await merge(ids.third, ids.copy)).statusCode).toBe(409);
    const lateVerdict = await app.inject({
      method: 'POST',
      url: `/api/claims/${ids.copy}/verdict`,
      headers: bearer(moderatorToken),
      payload: { verdict: 'benar', clarification: 'Terlambat.', sources: ['https://example.org'] },
    });
    expect(lateVerdict.statusCode).toBe(409);
    // The answer went out once, whatever the retries of the merge.
    expect(h.emulator.botMessagesTo(people.copy.chatId).filter((m) => m.text.includes('aman diminum'))).toHaveLength(1);
  });

  it('merges from the dashboard form, with the reason in Indonesian when it cannot', async () => {
    const session = await dashboardLogin(app, moderatorToken);
    const post = (into: string) =>
      app.inject({ method: 'POST', url: `/dashboard/claims/${ids.third}/merge`, headers: { cookie: session.cookie }, payload: { _csrf: session.csrf, into } });
    const page = await app.inject({ method: 'GET', url: `/dashboard/claims/${ids.third}`, headers: { cookie: session.cookie } });
    expect(page.body).toContain(`action="/dashboard/claims/${ids.third}/merge"`);

    const typo = await post('dua belas');
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('Tulis nomor klaim lain');
    const foreign = await post(String(ids.elsewhere));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toContain('Klaim dengan nomor itu tidak ada.');

    const done = await post(`#${ids.kept}`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/dashboard/claims/${ids.kept}?gabung=${ids.third}&pindah=1`);
    const landed = await app.inject({ method: 'GET', url: done.headers.location as string, headers: { cookie: session.cookie } });
    expect(landed.body).toContain(`Klaim #${ids.third} digabung ke klaim ini; 1 laporan dipindahkan ke sini.`);
    const closed = await app.inject({ method: 'GET', url: `/dashboard/claims/${ids.third}`, headers: { cookie: session.cookie } });
    expect(closed.body).toContain(`sudah digabung ke <a href="/dashboard/claims/${ids.kept}">Klaim #${ids.kept}</a>`);
    expect(closed.body).not.toContain(`action="/dashboard/claims/${ids.third}/merge"`);
    await waitFor(() => h.emulator.botMessagesTo(people.third.chatId).find((m) => m.text.includes('aman diminum')), { what: 'verdict after a dashboard merge', timeoutMs: 15_000 });
  });
});
