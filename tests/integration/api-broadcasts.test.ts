import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regions } from '../../src/db/schema/index.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';

/** A second kecamatan of Merangin next to the seeded 15.02.13, so "one kecamatan" has a neighbour to leave out. */
const EXTRA_REGIONS: Array<[string, string]> = [
  ['15.02.14', 'Kecamatan Tetangga'],
  ['15.02.14.2001', 'Desa Tetangga Satu'],
  ['15.02.14.2002', 'Desa Tetangga Dua'],
];
const TARGET_DESA = ['15.02.13.2001', '15.02.13.2002', '15.02.13.2005', '15.02.13.2006'];
const OTHER_DESA = ['15.02.14.2001', '15.02.14.2002'];

describe('groups and broadcasts API over the whole service and the Bot API emulator', () => {
  let h: Harness;
  let app: FastifyInstance;
  const token: Record<'admin' | 'diskominfo' | 'moderator' | 'elsewhere', string> = { admin: '', diskominfo: '', moderator: '', elsewhere: '' };
  /** telegram chat id → the register response. */
  const registered = new Map<number, { id: number; chatId: number; region: string; active: boolean }>();
  let nextTelegramGroup = -4_100_000;
  let officialClaim = 0;
  let communityClaim = 0;
  let bareClaim = 0;

  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const registerGroup = (t: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/groups', headers: bearer(t), payload: body });
  const newClaim = async (text: string) =>
    (
      await h.saring.services.repos.claims.findOrCreateByHash({
        text,
        basicText: text.toLowerCase(),
        basicHash: createHash('sha256').update(text).digest('hex'),
        normalizedText: null,
        regionCode: '15.02.13.2005',
      })
    ).id;
  const verdict = (t: string, claimId: number, clarification: string) =>
    app.inject({ method: 'POST', url: `/api/claims/${claimId}/verdict`, headers: bearer(t), payload: { verdict: 'hoaks', clarification, sources: ['https://merangin.go.id/klarifikasi'] } });

  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_RATE_GLOBAL_PER_SEC: '30' });
    app = h.saring.app!;
    await seedRegions(h);
    await h.saring.database.db
      .insert(regions)
      .values(EXTRA_REGIONS.map(([code, name]) => ({ code, name, level: code.split('.').length, parentCode: code.slice(0, code.lastIndexOf('.')) })))
      .onConflictDoNothing();
    const s = h.saring.services.staff;
    token.admin = (await s.add({ name: 'Admin', role: 'admin', regionCode: '62' })).token;
    token.diskominfo = (await s.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' })).token;
    token.moderator = (await s.add({ name: 'KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' })).token;
    token.elsewhere = (await s.add({ name: 'Diskominfo Kotim', role: 'diskominfo', regionCode: '62.02' })).token;

    officialClaim = await newClaim('Gardu induk PLN Bangko meledak sehingga listrik padam total se-Kabupaten Merangin selama seminggu penuh mulai besok');
    communityClaim = await newClaim('Beras plastik dari luar negeri beredar di pasar Pamenang, jangan membeli beras curah sampai ada pengumuman resmi');
    bareClaim = await newClaim('Sekolah di Pamenang Barat diliburkan dua minggu karena ada wabah penyakit kulit menular di kalangan murid');
    expect((await verdict(token.diskominfo, officialClaim, 'Tidak ada ledakan; listrik Merangin normal. Pemadaman bergilir hanya dua jam, terjadwal.')).json()).toMatchObject({ kind: 'official' });
    expect((await verdict(token.moderator, communityClaim, 'Tidak ada beras plastik di pasar Pamenang; sudah dicek petugas.')).json()).toMatchObject({ kind: 'community' });
  });
  afterAll(async () => h?.stop());

  it('registers groups of the caller region, and re-registering is idempotent', async () => {
    for (const region of [...TARGET_DESA, ...OTHER_DESA]) {
      const telegramId = nextTelegramGroup--;
      const res = await registerGroup(token.diskominfo, { platform: 'telegram', chatId: String(telegramId), name: `KIM ${region}`, region });
      expect(res.statusCode, region).toBe(201);
      const body = res.json();
      expect(body).toEqual({ id: expect.any(Number), chatId: expect.any(Number), region, active: true });
      registered.set(telegramId, body);
    }
    const [firstId, first] = [...registered.entries()][0]!;
    const again = await registerGroup(token.admin, { platform: 'telegram', chatId: String(firstId), name: 'KIM Tanjung Lamin', region: first.region });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first);
    const [row] = await h.saring.database.sql`select name, region_code from kim_groups where id = ${first.id}`;
    expect(row).toEqual({ name: 'KIM Tanjung Lamin', region_code: first.region });
  });

  it('refuses another region (403), a moderator (403), an unknown region (400) and a private chat id (400)', async () => {
    const body = { platform: 'telegram', chatId: String(nextTelegramGroup--), name: 'KIM Luar', region: '15.02.13.2005' };
    const cross = await registerGroup(token.elsewhere, body);
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('FORBIDDEN');
    const moderator = await registerGroup(token.moderator, body);
    expect(moderator.statusCode).toBe(403);
    expect(moderator.json().error.code).toBe('FORBIDDEN');
    const unknown = await registerGroup(token.diskominfo, { ...body, region: '15.02.99.9999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    for (const bad of [{ ...body, chatId: '7000001' }, { ...body, region: 'Merangin' }, { ...body, platform: 'sms' }, { ...body, name: '' }, { ...body, platform: 'whatsapp' }]) {
      const res = await registerGroup(token.diskominfo, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    // Nor can another region's Diskominfo move an existing Merangin group into its own region.
    const [existing] = [...registered.keys()];
    const move = await registerGroup(token.elsewhere, { platform: 'telegram', chatId: String(existing), name: 'Pindahan', region: '62.02.01' });
    expect(move.statusCode).toBe(403);
    const noAuth = await app.inject({ method: 'POST', url: '/api/groups', payload: body });
    expect(noAuth.statusCode).toBe(401);
    const [{ n }] = (await h.saring.database.sql`select count(*)::int as n from kim_groups`) as unknown as [{ n: number }];
    expect(n).toBe(registered.size);
  });

  it('lists the groups of the caller region by name, without any chat id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/groups', headers: bearer(token.moderator) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((g) => g.region).sort()).toEqual(TARGET_DESA);
    expect(items[0]).toEqual({ id: expect.any(Number), name: expect.stringMatching(/^KIM /), region: expect.any(String), platform: 'telegram', active: true, mode: 'diam', registeredAt: expect.any(String) });
    for (const telegramId of registered.keys()) expect(res.body).not.toContain(String(telegramId));
    expect(res.body).not.toMatch(/chatId|addressEnc|chatKey/);
    const narrowed = await app.inject({ method: 'GET', url: '/api/groups?region=15.02.14', headers: bearer(token.diskominfo) });
    expect(narrowed.json().items.map((g: { region: string }) => g.region).sort()).toEqual(OTHER_DESA);
    expect((await app.inject({ method: 'GET', url: '/api/groups?region=62.02', headers: bearer(token.moderator) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/groups?region=x', headers: bearer(token.moderator) })).statusCode).toBe(400);
  });

  it('previews the exact message and its reach', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/broadcasts/preview', headers: bearer(token.diskominfo), payload: { claimId: officialClaim, regions: ['15.02.13'], platforms: ['telegram'] } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ groups: TARGET_DESA.length, subscribers: 0 });
    expect(body.text).toContain('KLARIFIKASI RESMI DISKOMINFO');
    expect(body.text).toContain('listrik Merangin normal');
    expect(await h.saring.database.sql`select 1 from broadcasts`).toHaveLength(0);
  });

  it('refuses a claim without an official verdict (409), the wrong role or region (403), a bad body (400), an unknown claim (404)', async () => {
    const post = (t: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/broadcasts', headers: bearer(t), payload });
    const ok = { claimId: officialClaim, regions: ['15.02.13'], platforms: ['telegram'] };
    for (const claimId of [communityClaim, bareClaim]) {
      const res = await post(token.diskominfo, { ...ok, claimId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    }
    expect((await post(token.moderator, ok)).statusCode).toBe(403);
    const cross = await post(token.elsewhere, ok);
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.code).toBe('FORBIDDEN');
    for (const bad of [{ ...ok, regions: [] }, { ...ok, regions: ['15.2'] }, { ...ok, platforms: ['sms'] }, { ...ok, platforms: [] }, { regions: ['15.02.13'], platforms: ['telegram'] }]) {
      const res = await post(token.diskominfo, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await post(token.diskominfo, { ...ok, claimId: 999_999 })).statusCode).toBe(404);
    expect(await h.saring.database.sql`select 1 from broadcasts`).toHaveLength(0);
  });

  it('broadcasts to one kecamatan: exactly its groups, once each, and the status reaches done', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/broadcasts', headers: bearer(token.diskominfo), payload: { claimId: officialClaim, regions: ['15.02.13'], platforms: ['telegram'] } });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    expect(id).toEqual(expect.any(Number));

    const status = await waitFor(async () => {
      const s = await app.inject({ method: 'GET', url: `/api/broadcasts/${id}`, headers: bearer(token.diskominfo) });
      expect(s.statusCode).toBe(200);
      return s.json().status === 'done' ? s.json() : null;
    }, { what: 'broadcast done', timeoutMs: 20_000 });
    expect(status).toEqual({ id, status: 'done', total: TARGET_DESA.length, sent: TARGET_DESA.length, failed: 0, pending: 0, failures: [] });

    await sleep(500);
    for (const [telegramId, g] of registered) {
      const got = h.emulator.botMessagesTo(telegramId);
      expect(got, g.region).toHaveLength(TARGET_DESA.includes(g.region) ? 1 : 0);
      if (got[0]) expect(got[0].text).toContain('listrik Merangin normal');
    }
    // Others may watch it only from inside its region.
    expect((await app.inject({ method: 'GET', url: `/api/broadcasts/${id}`, headers: bearer(token.elsewhere) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/broadcasts/${id}`, headers: bearer(token.moderator) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/broadcasts/${id}`, headers: bearer(token.admin) })).json().status).toBe('done');
    expect((await app.inject({ method: 'GET', url: '/api/broadcasts/999999', headers: bearer(token.diskominfo) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/broadcasts/abc', headers: bearer(token.diskominfo) })).statusCode).toBe(400);
  });

  it('reports a failed delivery by internal chat id and reason, and retry skips a group that removed the bot', async () => {
    const [kickedId, kicked] = [...registered.entries()].find(([, g]) => g.region === OTHER_DESA[0])!;
    h.emulator.kickedFrom.add(String(kickedId));
    const res = await app.inject({ method: 'POST', url: '/api/broadcasts', headers: bearer(token.diskominfo), payload: { claimId: officialClaim, regions: ['15.02.14'], platforms: ['telegram'] } });
    const { id } = res.json() as { id: number };
    const status = await waitFor(async () => {
      const s = (await app.inject({ method: 'GET', url: `/api/broadcasts/${id}`, headers: bearer(token.diskominfo) })).json();
      return s.status === 'done' ? s : null;
    }, { what: 'second broadcast done', timeoutMs: 20_000 });
    expect(status).toMatchObject({ total: 2, sent: 1, failed: 1, pending: 0 });
    expect(status.failures).toEqual([{ chatId: kicked.chatId, reason: expect.stringContaining('kicked') }]);
    expect(JSON.stringify(status)).not.toContain(String(kickedId));
    const retry = await app.inject({ method: 'POST', url: `/api/broadcasts/${id}/retry`, headers: bearer(token.diskominfo) });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ requeued: 0 });
    expect((await app.inject({ method: 'POST', url: `/api/broadcasts/${id}/retry`, headers: bearer(token.moderator) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/broadcasts/999999/retry', headers: bearer(token.diskominfo) })).statusCode).toBe(404);
    const groups = (await app.inject({ method: 'GET', url: '/api/groups?region=15.02.14', headers: bearer(token.diskominfo) })).json().items;
    expect(groups.find((g: { id: number }) => g.id === kicked.id)).toMatchObject({ active: false });
  });

  it('documents every new route in the OpenAPI document', async () => {
    const docs = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/groups', '/api/broadcasts', '/api/broadcasts/preview', '/api/broadcasts/{id}', '/api/broadcasts/{id}/retry']),
    );
    expect(docs.paths['/api/broadcasts'].post.requestBody.content['application/json'].schema.required).toEqual(['claimId', 'regions', 'platforms']);
  });
});
