import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, STAMP_COLOURS, renderClarificationCard, wrapText, type CardContent } from '../../src/media/clarification-card.js';
import { VERDICT_CODES } from '../../src/domain/verdict.js';

const base: CardContent = {
  verdict: 'hoaks',
  claim: 'Pendaftaran bansos Rp 3,5 juta lewat tautan hxxps://bansos-kemensos[.]id-daftar[.]xyz',
  clarification: 'Kementerian Sosial tidak pernah membuka pendaftaran bansos lewat tautan di WhatsApp. Jangan isi data pribadi.',
  sourceDomain: 'kemensos.go.id',
  issuer: 'Diskominfo Kab. Merangin',
  official: true,
  date: '3 Desember 2026',
  contact: 'Cek pesan mencurigakan: t.me/SaringBot',
  labels: { claim: 'Pesan yang beredar:', facts: 'Faktanya:', source: 'Sumber', official: 'Klarifikasi resmi', community: 'Diperiksa pengurus KIM' },
};

function hex(rgb: ArrayLike<number>): string {
  return `#${[rgb[0], rgb[1], rgb[2]].map((v) => (v ?? 0).toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

describe('clarification card', () => {
  it('is a 1080×1350 PNG whose stamp band has the verdict colour, for every verdict', async () => {
    mkdirSync('tests/artifacts', { recursive: true });
    for (const verdict of VERDICT_CODES) {
      const png = renderClarificationCard({ ...base, verdict });
      writeFileSync(`tests/artifacts/card-${verdict}.png`, png);
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      // A corner of the stamp band, away from the letters.
      const at = (x: number, y: number) => data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3);
      expect(hex(at(20, 20))).toBe(STAMP_COLOURS[verdict]);
      // The stamp's letters are white on the band: some pixels of its middle row are white.
      const row = Array.from({ length: info.width }, (_, x) => hex(at(x, 120)));
      expect(row.filter((c) => c === '#FFFFFF').length).toBeGreaterThan(50);
    }
  });

  it('gives identical bytes for identical content (fonts shipped, system fonts off)', () => {
    expect(renderClarificationCard(base).equals(renderClarificationCard({ ...base }))).toBe(true);
    expect(renderClarificationCard(base).equals(renderClarificationCard({ ...base, date: '4 Desember 2026' }))).toBe(false);
  });

  it('escapes markup in texts instead of breaking the picture', async () => {
    const png = renderClarificationCard({ ...base, claim: '<script>alert(1)</script> & "kutip"', clarification: 'A < B > C & D' });
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(CARD_WIDTH);
  });
});

describe('wrapText', () => {
  it('wraps on words within the budget and marks cut text with an ellipsis', () => {
    expect(wrapText('satu dua tiga empat lima', 9, 5)).toEqual(['satu dua', 'tiga', 'empat', 'lima']);
    const cut = wrapText('satu dua tiga empat lima enam tujuh', 9, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]).toMatch(/…$/);
    expect(wrapText('a'.repeat(30), 10, 2)[0]).toHaveLength(10);
  });
});
