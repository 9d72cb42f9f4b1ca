/**
 * Features of a message for the hoax model, shared by training and scoring. Two hashed groups on the folded
 * (lower-cased, accent- and emoji-free) surface text — not stemmed and with no stopword removal, so negations
 * (tidak, bukan, belum, jangan) and debunk wording ("tidak benar", "hoaks") stay in:
 *  - group 0: word uni- and bigrams (links → "urltoken", long numbers → "0000");
 *  - group 1: character 2–5-grams inside word boundaries (" word " padded, as scikit-learn's char_wb);
 * then the hand features of hand-features.ts in fixed slots. Raw counts are turned into sublinear TF-IDF,
 * L2-normalised per group, by `tfidfRow` with the document frequencies stored in the model.
 */
import { foldText, type NormalizedText } from './normalize.js';
import { hash32 } from './fingerprint.js';
import { handFeatures, type HandFeature } from './hand-features.js';
import type { SparseRow } from './logistic.js';

export const HASH_BITS = 18;
export const HASH_DIM = 1 << HASH_BITS;
export const GROUP_COUNT = 2;
export const GROUP_NAMES = ['word 1-2', 'char_wb 2-5'] as const;
const SEEDS = [0x9747b28c, 0x1b873593] as const;
const TEXT_MAX = 5_000;
const CHAR_MIN = 2;
const CHAR_MAX = 5;

export const HAND_FEATURE_COUNT = handFeatures('').length;
/** Index space of a model: GROUP_COUNT hash groups, then the hand features. */
export const FEATURE_DIM = GROUP_COUNT * HASH_DIM + HAND_FEATURE_COUNT;

export interface RawFeatures {
  /** Per group: sorted bucket indices (within the group) and their raw counts. */
  groups: Array<{ idx: Uint32Array; cnt: Float32Array }>;
  hand: HandFeature[];
  /** Readable word n-gram of each word bucket, for explanations. */
  names: Map<number, string>;
}

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|id|co|net|org|ly|me|gl|at|io)\/\S*/giu;
const WORD_RE = /[\p{L}\p{N}]+/gu;

function surfaceText(raw: string): string {
  return foldText(raw).slice(0, TEXT_MAX).replace(URL_RE, ' urltoken ');
}

/** Lower-cased surface words; every word is kept (negations included). */
export function surfaceTokens(text: string): string[] {
  const joined = text.replace(/(\d)[.,](?=\d)/g, '$1');
  const out: string[] = [];
  for (const m of joined.matchAll(WORD_RE)) out.push(/^\d{4,}$/.test(m[0]) ? '0000' : m[0]);
  return out;
}

function sortedCounts(m: Map<number, number>): { idx: Uint32Array; cnt: Float32Array } {
  const keys = Uint32Array.from(m.keys()).sort();
  return { idx: keys, cnt: Float32Array.from(keys, (k) => m.get(k) as number) };
}

/** Raw hashed counts of a message; `normalized` is accepted for the scorer's contract but not needed. */
export function rawFeatures(raw: string, _normalized?: NormalizedText): RawFeatures {
  const text = surfaceText(String(raw ?? ''));
  const words = new Map<number, number>();
  const names = new Map<number, string>();
  const addWord = (gram: string): void => {
    const i = hash32(gram, SEEDS[0]) & (HASH_DIM - 1);
    words.set(i, (words.get(i) ?? 0) + 1);
    names.set(i, gram);
  };
  const tokens = surfaceTokens(text);
  tokens.forEach((t, i) => {
    addWord(t);
    if (i > 0) addWord(`${tokens[i - 1]} ${t}`);
  });
  return { groups: [sortedCounts(words), charGrams(text)], hand: handFeatures(raw), names };
}

/** Scratch counters for charGrams: a message makes thousands of n-grams, and a Map (plus a substring per
 * n-gram) made the garbage collector pause scoring for milliseconds at the 95th percentile. */
const charCounts = new Float32Array(HASH_DIM);
const charTouched = new Uint32Array(HASH_DIM);

/**
 * Character 2–5-grams inside word boundaries (" word ", words cut at 40 characters), hashed as
 * hash32(gram, SEEDS[1]) would hash each substring, without making the substrings.
 */
function charGrams(text: string): { idx: Uint32Array; cnt: Float32Array } {
  let touched = 0;
  for (const w of text.replace(/[^\p{L}\p{N}!?]+/gu, ' ').trim().split(' ')) {
    if (!w) continue;
    const word = w.length > 40 ? w.slice(0, 40) : w;
    const n = word.length + 2;
    const codeAt = (i: number): number => (i === 0 || i === n - 1 ? 32 : word.charCodeAt(i - 1));
    for (let i = 0; i + CHAR_MIN <= n; i++) {
      let h = SEEDS[1] >>> 0;
      for (let len = 1; len <= CHAR_MAX && i + len <= n; len++) {
        h = Math.imul(h ^ codeAt(i + len - 1), 0x01000193);
        if (len < CHAR_MIN) continue;
        const idx = (h >>> 0) & (HASH_DIM - 1);
        if (charCounts[idx] === 0) charTouched[touched++] = idx;
        charCounts[idx] = (charCounts[idx] as number) + 1;
      }
    }
  }
  const idx = charTouched.slice(0, touched).sort();
  const cnt = new Float32Array(touched);
  for (let k = 0; k < touched; k++) {
    const i = idx[k] as number;
    cnt[k] = charCounts[i] as number;
    charCounts[i] = 0;
  }
  return { idx, cnt };
}

export interface TfidfParams {
  /** Per group: inverse document frequency of each bucket; 0 drops the bucket (too rare in training). */
  idf: Float32Array[];
  /** Per group multiplier after L2 normalisation. */
  groupWeights: number[];
  /** Multiplier of the hand features. */
  handWeight: number;
}

/** Smoothed IDF as scikit-learn computes it; buckets seen in fewer than minDf documents get 0 (dropped). */
export function idfFromDf(df: Uint32Array, nDocs: number, minDf: number): Float32Array {
  const idf = new Float32Array(df.length);
  for (let k = 0; k < df.length; k++) {
    const d = df[k] as number;
    idf[k] = d >= minDf ? Math.log((1 + nDocs) / (1 + d)) + 1 : 0;
  }
  return idf;
}

/** Sublinear TF-IDF, L2-normalised per group, in the model's index space (sorted indices). */
export function tfidfRow(f: RawFeatures, p: TfidfParams): SparseRow {
  const idx: number[] = [];
  const val: number[] = [];
  f.groups.forEach((g, gi) => {
    const idf = p.idf[gi] as Float32Array;
    const start = val.length;
    let norm = 0;
    for (let k = 0; k < g.idx.length; k++) {
      const w = idf[g.idx[k] as number] as number;
      if (w === 0) continue;
      const x = (1 + Math.log(g.cnt[k] as number)) * w;
      idx.push(gi * HASH_DIM + (g.idx[k] as number));
      val.push(x);
      norm += x * x;
    }
    const scale = norm > 0 ? (p.groupWeights[gi] ?? 1) / Math.sqrt(norm) : 0;
    for (let k = start; k < val.length; k++) val[k] = (val[k] as number) * scale;
  });
  f.hand.forEach((h, k) => {
    if (h.value > 0 && p.handWeight > 0) {
      idx.push(GROUP_COUNT * HASH_DIM + k);
      val.push(h.value * p.handWeight);
    }
  });
  return { idx: Uint32Array.from(idx), val: Float32Array.from(val) };
}
