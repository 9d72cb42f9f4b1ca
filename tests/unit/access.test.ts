import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { canReviewClaim, isRegionCode, queueScope, regionCovers, type Actor } from '../../src/domain/access.js';
import { accessPlugin } from '../../src/api/plugins/access.plugin.js';
import type { StaffRow } from '../../src/db/schema/index.js';

const moderator: Actor = { id: 1, role: 'moderator', regionCode: '15.02.13' };
const diskominfo: Actor = { id: 2, role: 'diskominfo', regionCode: '15.02' };
const admin: Actor = { id: 3, role: 'admin', regionCode: '62' };

describe('region rules', () => {
  it.each([
    ['15.02', '15.02.13.2005', true],
    ['15.02', '15.02', true],
    ['15.02', '15.021', false],
    ['15.02.13', '15.02', false],
    ['62.02', null, false],
  ] as const)('regionCovers(%s, %s) = %s', (scope, region, expected) => {
    expect(regionCovers(scope, region)).toBe(expected);
  });

  it.each(['15', '15.02', '15.02.13', '15.02.13.2005'])('accepts the code %s', (code) => expect(isRegionCode(code)).toBe(true));
  it.each(['', '1', '15.2', '15.02.13.205', '15.02.13.2005.1', '15-02', "15.02' or 1=1"])('rejects %j', (code) => expect(isRegionCode(code)).toBe(false));

  it('lets staff review claims that come from, or are routed to, their region; admins everywhere', () => {
    const claim = { regionCode: '15.02.13.2005', routedRegion: null };
    expect(canReviewClaim(moderator, claim)).toBe(true);
    expect(canReviewClaim({ ...moderator, regionCode: '15.02.12' }, claim)).toBe(false);
    expect(canReviewClaim({ ...moderator, regionCode: '15.02.12' }, { regionCode: '15.02.13.2005', routedRegion: '15.02.12' })).toBe(true);
    expect(canReviewClaim(admin, { regionCode: null, routedRegion: null })).toBe(true);
  });

  it('narrows a queue filter to the caller and refuses one outside their region', () => {
    expect(queueScope(moderator, undefined)).toEqual({ prefix: '15.02.13' });
    expect(queueScope(moderator, '15.02')).toEqual({ prefix: '15.02.13' });
    expect(queueScope(moderator, '15.02.13.2005')).toEqual({ prefix: '15.02.13.2005' });
    expect(queueScope(moderator, '62.02')).toBeUndefined();
    expect(queueScope(diskominfo, '15.02.01')).toEqual({ prefix: '15.02.01' });
    expect(queueScope(admin, undefined)).toEqual({ prefix: null });
    expect(queueScope(admin, '15.02')).toEqual({ prefix: '15.02' });
  });
});

describe('the access plugin', () => {
  const moderatorRow = { id: 9, name: 'M', role: 'moderator', regionCode: '15.02.13' } as StaffRow;
  async function app() {
    const a = Fastify();
    await a.register(cookie, { secret: 'x'.repeat(32) });
    await a.register(accessPlugin, {
      staff: { byToken: async (t) => (t === 'srg_moderator-token' ? moderatorRow : undefined) },
      audit: { record: async () => undefined },
      sessions: { create: async () => 'id', resolve: async () => undefined, destroy: async () => undefined },
      claimRegion: async () => undefined,
      exempt: (url) => url.startsWith('/docs'),
    });
    return a;
  }

  it('refuses to start with a route that declares no access rule', async () => {
    const a = await app();
    expect(() => a.post('/api/forgotten', async () => ({}))).toThrow(/declares no access rule/);
    await a.close();
  });

  it('refuses a rule in a nested plugin too, and a rule with no roles', async () => {
    const a = await app();
    a.register(async (child) => {
      child.get('/api/nested', async () => ({}));
    });
    await expect(a.ready()).rejects.toThrow(/declares no access rule/);
    const b = await app();
    expect(() => b.get('/api/nobody', { config: { access: { roles: [] } } }, async () => ({}))).toThrow(/at least one role/);
    await b.close();
  });

  it('collects every declared route, lets exempt ones through, and answers 401 without credentials', async () => {
    const a = await app();
    a.get('/docs/static/x', async () => 'ok');
    a.get('/open', { config: { access: 'public' } }, async () => 'ok');
    a.post('/closed', { config: { access: { roles: ['admin'] } } }, async () => 'ok');
    await a.ready();
    expect(a.accessRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /open', 'POST /closed']);
    expect((await a.inject({ method: 'GET', url: '/open' })).statusCode).toBe(200);
    expect((await a.inject({ method: 'POST', url: '/closed' })).statusCode).toBe(401);
    expect((await a.inject({ method: 'POST', url: '/closed', headers: { authorization: 'Bearer srg_not-a-real-token' } })).statusCode).toBe(401);
    expect((await a.inject({ method: 'POST', url: '/closed', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    await a.close();
  });

  it('answers 403 to an authenticated caller of the wrong role', async () => {
    const a = await app();
    a.post('/admins-only', { config: { access: { roles: ['admin', 'diskominfo'] } } }, async () => 'ok');
    a.post('/staff', { config: { access: { roles: ['moderator'] } } }, async (req) => req.staff?.id);
    await a.ready();
    const auth = { authorization: 'Bearer srg_moderator-token' };
    expect((await a.inject({ method: 'POST', url: '/admins-only', headers: auth })).statusCode).toBe(403);
    const ok = await a.inject({ method: 'POST', url: '/staff', headers: auth });
    expect([ok.statusCode, ok.body]).toEqual([200, '9']);
    await a.close();
  });
});
