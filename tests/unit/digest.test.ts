import { describe, expect, it } from 'vitest';
import { composeDigest, digestRegionOfGroup, digestWindow, DIGEST_MAX_ITEMS, isoWeekOf } from '../../src/domain/digest.js';
import { id } from '../../src/domain/messages/id.js';
import { en } from '../../src/domain/messages/en.js';

const URL = 'https://saring.example.go.id';
// Monday 07:00 WIB = Monday 00:00 UTC.
const NOW = new Date('2026-11-30T00:00:00Z');

describe('weekly digest text', () => {
  it('lists each claim with its stamp, a scam-safe summary and its public link', () => {
    const { from, to } = digestWindow(NOW);
    const text = composeDigest(
      {
        from,
        to,
        total: 2,
        publicUrl: URL,
        items: [
          { claimId: 12, verdict: 'penipuan', summary: 'Hadiah undian Rp 50 juta, klaim di https://bit.ly/hadiah-bri atau WA 0812-3456-7890 sekarang' },
          { claimId: 13, verdict: 'hoaks', summary: 'Vaksin mengandung chip pelacak' },
        ],
      },
      id,
    );
    expect(text).toContain('📋 Ringkasan klarifikasi sepekan (23 Nov 2026 – 30 Nov 2026)');
    expect(text).toContain(`1. [PENIPUAN] Hadiah undian`);
    expect(text).toContain(`${URL}/klarifikasi/12`);
    expect(text).toContain(`2. [HOAKS] Vaksin mengandung chip pelacak\n${URL}/klarifikasi/13`);
    // The scammer's link and number are not repeated.
    expect(text).not.toContain('bit.ly');
    expect(text).not.toContain('https://bit');
    expect(text).not.toContain('3456-7890');
    expect(text).toContain('0812-••••-••••');
    expect(text).not.toContain('lainnya');
    expect(text.endsWith(id.digest.closing)).toBe(true);
  });

  it('keeps at most ten claims and points to the public list for the rest', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ claimId: 100 + i, verdict: 'hoaks' as const, summary: `Pesan berantai nomor ${i + 1}` }));
    const text = composeDigest({ ...digestWindow(NOW), items, total: 14, publicUrl: `${URL}/` }, id);
    expect(text.match(/\[HOAKS\]/g)).toHaveLength(DIGEST_MAX_ITEMS);
    expect(text).toContain(`${URL}/klarifikasi/109`);
    expect(text).not.toContain(`${URL}/klarifikasi/110`);
    expect(text).toContain(`…dan 4 lainnya: ${URL}/klarifikasi`);
  });

  it('cuts a long summary at a word and goes without links when there is no public address', () => {
    const long = `${'Kabar bohong tentang bantuan sosial yang katanya cair hari ini '.repeat(5)}akhir`;
    const text = composeDigest({ ...digestWindow(NOW), items: [{ claimId: 7, verdict: 'menyesatkan', summary: long }], total: 3, publicUrl: undefined }, en);
    const line = text.split('\n').find((l) => l.startsWith('1. '))!;
    expect(line.length).toBeLessThanOrEqual(160);
    expect(line.endsWith('…')).toBe(true);
    expect(text).not.toContain('akhir');
    expect(text).not.toContain('/klarifikasi');
    expect(text).toContain('…and 2 more.');
    expect(text).toContain('Clarifications of the week (23 Nov 2026 – 30 Nov 2026)');
  });

  it('names the ISO week in WIB, so one trigger a week has one key', () => {
    expect(isoWeekOf(NOW)).toBe('2026-W49');
    // Sunday 23:30 UTC is already Monday 06:30 WIB: the new week.
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2026-11-29T16:00:00Z'))).toBe('2026-W48');
    expect(isoWeekOf(new Date('2021-01-03T05:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(new Date('2024-12-30T05:00:00Z'))).toBe('2025-W01');
  });

  it("covers a KIM group's kabupaten", () => {
    expect(digestRegionOfGroup('15.02.13.2006')).toBe('15.02');
    expect(digestRegionOfGroup('15.02')).toBe('15.02');
    expect(digestRegionOfGroup('15')).toBe('15');
  });
});
