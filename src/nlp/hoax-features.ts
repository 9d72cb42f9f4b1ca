/**
 * Sparse feature vector of a message for the hoax model, shared by training and scoring: hashed stem
 * uni/bigrams, hashed character 3–5-grams of the folded text, then the hand features in fixed slots.
 */
import { foldText, normalizeText, type NormalizedText } from './normalize.js';
import { hash32 } from './fingerprint.js';
import { handFeatures, type HandFeature } from './hand-features.js';

export const HASH_BITS = 18;
export const HASH_DIM = 1 << HASH_BITS;
const CHAR_TEXT_MAX = 3_000;
const WORD_SEED = 0x9747b28c;
const CHAR_SEED = 0x1b873593;

export interface FeatureVector {
  /** Feature indices (hash space, then HASH_DIM + hand feature position). */
  idx: Uint32Array;
  val: Float32Array;
  hand: HandFeature[];
  /** Readable name of each hashed word feature, for explanations. */
  names: Map<number, string>;
}

export function featureVector(raw: string, normalized?: NormalizedText): FeatureVector {
  const n = normalized ?? normalizeText(raw);
  const words = new Map<number, number>();
  const names = new Map<number, string>();
  const addWord = (gram: string): void => {
    const i = hash32(gram, WORD_SEED) & (HASH_DIM - 1);
    words.set(i, 1);
    names.set(i, gram);
  };
  n.tokens.forEach((t, i) => {
    addWord(t);
    if (i > 0) addWord(`${n.tokens[i - 1]} ${t}`);
  });
  const foldedText = foldText(raw).slice(0, CHAR_TEXT_MAX);
  const chars = new Map<number, number>();
  const folded = ` ${foldedText.replace(/[^\p{L}\p{N}!?]+/gu, ' ').trim()} `;
  for (let len = 3; len <= 5; len++) {
    for (let i = 0; i + len <= folded.length; i++) {
      const idx = hash32(folded.slice(i, i + len), CHAR_SEED) & (HASH_DIM - 1);
      chars.set(idx, (chars.get(idx) ?? 0) + 1);
    }
  }
  const hand = handFeatures(raw);
  const merged = new Map<number, number>();
  const addGroup = (group: Map<number, number>, transform: (v: number) => number): void => {
    let norm = 0;
    for (const v of group.values()) norm += transform(v) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [i, v] of group) merged.set(i, (merged.get(i) ?? 0) + transform(v) / norm);
  };
  addGroup(words, (v) => v);
  addGroup(chars, (v) => Math.log1p(v));
  hand.forEach((h, k) => {
    if (h.value > 0) merged.set(HASH_DIM + k, h.value);
  });
  const entries = [...merged].sort((a, b) => a[0] - b[0]);
  return {
    idx: Uint32Array.from(entries.map((e) => e[0])),
    val: Float32Array.from(entries.map((e) => e[1])),
    hand,
    names,
  };
}

export const HAND_FEATURE_COUNT = handFeatures('').length;
export const FEATURE_DIM = HASH_DIM + HAND_FEATURE_COUNT;
