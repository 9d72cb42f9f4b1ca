import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { officialHoax } from '../helpers/groups.js';

/**
 * Red team, limits: failed authentication threw 401 before the rate limiter ran (150 guesses, 150
 * audit rows); trustProxy: true let any client pick its address with X-Forwarded-For (login limit
 * evaded, fake IP in the audit) and rewrite every ClaimReview `url` with X-Forwarded-Host.
 */
describe('authentication failures, proxies and public URLs', () => {
  let h: Harness;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    // No PUBLIC_URL and no TRUST_PROXY: the development defaults an attacker would meet.
    h = await startHarness({ PUBLIC_URL: undefined, TRUST_PROXY: undefined });
    app = h.saring.app!;
    token = (await h.saring.services.staff.add({ name: 'Admin', role: 'admin', regionCode: '62' })).token;
  });
  afterAll(async () => h?.stop());

  const guess = () => `srg_${randomBytes(24).toString('base64url')}`;
  const fakeIp = (i: number) => `10.${i % 250}.${(i * 7) % 250}.${(i * 13) % 250}`;
  const auditRows = async (address: string) =>
    h.saring.database.sql<Array<{ action: string; data: Record<string, unknown> }>>`
      select action, data from audit_events where data->>'ip' = ${address} order by id`;

  it('150 failed guesses with rotating X-Forwarded-For: limited after 10, before any check, and two audit rows', async () => {
    const address = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/claims',
        remoteAddress: address,
        headers: { authorization: `Bearer ${guess()}`, 'x-forwarded-for': fakeIp(i) },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(140).fill(429));
    // Even the right token is refused from a limited address: a limit that answered right guesses would leak them.
    const right = await app.inject({ method: 'GET', url: '/api/claims', remoteAddress: address, headers: { authorization: `Bearer ${token}` } });
    expect(right.statusCode).toBe(429);
    // Another address is unaffected.
    const elsewhere = await app.inject({ method: 'GET', url: '/api/claims', remoteAddress: '203.0.113.8', headers: { authorization: `Bearer ${token}` } });
    expect(elsewhere.statusCode).toBe(200);

    const rows = await auditRows(address);
    expect(rows.map((r) => r.action)).toEqual(['auth.failed', 'auth.limited']);
    expect(rows[1]!.data).toMatchObject({ limitedBy: 'address', failures: 10 });
    // The audit shows the real address, never one a client wrote in a header.
    const spoofed = await h.saring.database.sql`select 1 from audit_events where data->>'ip' like '10.%'`;
    expect(spoofed).toHaveLength(0);
    expect(JSON.stringify(await h.saring.database.sql`select data from audit_events`)).not.toContain('srg_');
  });

  it('limits guesses at one token prefix coming from many addresses', async () => {
    const prefix = `srg_${randomBytes(6).toString('base64url')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/claims',
        remoteAddress: `198.18.0.${i + 1}`,
        headers: { authorization: `Bearer ${prefix}${randomBytes(16).toString('base64url')}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('does not let rotating X-Forwarded-For evade the dashboard login limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/dashboard/login',
        remoteAddress: '203.0.113.50',
        headers: { 'x-forwarded-for': fakeIp(i + 500) },
        payload: { token: guess() },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(10);
  });

  it('builds every ClaimReview url from the configured base, whatever Host or X-Forwarded-Host say', async () => {
    const { claimId } = await officialHoax(h, 'Pesan berantai: air PDAM tercemar limbah mulai besok, jangan diminum walau dimasak');
    const base = `http://127.0.0.1:${h.env.PORT}`;
    for (const headers of [{}, { 'x-forwarded-host': 'evil.example' }, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }]) {
      const res = await app.inject({ method: 'GET', url: '/claimreview.json', headers });
      expect(res.statusCode).toBe(200);
      const urls = (res.json() as Array<{ url: string }>).map((r) => r.url);
      expect(urls).toContain(`${base}/klarifikasi/${claimId}`);
      for (const u of urls) expect(u.startsWith(`${base}/`), u).toBe(true);
    }
  });

  it('answers 400 to ids beyond PostgreSQL integer and to cursors it never issued, never 500', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const cursor = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
    const calls: Array<{ method: 'GET' | 'POST'; url: string; payload?: unknown }> = [
      { method: 'GET', url: '/api/claims/2147483648' },
      { method: 'GET', url: '/api/claims/99999999999999999999' },
      { method: 'GET', url: '/api/claims/-1' },
      { method: 'POST', url: '/api/claims/2147483648/verdict', payload: { verdict: 'hoaks', clarification: 'x', sources: ['https://a.id'] } },
      { method: 'POST', url: '/api/claims/1/merge', payload: { into: 2147483648 } },
      { method: 'POST', url: '/api/reports/2147483648/detach' },
      { method: 'POST', url: '/api/reports/2147483648/confirm-match' },
      { method: 'GET', url: '/api/broadcasts/2147483648' },
      { method: 'GET', url: `/api/claims?cursor=${cursor({ u: 1, i: 1e15, t: '2026-01-01T00:00:00Z' })}` },
      { method: 'GET', url: `/api/claims?cursor=${cursor({ u: 1, i: -5, t: '2026-01-01T00:00:00Z' })}` },
      { method: 'GET', url: `/api/claims?cursor=${cursor({ u: 'x', i: 1, t: 'yesterday' })}` },
      { method: 'GET', url: '/api/claims?cursor=%27%3B%20drop%20table%20claims' },
      { method: 'GET', url: '/api/claims?cursor=' },
    ];
    for (const c of calls) {
      const res = await app.inject({ method: c.method, url: c.url, headers: auth, remoteAddress: '127.0.0.9', ...(c.payload ? { payload: c.payload as Record<string, unknown> } : {}) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const dash = await app.inject({ method: 'GET', url: '/dashboard/broadcasts/2147483648', remoteAddress: '127.0.0.9' });
    expect(dash.statusCode).not.toBe(500);
  });
});

describe('TRUST_PROXY set to the proxy address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ TRUST_PROXY: '192.0.2.1' });
  });
  afterAll(async () => h?.stop());

  it('believes X-Forwarded-For from that proxy only', async () => {
    const app = h.saring.app!;
    const bad = { authorization: 'Bearer srg_nobody-at-all-0000000000' };
    await app.inject({ method: 'GET', url: '/api/claims', remoteAddress: '192.0.2.1', headers: { ...bad, 'x-forwarded-for': '203.0.113.99' } });
    await app.inject({ method: 'GET', url: '/api/claims', remoteAddress: '192.0.2.2', headers: { ...bad, 'x-forwarded-for': '203.0.113.98' } });
    const ips = (await h.saring.database.sql<Array<{ ip: string }>>`select data->>'ip' as ip from audit_events where action = 'auth.failed' order by id`).map((r) => r.ip);
    expect(ips).toEqual(['203.0.113.99', '192.0.2.2']);
  });
});
