/**
 * The hoax score as moderators see it: a band, never a bare number that reads as more certain than it is.
 * Claims scored before bands existed have only a score: they get the band of the shipped model's cuts.
 */
export type ScoreBandCode = 'rendah' | 'sedang' | 'tinggi' | 'tidak_yakin';

const LEGACY_CUTS = { sedang: 0.4, tinggi: 0.56 };

export function bandOf(band: string | null | undefined, score: number | null): ScoreBandCode | null {
  if (band === 'rendah' || band === 'sedang' || band === 'tinggi' || band === 'tidak_yakin') return band;
  if (score === null) return null;
  return score >= LEGACY_CUTS.tinggi ? 'tinggi' : score >= LEGACY_CUTS.sedang ? 'sedang' : 'rendah';
}
