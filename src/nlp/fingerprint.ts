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
  /** Debunk markers present ("hoaks", "klarifikasi", …), sorted and joined. */
  debunk: string;
  /** Stems right after a negation ("tidak mengandung chip" → kandung). */
  negated: Set<string>;
  /** Stems within two words after a negation: the looser reach used when judging the other text. */
  nearNegation: Set<string>;
  wordCount: number;
}

const NEGATIONS = new Set(['tidak', 'bukan', 'belum', 'jangan', 'tiada', 'tanpa']);
const DEBUNK = new Set(['hoaks', 'klarifikasi', 'fakta', 'bohong', 'palsu', 'keliru', 'disinformasi', 'misinformasi', 'sesat', 'salah']);
/**
 * Stopwords are already gone, so "tidak akan pernah mengandung chip" is "tidak kandung chip": the word after a
 * negation is its predicate. The other text is judged with a reach of two words, so that a deleted or inserted
 * word next to the negation (or a sentence moved after it) does not count as a disagreement.
 */
const NEAR_NEGATION = 2;

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
  const { negated, nearNegation } = negationScopes(n.tokens);
  const debunk = uniq.filter((t) => DEBUNK.has(t)).sort().join(' ');
  return { tokens: uniq, bigrams, urls, debunk, negated, nearNegation, wordCount: n.wordCount };
}

function negationScopes(tokens: readonly string[]): { negated: Set<string>; nearNegation: Set<string> } {
  const negated = new Set<string>();
  const nearNegation = new Set<string>();
  let reach = 0;
  for (const t of tokens) {
    if (NEGATIONS.has(t)) {
      reach = NEAR_NEGATION;
      continue;
    }
    if (reach === NEAR_NEGATION) negated.add(t);
    if (reach > 0) {
      nearNegation.add(t);
      reach--;
    }
  }
  return { negated, nearNegation };
}

/**
 * Do the two texts disagree about the claim? Either one debunks where the other does not, or one negates a
 * predicate the other asserts ("vaksin TIDAK mengandung chip" / "vaksin mengandung chip"). A negation about
 * something the other text never mentions ("jangan panik") is no disagreement about the claim.
 */
export function polarityConflict(a: Fingerprint, b: Fingerprint): boolean {
  if (a.debunk !== b.debunk) return true;
  return negatesAssertion(a, b) || negatesAssertion(b, a);
}

/** `neg` negates a word that `other` uses, and nowhere near a negation of its own. */
function negatesAssertion(neg: Fingerprint, other: Fingerprint): boolean {
  for (const t of neg.negated) if (!other.nearNegation.has(t) && other.tokens.includes(t)) return true;
  return false;
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
