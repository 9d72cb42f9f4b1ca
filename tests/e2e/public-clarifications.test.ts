import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { expectFitsScreens, launchChromium } from '../helpers/browser.js';
import { STAMP_COLOURS } from '../../src/media/clarification-card.js';

const SCAM = 'Pendaftaran bansos Kemensos Rp 3,5 juta lewat tautan https://bansos-kemensos.id-daftar.xyz/daftar hubungi 0812-3456-7890 sebelum tanggal 10';

/** The public side of a verdict: list, page with OpenGraph card, the card itself, JSON-LD. */
describe('public clarification pages', () => {
  let h: Harness;
  let app: FastifyInstance;
  let claimId: number;
  let hiddenId: number;

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL: 'https://saring.example.go.id', CARD_CONTACT: 'Cek pesan: t.me/SaringMeranginBot' });
    app = h.saring.app!;
    const s = h.saring.services;
    await s.regions.importLines(['15,Jambi', '15.02,Kabupaten Merangin', '15.02.13,Pamenang Barat', '15.02.13.2005,Simpang Limbur Merangin']);
    const diskominfo = (await s.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' })).token;
    const make = async (text: string, hash: string) =>
      (await s.repos.claims.findOrCreateByHash({ text, basicText: text, basicHash: hash, normalizedText: null, regionCode: '15.02.13.2005', score: 0.9 })).id;
    claimId = await make(SCAM, 'public-1');
    hiddenId = await make('Klaim lain yang belum diputus tentang harga pupuk bersubsidi naik tiga kali lipat', 'public-2');
    const res = await app.inject({
      method: 'POST',
      url: `/api/claims/${claimId}/verdict`,
      headers: { authorization: `Bearer ${diskominfo}` },
      payload: { verdict: 'penipuan', clarification: 'Kemensos tidak pernah membuka pendaftaran bansos lewat tautan. Jangan isi data pribadi.', sources: ['https://kemensos.go.id/klarifikasi'] },
    });
    expect(res.statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => h?.stop());

  it('lists published clarifications only, searchable and filtered by kabupaten, with names', async () => {
    const list = await app.inject({ url: '/klarifikasi' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/klarifikasi/${claimId}`);
    expect(list.body).not.toContain(`/klarifikasi/${hiddenId}`);
    expect(list.body).toContain('Diskominfo Kab. Merangin');
    expect(list.body).toContain('<option value="15.02">Kab. Merangin, Prov. Jambi</option>');
    expect((await app.inject({ url: '/klarifikasi?q=bansos' })).body).toContain(`/klarifikasi/${claimId}`);
    expect((await app.inject({ url: '/klarifikasi?q=vaksin' })).body).not.toContain(`/klarifikasi/${claimId}`);
    expect((await app.inject({ url: '/klarifikasi?kab=32.03' })).body).not.toContain(`/klarifikasi/${claimId}`);
    // The scam's link and number never appear whole.
    expect(list.body).not.toContain('bansos-kemensos.id-daftar.xyz');
    expect(list.body).not.toMatch(/0812.?3456.?7890/);
    // Light pages for cheap phones.
    expect(Buffer.byteLength(list.body)).toBeLessThan(100_000);
  });

  it('serves a page whose OpenGraph image is the card, with ClaimReview JSON-LD', async () => {
    const page = await app.inject({ url: `/klarifikasi/${claimId}` });
    expect(page.statusCode).toBe(200);
    expect(Buffer.byteLength(page.body)).toBeLessThan(100_000);
    const og = /<meta property="og:image" content="([^"]+)">/.exec(page.body)?.[1];
    expect(og).toMatch(new RegExp(`^https://saring\\.example\\.go\\.id/klarifikasi/${claimId}/kartu\\.png\\?v=[0-9a-f]{16}$`));
    expect(page.body).toContain(`<link rel="canonical" href="https://saring.example.go.id/klarifikasi/${claimId}">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? 'null');
    expect(ld).toMatchObject({ '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://saring.example.go.id/klarifikasi/${claimId}`, reviewRating: { ratingValue: 1, alternateName: 'Penipuan' } });
    expect(ld.claimReviewed).not.toContain('bansos-kemensos.id-daftar.xyz');

    const card = await app.inject({ url: new URL(og!).pathname + new URL(og!).search });
    expect(card.statusCode).toBe(200);
    expect(card.headers['content-type']).toBe('image/png');
    expect(card.headers['cache-control']).toContain('immutable');
    const { data, info } = await sharp(card.rawPayload).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1080, 1350]);
    const corner = `#${[...data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
    expect(corner).toBe(STAMP_COLOURS.penipuan);
    // Cached: the same bytes again.
    expect((await app.inject({ url: `/klarifikasi/${claimId}/kartu.png` })).rawPayload.equals(card.rawPayload)).toBe(true);
  });

  it('answers 404 in words for a claim that is not published, and 400 for a bad id', async () => {
    const missing = await app.inject({ url: `/klarifikasi/${hiddenId}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('belum diterbitkan');
    expect((await app.inject({ url: `/klarifikasi/${hiddenId}/kartu.png` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/klarifikasi/abc' })).statusCode).toBe(400);
  });

  it('reads on a phone and a desktop without sideways scrolling', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (const path of ['/klarifikasi', `/klarifikasi/${claimId}`]) {
        await expectFitsScreens(page, `tests/artifacts/public${path.replace(/\//g, '-')}`, () => page.goto(`${h.saring.url}${path}`));
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
