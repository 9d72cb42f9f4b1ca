import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { expectFitsScreens, launchChromium, loginDashboard } from '../helpers/browser.js';
import { dashboardLogin } from '../helpers/dashboard.js';

/**
 * A seeded month in Kabupaten Merangin (and one claim elsewhere that must never be counted): every
 * number on the statistics page and in its CSV is checked against the seed, computed here by hand.
 */
const SEED_CLAIMS = [
  { key: 'a', region: '15.02.13.2005', firstSeen: '2026-11-02T01:00:00Z', verdictAt: '2026-11-02T05:00:00Z', verdict: 'hoaks', escalated: false },
  { key: 'b', region: '15.02.13.2001', firstSeen: '2026-11-03T01:00:00Z', verdictAt: '2026-11-04T01:00:00Z', verdict: 'benar', escalated: true },
  { key: 'c', region: '15.02.01.2001', firstSeen: '2026-11-05T10:00:00Z', verdictAt: null, verdict: null, escalated: true },
  { key: 'x', region: '32.03.01.2001', firstSeen: '2026-11-05T10:00:00Z', verdictAt: '2026-11-05T11:00:00Z', verdict: 'hoaks', escalated: true },
] as const;
// [claim, platform, received at]: 2026-11-02T18:30Z is already 3 November in WIB.
const SEED_REPORTS = [
  ['a', 'telegram', '2026-11-02T01:00:00Z'],
  ['a', 'whatsapp', '2026-11-02T02:00:00Z'],
  ['a', 'telegram', '2026-11-02T18:30:00Z'],
  ['b', 'telegram', '2026-11-03T01:00:00Z'],
  ['c', 'whatsapp', '2026-11-05T10:00:00Z'],
  ['c', 'whatsapp', '2026-11-06T10:00:00Z'],
  ['x', 'telegram', '2026-11-05T10:00:00Z'],
] as const;

describe('statistics page for Diskominfo and KIM', () => {
  let h: Harness;
  let app: FastifyInstance;
  let diskominfo: string;
  let moderator: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await startHarness();
    app = h.saring.app!;
    const s = h.saring.services;
    await s.regions.importLines(['15,Jambi', '15.02,Kabupaten Merangin', '15.02.13,Pamenang Barat', '15.02.01,Bangko', '15.02.13.2005,Simpang Limbur Merangin', '15.02.13.2001,Tanjung Lamin', '15.02.01.2001,Pasar Bangko']);
    diskominfo = (await s.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' })).token;
    moderator = (await s.staff.add({ name: 'KIM Pamenang Barat', role: 'moderator', regionCode: '15.02.13' })).token;
    const sql = h.saring.database.sql;
    const [res] = await sql`insert into residents (pseudonym, platform) values ('stats-r1', 'telegram') returning id`;
    const [chat] = await sql`insert into chats (platform, kind, chat_key, address_enc, resident_id) values ('telegram', 'private', 'stats-c1', 'x', ${res!.id}) returning id`;
    for (const c of SEED_CLAIMS) {
      const [row] = await sql`insert into claims (text, basic_text, basic_hash, region_code, first_seen_at, escalated_from, status)
        values (${`Klaim ${c.key} tentang bantuan sosial`}, ${c.key}, ${`stats-${c.key}`}, ${c.region}, ${c.firstSeen}, ${c.escalated ? c.region : null}, ${c.verdict ? 'verified' : 'new'}) returning id`;
      ids[c.key] = row!.id as number;
      if (c.verdict) await sql`insert into verdicts (claim_id, verdict, kind, clarification, created_at) values (${row!.id}, ${c.verdict}, 'official', 'Penjelasan.', ${c.verdictAt})`;
    }
    // "Did it help?": claim a's answer went to 4 residents in November (with the 👍/👎 buttons), one more in
    // December (outside the period) and one to a group (no buttons); 1 👍 and 2 👎. Claim x (outside) has one of each.
    const answerRows: Array<[string, string, boolean]> = [
      ['a', '2026-11-02T06:00:00Z', true],
      ['a', '2026-11-02T06:00:01Z', true],
      ['a', '2026-11-03T06:00:00Z', true],
      ['a', '2026-11-10T06:00:00Z', true],
      ['a', '2026-12-02T06:00:00Z', true],
      ['a', '2026-11-02T06:00:02Z', false],
      ['x', '2026-11-05T12:00:00Z', true],
    ];
    let k = 0;
    for (const [key, at, buttons] of answerRows) {
      const [v] = await sql`select id from verdicts where claim_id = ${ids[key]!} and current`;
      await sql`insert into outbound_messages (idempotency_key, platform, chat_id, purpose, body, state, sent_at, card_verdict_id, buttons)
        values (${`stats-answer-${k++}`}, 'telegram', ${chat!.id}, 'answer', 'jawaban', 'sent', ${at}, ${v!.id}, ${buttons ? JSON.stringify([[{ text: 'Membantu 👍', data: 'x' }]]) : null}::jsonb)`;
    }
    const taps: Array<[string, boolean, string]> = [
      ['a', true, '2026-11-02T07:00:00Z'],
      ['a', false, '2026-11-03T07:00:00Z'],
      ['a', false, '2026-11-04T07:00:00Z'],
      ['x', false, '2026-11-05T13:00:00Z'],
    ];
    for (const [i, [key, helpful, at]] of taps.entries()) {
      const [r] = await sql`insert into residents (pseudonym, platform) values (${`stats-tap-${i}`}, 'telegram') returning id`;
      const [v] = await sql`select id from verdicts where claim_id = ${ids[key]!} and current`;
      await sql`insert into answer_feedback (verdict_id, claim_id, resident_id, helpful, created_at) values (${v!.id}, ${ids[key]!}, ${r!.id}, ${helpful}, ${at})`;
    }
    let n = 0;
    for (const [key, platform, at] of SEED_REPORTS) {
      await sql`insert into reports (dedupe_key, platform, resident_id, chat_id, platform_message_id, raw_text, status, claim_id, received_at)
        values (${`stats-${n++}`}, ${platform}, ${res!.id}, ${chat!.id}, ${String(n)}, 'teks', 'analyzed', ${ids[key]!}, ${at})`;
    }
  }, 120_000);
  afterAll(async () => h?.stop());

  const period = 'from=2026-11-01&to=2026-11-30';

  it('counts only the staff member’s region, by WIB day, with names for regions', async () => {
    const { cookie } = await dashboardLogin(app, diskominfo);
    const res = await app.inject({ method: 'GET', url: `/dashboard/stats?${period}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('Statistik — Kab. Merangin, Prov. Jambi');
    // 6 reports in Merangin (the one in 32.03 is not theirs).
    expect(page).toMatch(/<strong>6<\/strong>laporan/);
    // Decided in the period: a (4 h) and b (24 h) → median 14 h, p90 22 h (linear interpolation).
    expect(page).toMatch(/<strong>2<\/strong>klaim diputus/);
    expect(page).toContain('14,0 jam');
    expect(page).toContain('22,0 jam');
    expect(page).toMatch(/<strong>2<\/strong>melewati batas waktu/);
    expect(page).toContain('<strong>75%</strong>jawaban dinilai warga (👍 1 · 👎 2 dari 4)');
    expect(page).toContain('Kec. Pamenang Barat, Kab. Merangin');
    expect(page).not.toContain(`/dashboard/claims/${ids.x}"`);
  });

  it('exports the same numbers as CSV', async () => {
    const { cookie } = await dashboardLogin(app, diskominfo);
    const res = await app.inject({ method: 'GET', url: `/dashboard/stats.csv?${period}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.body.trim().split('\r\n').map((l) => l.split(','));
    const get = (section: string, key: string) => rows.find((r) => r[0] === section && r[1] === key);
    // WIB days: 2 Nov: 2 reports (01:00Z, 02:00Z); 3 Nov: 2 (18:30Z on the 2nd, 01:00Z on the 3rd); 5 and 6 Nov: 1 each.
    expect(get('laporan_per_hari', '2026-11-02')?.[2]).toBe('2');
    expect(get('laporan_per_hari', '2026-11-03')?.[2]).toBe('2');
    expect(get('laporan_per_hari', '2026-11-05')?.[2]).toBe('1');
    expect(get('laporan_per_hari', '2026-11-06')?.[2]).toBe('1');
    expect(rows.filter((r) => r[0] === 'laporan_per_hari')).toHaveLength(30);
    expect(get('laporan_per_kanal', 'telegram')?.[2]).toBe('3');
    expect(get('laporan_per_kanal', 'whatsapp')?.[2]).toBe('3');
    expect(get('klaim_per_putusan', 'hoaks')?.[2]).toBe('1');
    expect(get('klaim_per_putusan', 'benar')?.[2]).toBe('1');
    expect(get('klaim_per_putusan', 'belum')?.[2]).toBe('1');
    // Per kecamatan: Pamenang Barat 4 reports / 2 claims / 2 decided; Bangko 2 / 1 / 0.
    expect(get('per_wilayah', '15.02.13')?.slice(2, 5)).toEqual(['4', '2', '2']);
    expect(get('per_wilayah', '15.02.01')?.slice(2, 5)).toEqual(['2', '1', '0']);
    expect(res.body).toContain('"Kec. Pamenang Barat, Kab. Merangin"');
    expect(Number(get('waktu_putusan_jam', 'median')?.[2])).toBeCloseTo(14);
    expect(get('melewati_batas_waktu', 'klaim')?.[2]).toBe('2');
    // Feedback: 4 answers offered the tap in November in Merangin, 1 👍 and 2 👎 → 75 % rated.
    expect(get('umpan_balik', 'jawaban')?.[2]).toBe('4');
    expect(get('umpan_balik', 'membantu')?.[2]).toBe('1');
    expect(get('umpan_balik', 'tidak_membantu')?.[2]).toBe('2');
    expect(get('umpan_balik', 'persen_dinilai')?.[2]).toBe('75');
  });

  it('a moderator sees their kecamatan only; a region outside theirs is refused with words', async () => {
    const { cookie } = await dashboardLogin(app, moderator);
    const csv = await app.inject({ method: 'GET', url: `/dashboard/stats.csv?${period}`, headers: { cookie } });
    const total = csv.body.split('\r\n').filter((l) => l.startsWith('laporan_per_hari,')).reduce((n, l) => n + Number(l.split(',')[2]), 0);
    expect(total).toBe(4);
    const other = await app.inject({ method: 'GET', url: `/dashboard/stats?${period}&region=15.02.01`, headers: { cookie } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('“15.02.01” di luar wilayah Anda.');
    // A name works like its code, looked up only within the moderator's region.
    const byName = await app.inject({ method: 'GET', url: `/dashboard/stats?${period}&region=${encodeURIComponent('Tanjung Lamin')}`, headers: { cookie } });
    expect(byName.body).toContain('<h1>Statistik — Desa Tanjung Lamin');
    expect((await app.inject({ method: 'GET', url: `/dashboard/stats?${period}&region=Bangko`, headers: { cookie } })).body).toContain('tidak ditemukan di wilayah Anda');
    const backwards = await app.inject({ method: 'GET', url: '/dashboard/stats?from=2026-11-30&to=2026-11-01', headers: { cookie } });
    expect(backwards.body).toContain('Tanggal awal harus sebelum tanggal akhir.');
  });

  it('reads on a phone and on a desktop without sideways scrolling', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await loginDashboard(page, h.saring.url!, diskominfo);
      await expectFitsScreens(page, 'tests/artifacts/stats', () => page.goto(`${h.saring.url}/dashboard/stats?${period}`));
      // On a desktop the chart's labels stay the page's size: text inside the scaled SVG grew to ~36 px there.
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await page.locator('svg.chart text').count()).toBe(0);
      const sizes = await page.evaluate(() => ({
        label: parseFloat(getComputedStyle(document.querySelector('.chart-axis')!).fontSize),
        body: parseFloat(getComputedStyle(document.body).fontSize),
        dates: document.querySelector('.chart-axis')!.textContent,
      }));
      expect(sizes.label).toBeLessThanOrEqual(sizes.body);
      expect(sizes.dates).toContain('2026-11-01');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
