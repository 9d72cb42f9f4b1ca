import { hammingDistance } from './phash.js';

export interface PictureThresholds {
  /** A candidate at most this many bits away is looked at at all: a crop of a few percent moves ~16–20 bits. */
  maxDistance: number;
  /** A picture with little text matches on its hash alone only this close (re-encoded/resized copies: ≤ 4). */
  hashOnlyDistance: number;
  /** From this many OCR words a picture counts as text-heavy: its hash alone never decides. */
  textHeavyWords: number;
  /** Word overlap (Dice) of the two OCR texts that confirms a text-heavy hash hit. */
  textAgreement: number;
}

export const DEFAULT_PICTURE_THRESHOLDS: PictureThresholds = { maxDistance: 22, hashOnlyDistance: 8, textHeavyWords: 6, textAgreement: 0.6 };

export interface KnownPicture {
  claimId: number;
  phash: bigint;
  ocrText: string | null;
}

export interface PictureMatch {
  claimId: number;
  distance: number;
  /** 1 − distance/64, or the text agreement when that decided. */
  similarity: number;
  confirmedByText: boolean;
}

/** Lower-case letter words of three letters or more: OCR noise (stray symbols, single letters) drops out. */
export function ocrWordSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => w.length <= 30));
}

export function wordAgreement(a: string, b: string): number {
  const x = ocrWordSet(a);
  const y = ocrWordSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/**
 * Is this picture one a verdict was given on? Chat screenshots and posters of one template hash alike
 * (the layout dominates), so when either picture carries much text the hash only nominates and the
 * two texts must agree; a photo with little text must be a near copy. Precision first: of several
 * nominees the closest confirmed one wins, and none is better than a doubtful one.
 */
export function matchPicture(
  picture: { phash: bigint; ocrText: string },
  known: readonly KnownPicture[],
  t: PictureThresholds = DEFAULT_PICTURE_THRESHOLDS,
): PictureMatch | null {
  let best: PictureMatch | null = null;
  const ownWords = ocrWordSet(picture.ocrText).size;
  for (const k of known) {
    const distance = hammingDistance(picture.phash, k.phash);
    if (distance > t.maxDistance) continue;
    const textHeavy = ownWords >= t.textHeavyWords || ocrWordSet(k.ocrText ?? '').size >= t.textHeavyWords;
    let match: PictureMatch | null = null;
    if (textHeavy) {
      const agreement = wordAgreement(picture.ocrText, k.ocrText ?? '');
      if (agreement >= t.textAgreement) match = { claimId: k.claimId, distance, similarity: round3(Math.min(1 - distance / 64, agreement)), confirmedByText: true };
    } else if (distance <= t.hashOnlyDistance) {
      match = { claimId: k.claimId, distance, similarity: round3(1 - distance / 64), confirmedByText: false };
    }
    if (match && (!best || match.distance < best.distance)) best = match;
  }
  return best;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
