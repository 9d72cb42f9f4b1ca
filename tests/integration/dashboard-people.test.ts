import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { seedRegions } from '../helpers/moderation.js';
import { csrfOf, dashboardLogin } from '../helpers/dashboard.js';

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const secretOf = (body: string, id: string) => new RegExp(`id="${id}">(?:/masuk )?([^<]+)<`).exec(body)?.[1] ?? '';

/**
 * People-first inputs and the staff lifecycle over HTTP: region names resolve (exact first, only
 * within the caller's region) for the JSON picker and the forms without scripts; Diskominfo manages
 * its own region's moderators from the dashboard; a disabled or rotated token dies at once.
 */
describe('dashboard: region names and staff lifecycle', () => {
  let h: Harness;
  let app: FastifyInstance;
  const tokens = {} as Record<'admin' | 'diskominfo' | 'moderator' | 'otherDiskominfo', string>;
  const ids = {} as Record<keyof typeof tokens, number>;
  let claimLimbur: number;

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    await seedRegions(h);
    const s = h.saring.services;
    for (const [key, role, region] of [
      ['admin', 'admin', '15'],
      ['diskominfo', 'diskominfo', '15.02'],
      ['moderator', 'moderator', '15.02.13'],
      ['otherDiskominfo', 'diskominfo', '62.02'],
    ] as const) {
      const made = await s.staff.add({ name: `Staf ${key}`, role, regionCode: region });
      tokens[key] = made.token;
      ids[key] = made.staff.id;
    }
    const [row] = await h.saring.database.sql<{ id: number }[]>`
      insert into claims (text, basic_text, basic_hash, region_code, status)
      values ('Air sumur Limbur tercemar', 'air sumur limbur tercemar', 'dash-people-1', '15.02.13.2002', 'new') returning id`;
    claimLimbur = row!.id;
  }, 60_000);
  afterAll(async () => h?.stop());

  it('finds regions by name within the caller region, exact name first, codes still work', async () => {
    const search = async (q: string, token: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/regions?q=${encodeURIComponent(q)}`, headers: bearer(token) });
      expect(res.statusCode, q).toBe(200);
      return (res.json() as { items: Array<{ code: string; label: string; exact: boolean }> }).items;
    };
    const limbur = await search('limbur merangin', tokens.moderator);
    expect(limbur[0]).toEqual({ code: '15.02.13.2002', label: 'Desa Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin', level: 4, exact: true });
    expect(limbur.map((r) => r.code)).toContain('15.02.13.2005'); // "Simpang Limbur Merangin" comes after the exact one
    expect((await search('Merangin', tokens.diskominfo))[0]).toMatchObject({ code: '15.02', label: 'Kab. Merangin, Prov. Jambi', exact: true });
    // Another region's places are not offered (nor revealed) to a moderator of Pamenang Barat.
    expect(await search('Kota Besi', tokens.moderator)).toEqual([]);
    expect((await search('Kota Besi', tokens.admin)).map((r) => r.code)).toContain('62.02.01');
    expect((await search('15.02.13', tokens.moderator))[0]).toMatchObject({ code: '15.02.13', label: 'Kec. Pamenang Barat, Kab. Merangin' });
    // Bearer only; a bad query is a 400 by schema.
    expect((await app.inject({ method: 'GET', url: '/api/regions?q=limbur' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/regions?q=${'x'.repeat(81)}`, headers: bearer(tokens.admin) })).statusCode).toBe(400);
    // The dashboard's picker endpoint takes the session cookie.
    const session = await dashboardLogin(app, tokens.moderator);
    const viaSession = await app.inject({ method: 'GET', url: '/dashboard/api/regions?q=tanjung', headers: { cookie: session.cookie } });
    expect(viaSession.json().items[0]).toMatchObject({ code: '15.02.13.2001', label: 'Desa Tanjung Lamin, Kec. Pamenang Barat, Kab. Merangin' });
  });

  it('filters the queue by a typed name without any script, and explains a name it cannot place', async () => {
    const session = await dashboardLogin(app, tokens.moderator);
    const get = (q: string) => app.inject({ method: 'GET', url: `/dashboard?region=${encodeURIComponent(q)}`, headers: { cookie: session.cookie } });
    const byName = await get('Limbur Merangin');
    expect(byName.body).toContain(`data-claim="${claimLimbur}"`);
    expect(byName.body).toContain('Wilayah: Desa Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
    // Names, not codes, in the rows and the header.
    expect(byName.body).toContain('Desa Limbur Merangin, Kab. Merangin');
    expect(byName.body).toContain('Kec. Pamenang Barat, Kab. Merangin</span></span>');
    expect((await get('Tanjung Lamin')).body).not.toContain(`data-claim="${claimLimbur}"`);
    expect((await get('15.02.13.2002')).body).toContain(`data-claim="${claimLimbur}"`);
    expect((await get('Kota Besi')).body).toContain('tidak ditemukan di wilayah Anda');
    expect((await get('62.02')).body).toContain('di luar wilayah Anda');
  });

  it('lets Diskominfo add a moderator of its own region by region name, never an admin or another region', async () => {
    const session = await dashboardLogin(app, tokens.diskominfo);
    const add = (form: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/dashboard/staff', headers: { cookie: session.cookie }, payload: { _csrf: session.csrf, ...form } });
    const page = await app.inject({ method: 'GET', url: '/dashboard/staff', headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    // Its own region's staff only: not the other kabupaten's Diskominfo.
    expect(page.body).toContain(`data-staff="${ids.moderator}"`);
    expect(page.body).not.toContain(`data-staff="${ids.otherDiskominfo}"`);
    expect(page.body).not.toContain('<option value="admin"');

    expect((await add({ name: 'Naik pangkat', role: 'admin', region: 'Merangin' })).body).toContain('Pilih peran yang boleh Anda buat');
    expect((await add({ name: 'Salah wilayah', role: 'moderator', region: 'Kota Besi' })).body).toContain('tidak ditemukan di wilayah Anda');
    expect((await add({ name: 'Salah wilayah', role: 'moderator', region: '62.02.01' })).body).toContain('di luar wilayah Anda');
    const made = await add({ name: 'KIM Tanjung Lamin', role: 'moderator', region: 'Tanjung Lamin' });
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const token = secretOf(made.body, 'new-token');
    expect(token).toMatch(/^srg_/);
    expect(secretOf(made.body, 'new-code')).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const newcomer = await h.saring.services.staff.byToken(token);
    expect(newcomer).toMatchObject({ name: 'KIM Tanjung Lamin', role: 'moderator', regionCode: '15.02.13.2001' });
    expect(made.body).toContain('Desa Tanjung Lamin, Kab. Merangin');
  });

  it('disables a moderator: its token, its session and its chat link die at once', async () => {
    const target = await h.saring.services.staff.add({ name: 'KIM Mampun', role: 'moderator', regionCode: '15.02.13.2006', telegramUserId: '777001' });
    const theirs = await dashboardLogin(app, target.token);
    expect((await app.inject({ method: 'GET', url: '/api/claims', headers: bearer(target.token) })).statusCode).toBe(200);
    const officer = await dashboardLogin(app, tokens.diskominfo);
    const post = (id: number, action: string, session = officer) =>
      app.inject({ method: 'POST', url: `/dashboard/staff/${id}/${action}`, headers: { cookie: session.cookie }, payload: { _csrf: session.csrf } });

    // Not its to manage: an admin, another region's Diskominfo, itself.
    expect((await post(ids.admin, 'disable')).statusCode).toBe(404);
    expect((await post(ids.otherDiskominfo, 'rotate')).statusCode).toBe(404);
    expect((await post(ids.diskominfo, 'disable')).statusCode).toBe(403);
    // A moderator manages no one.
    const moderator = await dashboardLogin(app, tokens.moderator);
    expect((await post(target.staff.id, 'disable', moderator)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/dashboard/staff', headers: { cookie: moderator.cookie } })).body).toContain('tidak untuk peran Anda');

    const done = await post(target.staff.id, 'disable');
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('KIM Mampun dinonaktifkan');
    expect((await app.inject({ method: 'GET', url: '/api/claims', headers: bearer(target.token) })).statusCode).toBe(401);
    const afterwards = await app.inject({ method: 'GET', url: '/dashboard', headers: { cookie: theirs.cookie } });
    expect(afterwards.statusCode).toBe(303);
    expect(afterwards.headers.location).toBe('/dashboard/login');
    expect(await h.saring.services.staff.byChatUser('telegram', '777001')).toBeUndefined();
    expect((await post(target.staff.id, 'disable')).body).toContain('sudah nonaktif');
  });

  it('rotates a token from the admin page: the old one is refused at once, the new one works', async () => {
    const admin = await dashboardLogin(app, tokens.admin);
    const page = await app.inject({ method: 'GET', url: '/dashboard/staff', headers: { cookie: admin.cookie } });
    expect(page.body).toContain(`data-staff="${ids.otherDiskominfo}"`);
    const old = tokens.otherDiskominfo;
    const res = await app.inject({
      method: 'POST',
      url: `/dashboard/staff/${ids.otherDiskominfo}/rotate`,
      headers: { cookie: admin.cookie },
      payload: { _csrf: csrfOf(page.body) },
    });
    expect(res.statusCode).toBe(200);
    const fresh = secretOf(res.body, 'new-token');
    expect(fresh).toMatch(/^srg_/);
    expect((await app.inject({ method: 'GET', url: '/api/claims', headers: bearer(old) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/claims', headers: bearer(fresh) })).statusCode).toBe(200);
    // A new /masuk code from the page links a Telegram account once.
    const coded = await app.inject({ method: 'POST', url: `/dashboard/staff/${ids.moderator}/code`, headers: { cookie: admin.cookie }, payload: { _csrf: csrfOf(res.body) } });
    const code = secretOf(coded.body, 'new-code');
    expect(await h.saring.services.staff.linkWithCode('telegram', '777002', code)).toMatchObject({ id: ids.moderator });
    expect(await h.saring.services.staff.linkWithCode('telegram', '777003', code)).toBeUndefined();
    // Without the CSRF token nothing happens, with an Indonesian page.
    const forged = await app.inject({ method: 'POST', url: `/dashboard/staff/${ids.moderator}/disable`, headers: { cookie: admin.cookie }, payload: {} });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulir sudah kedaluwarsa');
    expect(await h.saring.services.staff.byToken(tokens.moderator)).toBeDefined();
  });

  it('takes "belum terbukti" and "di luar cakupan" without a source over the API too, nothing else', async () => {
    const post = (verdict: string, sources: string[]) =>
      app.inject({ method: 'POST', url: `/api/claims/${claimLimbur}/verdict`, headers: bearer(tokens.moderator), payload: { verdict, clarification: 'Belum ada bukti.', sources } });
    expect((await post('hoaks', [])).statusCode).toBe(400);
    expect((await post('benar', [])).statusCode).toBe(400);
    expect((await post('belum_terbukti', [])).statusCode).toBe(200);
    expect((await post('di_luar_cakupan', [])).statusCode).toBe(200);
    expect((await post('hoaks', ['https://merangin.go.id/x'])).statusCode).toBe(200);
  });

  it('answers unknown pages and refusals in Bahasa Indonesia', async () => {
    const session = await dashboardLogin(app, tokens.moderator);
    const missing = await app.inject({ method: 'GET', url: '/dashboard/tidak-ada', headers: { cookie: session.cookie } });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Tidak ditemukan');
    expect(missing.body).not.toMatch(/No route|not found/);
    const forbidden = await app.inject({ method: 'GET', url: '/dashboard/broadcasts', headers: { cookie: session.cookie } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('Tidak diizinkan');
    expect(forbidden.body).not.toMatch(/needs one of the roles/);
  });
});
