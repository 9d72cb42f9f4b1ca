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
import { decodeFloat32, decodeVarints } from './hoax-codec.js';
import { KNN_FEATURE_COUNT, KnnMemory, type KnnMemoryFile, type SparseEntries } from './hoax-knn.js';

export { encodeFloat32, encodeVarints } from './hoax-codec.js';

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
  /** 2: SVM + Platt only; 3: adds the nearest-neighbour memory and the stacker. */
  version: 2 | 3;
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
  /** Platt scaling of the SVM margin: score = sigmoid(a · margin + b) (used when there is no stacker). */
  platt: { a: number; b: number };
  /** Version 3: compact memory of the training documents for nearest-neighbour evidence (hoax-knn.ts). */
  knn?: KnnMemoryFile;
  /** Version 3: score = sigmoid(b + a · margin + Σ knn[j] · feature_j), fitted on out-of-fold values. */
  stack?: { a: number; b: number; knn: number[] };
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
  knn?: KnnMemory;
  stack?: { a: number; b: number; knn: number[] };
}

/** The word-group (group 0) part of a TF-IDF row, unscaled: the vector the neighbour memory compares. */
export function wordEntries(row: { idx: Uint32Array; val: Float32Array }, groupScale = 1): SparseEntries {
  const out: SparseEntries = [];
  for (let k = 0; k < row.idx.length; k++) {
    const i = row.idx[k] as number;
    if (i >= HASH_DIM) break;
    out.push([i, (row.val[k] as number) / groupScale]);
  }
  return out;
}

/** Log-odds from the SVM margin and (when the model has them) the neighbour features. */
export function stackedLogit(model: Pick<HoaxModel, 'platt' | 'stack'>, m: number, knnFeatures?: number[]): number {
  if (!model.stack || !knnFeatures) return model.platt.a * m + model.platt.b;
  let z = model.stack.b + model.stack.a * m;
  model.stack.knn.forEach((c, j) => (z += c * (knnFeatures[j] as number)));
  return z;
}

const TOP_NGRAMS = 3;
/** A word n-gram is named as a reason when it moves the calibrated log-odds up by at least this much. */
const NGRAM_SIGNAL_MIN = 0.03;
/** Word-vector cosine to a training hoax from which a message is reported as a near-copy of a known hoax. */
const NEAR_COPY = 0.8;

export function scorerFromModel(model: HoaxModel, threshold: number): HoaxScorer {
  return {
    threshold,
    score(text: string, normalized?: NormalizedText): HoaxScore {
      const f = rawFeatures(text, normalized);
      const row = tfidfRow(f, model.tfidf);
      const slope = model.stack?.a ?? model.platt.a;
      let z = model.bias;
      const contributions: Array<[string, number]> = [];
      for (let k = 0; k < row.idx.length; k++) {
        const i = row.idx[k] as number;
        const c = (model.weights[i] as number) * (row.val[k] as number);
        z += c;
        if (i < HASH_DIM && c * slope > NGRAM_SIGNAL_MIN) {
          const name = f.names.get(i);
          if (name !== undefined && name !== 'urltoken') contributions.push([name, c]);
        }
      }
      const knnFeatures = model.knn ? model.knn.features(wordEntries(row, model.tfidf.groupWeights[0] ?? 1)) : undefined;
      const score = sigmoid(stackedLogit(model, z, knnFeatures));
      const signals = f.hand.filter((h) => h.value >= 0.5 && h.signal !== '').map((h) => h.signal);
      const label = score >= threshold ? 'hoaks' : 'valid';
      if (label === 'hoaks' && knnFeatures && (knnFeatures[0] as number) >= NEAR_COPY && (knnFeatures[2] as number) > 0) {
        signals.push('mirip hoaks yang pernah beredar');
      }
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
  if ((file.version !== 2 && file.version !== 3) || file.kind !== 'tfidf-svm' || file.hashBits !== HASH_BITS || file.groups.length !== GROUP_COUNT || file.hand.length !== HAND_FEATURE_COUNT) {
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
    ...(file.version === 3 && file.knn && file.stack && file.stack.knn.length === KNN_FEATURE_COUNT
      ? { knn: KnnMemory.fromFile(file.knn, source), stack: file.stack }
      : {}),
  };
}

export function loadHoaxScorer(modelPath: string = DEFAULT_MODEL_PATH): HoaxScorer {
  const file = JSON.parse(readFileSync(modelPath, 'utf8')) as HoaxModelFile;
  return scorerFromModel(modelFromFile(file, `hoax model ${modelPath}`), file.threshold ?? HOAX_THRESHOLD);
}
