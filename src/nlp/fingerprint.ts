/**
 * What the match index keeps of a text: unique content stems, hashed word bigrams (order), the specific links
 * and its polarity markers. Built once per claim and once per query.
 */
import type { NormalizedText } from './normalize.js';

export interface Fingerprint {
  tokens: string[];
  /** Sorted unique 32-bit hashes of adjacent content-word pairs. */
  bigrams: Uint32Array;
  /** Links specific enough to be evidence (a path, not just a host). */
  urls: string[];
  /** Negation and debunk markers present, sorted and joined. */
  polarity: string;
  wordCount: number;
}

const POLARITY = new Set([
  'tidak', 'bukan', 'belum', 'jangan', 'tiada', 'tanpa',
  'hoaks', 'klarifikasi', 'fakta', 'bohong', 'palsu', 'keliru', 'disinformasi', 'misinformasi', 'sesat', 'salah',
]);

/** FNV-1a, 32-bit. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fingerprint(n: Pick<NormalizedText, 'tokens' | 'urls' | 'wordCount'>): Fingerprint {
  const uniq = [...new Set(n.tokens)];
  const bi = new Set<number>();
  for (let i = 1; i < n.tokens.length; i++) bi.add(hash32(`${n.tokens[i - 1]} ${n.tokens[i]}`));
  const bigrams = Uint32Array.from(bi).sort();
  const urls = n.urls.filter((u) => /\/[^/]{2,}/.test(u));
  const polarity = uniq.filter((t) => POLARITY.has(t)).sort().join(' ');
  return { tokens: uniq, bigrams, urls, polarity, wordCount: n.wordCount };
}

/** Size of the intersection of two sorted arrays. */
export function sortedIntersection(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
