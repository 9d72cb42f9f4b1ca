/**
 * The hoax scorer: a linear SVM over sublinear TF-IDF of hashed word 1–2-grams and char_wb 2–5-grams plus the
 * hand features (hoax-features.ts), with Platt scaling to a probability. Loaded from the committed JSON written
 * by scripts/train-hoax-model.ts. Scores are probabilities that a message is a circulating hoax; signals are
 * short Indonesian reasons for moderators (hand marks first, then the words that pushed the score up most).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NormalizedText } from './normalize.js';
import { GROUP_COUNT, HAND_FEATURE_COUNT, HASH_BITS, HASH_DIM, rawFeatures, tfidfRow, type TfidfParams } from './hoax-features.js';
import { sigmoid } from './logistic.js';

/** Label 'hoaks' when score ≥ this. Overwritten by the value stored in the model when present. */
export const HOAX_THRESHOLD = 0.5;

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./data/hoax-model.json', import.meta.url));

export interface HoaxModelGroup {
  name: string;
  /** Buckets kept (document frequency ≥ minDf), as base64 unsigned LEB128 deltas of the sorted indices. */
  idx: string;
  /** Their document frequencies, base64 unsigned LEB128. */
  df: string;
  /** Their weights, Float32 little-endian, base64. */
  weights: string;
  /** Multiplier of the group after L2 normalisation. */
  scale: number;
}

export interface HoaxModelFile {
  version: 2;
  kind: 'tfidf-svm';
  hashBits: number;
  /** Training documents the document frequencies were counted on. */
  nDocs: number;
  minDf: number;
  groups: HoaxModelGroup[];
  handWeight: number;
  /** Weights of the hand features (hand-features.ts order). */
  hand: number[];
  bias: number;
  /** Platt scaling of the SVM margin: score = sigmoid(a · margin + b). */
  platt: { a: number; b: number };
  threshold: number;
  trainedOn: string;
  /** Cross-validated metrics and chosen hyper-parameters, for the record. */
  cv?: Record<string, unknown>;
}

export interface HoaxScore {
  score: number;
  label: 'hoaks' | 'valid';
  signals: string[];
}

export interface HoaxScorer {
  threshold: number;
  score(text: string, normalized?: NormalizedText): HoaxScore;
}

/** In-memory model: dense per-group IDF and weights over the hash space. */
export interface HoaxModel {
  tfidf: TfidfParams;
  /** GROUP_COUNT × HASH_DIM word/char weights, then the hand weights. */
  weights: Float32Array;
  bias: number;
  platt: { a: number; b: number };
}

export function encodeFloat32(w: Float32Array): string {
  return Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString('base64');
}

function decodeFloat32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(buf.byteLength >> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}

export function encodeVarints(values: ArrayLike<number>): string {
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i] as number;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeVarints(b64: string): number[] {
  const buf = Buffer.from(b64, 'base64');
  const out: number[] = [];
  let v = 0;
  let mul = 1;
  for (const byte of buf) {
    v += (byte & 0x7f) * mul;
    if (byte & 0x80) mul *= 128;
    else {
      out.push(v);
      v = 0;
      mul = 1;
    }
  }
  return out;
}

const TOP_NGRAMS = 3;
/** A word n-gram is named as a reason when it moves the calibrated log-odds up by at least this much. */
const NGRAM_SIGNAL_MIN = 0.03;

export function scorerFromModel(model: HoaxModel, threshold: number): HoaxScorer {
  return {
    threshold,
    score(text: string, normalized?: NormalizedText): HoaxScore {
      const f = rawFeatures(text, normalized);
      const row = tfidfRow(f, model.tfidf);
      let z = model.bias;
      const contributions: Array<[string, number]> = [];
      for (let k = 0; k < row.idx.length; k++) {
        const i = row.idx[k] as number;
        const c = (model.weights[i] as number) * (row.val[k] as number);
        z += c;
        if (i < HASH_DIM && c * model.platt.a > NGRAM_SIGNAL_MIN) {
          const name = f.names.get(i);
          if (name !== undefined && name !== 'urltoken') contributions.push([name, c]);
        }
      }
      const score = sigmoid(model.platt.a * z + model.platt.b);
      const signals = f.hand.filter((h) => h.value >= 0.5 && h.signal !== '').map((h) => h.signal);
      const label = score >= threshold ? 'hoaks' : 'valid';
      // Words are named as reasons only for a message labelled hoaks: on a valid one they would mislead.
      if (label === 'hoaks') {
        contributions.sort((a, b) => b[1] - a[1]);
        for (const [name] of contributions.slice(0, TOP_NGRAMS)) signals.push(`kata khas hoaks: "${name}"`);
      }
      return { score, label, signals };
    },
  };
}

export function modelFromFile(file: HoaxModelFile, source = 'hoax model'): HoaxModel {
  if (file.version !== 2 || file.kind !== 'tfidf-svm' || file.hashBits !== HASH_BITS || file.groups.length !== GROUP_COUNT || file.hand.length !== HAND_FEATURE_COUNT) {
    throw new Error(`${source} does not fit this code (version ${String(file.version)}, ${HASH_BITS}-bit hashing expected); run npm run train`);
  }
  const weights = new Float32Array(GROUP_COUNT * HASH_DIM + HAND_FEATURE_COUNT);
  const idf: Float32Array[] = [];
  file.groups.forEach((g, gi) => {
    const deltas = decodeVarints(g.idx);
    const df = decodeVarints(g.df);
    const w = decodeFloat32(g.weights);
    if (df.length !== deltas.length || w.length !== deltas.length) throw new Error(`${source}: group ${g.name} is corrupt`);
    const groupIdf = new Float32Array(HASH_DIM);
    let bucket = 0;
    for (let k = 0; k < deltas.length; k++) {
      bucket += deltas[k] as number;
      if (bucket >= HASH_DIM) throw new Error(`${source}: group ${g.name} is corrupt`);
      groupIdf[bucket] = Math.log((1 + file.nDocs) / (1 + (df[k] as number))) + 1;
      weights[gi * HASH_DIM + bucket] = w[k] as number;
    }
    idf.push(groupIdf);
  });
  file.hand.forEach((w, k) => {
    weights[GROUP_COUNT * HASH_DIM + k] = w;
  });
  return {
    tfidf: { idf, groupWeights: file.groups.map((g) => g.scale), handWeight: file.handWeight },
    weights,
    bias: file.bias,
    platt: file.platt,
  };
}

export function loadHoaxScorer(modelPath: string = DEFAULT_MODEL_PATH): HoaxScorer {
  const file = JSON.parse(readFileSync(modelPath, 'utf8')) as HoaxModelFile;
  return scorerFromModel(modelFromFile(file, `hoax model ${modelPath}`), file.threshold ?? HOAX_THRESHOLD);
}
