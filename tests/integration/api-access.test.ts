import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/db/schema/index.js';
import type { StaffRole } from '../../src/domain/access.js';
import type { RouteAccess, StaffRule } from '../../src/api/auth/access-rule.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { dashboardLogin as login } from '../helpers/dashboard.js';

/**
 * Every mutating route, read from the running app (the access plugin's onRoute collector), so a
 * route added later is covered without touching this file.
 */
const PUBLIC_MUTATING = new Set(['POST /dashboard/login', 'POST /telegram/webhook']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Caller {
  token: string;
  role: StaffRole;
  region: string;
  session?: { cookie: string; csrf: string };
}

describe('every mutating route refuses the unauthenticated, the wrong role and other regions', () => {
  let h: Harness;
  let app: FastifyInstance;
  let claimId: number;
  const callers: Record<string, Caller> = {};

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    const s = h.saring.services;
    const add = async (key: string, role: StaffRole, region: string) => {
      const { token } = await s.staff.add({ name: key, role, regionCode: region });
      callers[key] = { token, role, region };
    };
    await add('admin', 'admin', '62');
    await add('diskominfoHere', 'diskominfo', '15.02');
    await add('moderatorHere', 'moderator', '15.02.13');
    await add('diskominfoElsewhere', 'diskominfo', '62.02');
    await add('moderatorElsewhere', 'moderator', '62.02.01');
    const text = 'Pengumuman palsu: bantuan tunai desa dibagikan hari ini, warga wajib mendaftar lewat tautan ini';
    const claim = await s.repos.claims.findOrCreateByHash({
      text,
      basicText: text.toLowerCase(),
      basicHash: createHash('sha256').update(text).digest('hex'),
      normalizedText: null,
      regionCode: '15.02.13.2005',
    });
    claimId = claim.id;
    for (const c of Object.values(callers)) c.session = await login(app, c.token);
  });
  afterAll(async () => h?.stop());

  const routes = (): RouteAccess[] => app.accessRoutes.filter((r) => MUTATING.has(r.method));
  const urlOf = (r: RouteAccess) => r.url.replace(/:(\w+)/g, (_m, name: string) => ((r.access as StaffRule).claim === name ? String(claimId) : '1'));
  const name = (r: RouteAccess) => `${r.method} ${r.url}`;

  // Each forged attempt from its own address with its own token: the failure limiter (tested in
  // auth-limits.test.ts) would otherwise answer 429 after ten of them.
  let forgery = 0;
  async function call(r: RouteAccess, caller?: Caller, opts: { badCredential?: boolean } = {}) {
    const n = ++forgery;
    const rule = r.access as StaffRule;
    const headers: Record<string, string> = {};
    let payload: Record<string, unknown> = {};
    if (rule.via === 'session') {
      if (opts.badCredential) headers.cookie = `saring_session=forged${n}.value`;
      else if (caller?.session) {
        headers.cookie = caller.session.cookie;
        payload = { _csrf: caller.session.csrf };
      }
    } else if (opts.badCredential) headers.authorization = `Bearer srg_${String(n).padStart(8, '0')}forged-token-0000000000`;
    else if (caller) headers.authorization = `Bearer ${caller.token}`;
    const remoteAddress = opts.badCredential ? `198.51.100.${n % 250}` : '127.0.0.1';
    return app.inject({ method: r.method as 'POST', url: urlOf(r), headers, payload, remoteAddress });
  }

  it('finds the mutating routes, and only the expected ones are public', () => {
    const names = routes().map(name);
    expect(names).toEqual(expect.arrayContaining(['POST /api/claims/:id/verdict', 'POST /dashboard/claims/:id/verdict', 'POST /dashboard/logout']));
    const publicOnes = routes().filter((r) => r.access === 'public').map(name);
    expect(publicOnes.filter((n) => !PUBLIC_MUTATING.has(n))).toEqual([]);
  });

  it('answers 401 without credentials and with forged ones', async () => {
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const none = await call(r);
      expect(none.statusCode, `${name(r)} without credentials`).toBe(401);
      if ((r.access as StaffRule).via !== 'session') expect(none.json().error.code).toBe('UNAUTHENTICATED');
      const forged = await call(r, undefined, { badCredential: true });
      expect(forged.statusCode, `${name(r)} with a forged credential`).toBe(401);
    }
  });

  it('answers 403 to a role the route does not allow', async () => {
    for (const r of routes().filter((x) => x.access !== 'public')) {
      const rule = r.access as StaffRule;
      // A caller of each excluded role, placed where the claim is, so only the role can fail.
      for (const role of (['admin', 'diskominfo', 'moderator'] as const).filter((x) => !rule.roles.includes(x))) {
        const caller = Object.values(callers).find((c) => c.role === role && (c.region === '62' || '15.02.13.2005'.startsWith(c.region)))!;
        const res = await call(r, caller);
        expect(res.statusCode, `${name(r)} as ${role}`).toBe(403);
      }
    }
    // Today every staff route admits all three roles, so this loop checks nothing yet; the first
    // role-restricted route (e.g. POST /api/broadcasts) is covered here as soon as it exists.
    // tests/unit/access.test.ts checks the role refusal itself on a route of its own.
  });

  it('answers 404 to staff of another region (as for a claim that does not exist), and lets staff of the claim region through', async () => {
    const scoped = routes().filter((x) => x.access !== 'public' && (x.access as StaffRule).claim);
    expect(scoped.length).toBeGreaterThan(0);
    for (const r of scoped) {
      const rule = r.access as StaffRule;
      const outsider = rule.roles.includes('moderator') ? callers.moderatorElsewhere! : callers.diskominfoElsewhere!;
      const denied = await call(r, outsider);
      expect(denied.statusCode, `${name(r)} from another region`).toBe(404);
      if (rule.via !== 'session') expect(denied.json().error.code).toBe('NOT_FOUND');
      // Same request from inside the region passes the access checks (and fails later, on the empty body).
      const insider = rule.roles.includes('moderator') ? callers.moderatorHere! : callers.diskominfoHere!;
      const allowed = await call(r, insider);
      expect([401, 403], `${name(r)} from the claim's region`).not.toContain(allowed.statusCode);
    }
  });

  it('writes failed attempts and refusals to the audit log', async () => {
    const db = h.saring.database.db;
    const failed = await db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.failed'));
    expect(failed.length).toBeGreaterThan(0);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.denied')));
    // Refused as "not found", still written down as a region refusal.
    expect(denied.some((e) => (e.data as { reason?: string }).reason === 'region')).toBe(true);
    const logins = await db.select().from(auditEvents).where(eq(auditEvents.action, 'login.success'));
    expect(logins).toHaveLength(Object.keys(callers).length);
    // Never the token itself.
    for (const e of [...failed, ...denied, ...logins]) expect(JSON.stringify(e)).not.toContain('srg_');
  });

  it('keeps read routes in scope too: a claim of another region is 404 like a missing one, the queue shows only your region', async () => {
    const other = await app.inject({ method: 'GET', url: `/api/claims/${claimId}`, headers: { authorization: `Bearer ${callers.moderatorElsewhere!.token}` } });
    const missing = await app.inject({ method: 'GET', url: '/api/claims/2147483647', headers: { authorization: `Bearer ${callers.moderatorElsewhere!.token}` } });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    // Byte for byte the same, apart from the number asked for.
    expect(other.body.replace(String(claimId), 'N')).toBe(missing.body.replace('2147483647', 'N'));
    const queue = await app.inject({ method: 'GET', url: '/api/claims', headers: { authorization: `Bearer ${callers.moderatorElsewhere!.token}` } });
    expect(queue.json().items).toEqual([]);
    const outside = await app.inject({ method: 'GET', url: '/api/claims?region=15.02', headers: { authorization: `Bearer ${callers.moderatorElsewhere!.token}` } });
    expect(outside.statusCode).toBe(403);
    const mine = await app.inject({ method: 'GET', url: '/api/claims', headers: { authorization: `Bearer ${callers.moderatorHere!.token}` } });
    expect(mine.json().items.map((c: { id: number }) => c.id)).toEqual([claimId]);
    const cookieOnApi = await app.inject({ method: 'GET', url: '/api/claims', headers: { cookie: callers.admin!.session!.cookie } });
    expect(cookieOnApi.statusCode).toBe(401);
  });

  it('limits login attempts more strictly than the rest (run last: it locks this app out of logging in)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await app.inject({ method: 'POST', url: '/dashboard/login', payload: { token: 'guess' }, remoteAddress: '192.0.2.44' })).statusCode);
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(10);
    const api = await app.inject({ method: 'GET', url: '/api/claims', headers: { authorization: `Bearer ${callers.admin!.token}` } });
    expect(api.statusCode).toBe(200);
  });
});
