/**
 * The hoax scorer: a linear SVM over sublinear TF-IDF of hashed word 1–2-grams and char_wb 2–5-grams plus the
 * named patterns (hand-features.ts), stacked with nearest-neighbour evidence from the training corpus and from
 * this deployment's published verdicts (the local memory, weighted above the corpus). Loaded from the committed
 * JSON written by scripts/train-hoax-model.ts, or from a model `saring retrain` made. Scores are calibrated
 * probabilities that a message is a circulating hoax, shown as a band; reasons are named patterns in plain words,
 * each one that raised this message's score (its contribution to the log-odds), at most three.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NormalizedText } from './normalize.js';
import { GROUP_COUNT, HAND_FEATURE_COUNT, HASH_BITS, HASH_DIM, rawFeatures, tfidfRow, type TfidfParams } from './hoax-features.js';
import { sigmoid } from './logistic.js';
import { decodeFloat32, decodeVarints } from './hoax-codec.js';
import { compactEntries, KNN_FEATURE_COUNT, KnnMemory, type KnnMemoryFile, type SparseEntries } from './hoax-knn.js';

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

/** Format of the model file this code reads (4: named patterns, calibrated on the forward mix, bands, version). */
export const MODEL_FORMAT = 4;

export interface HoaxModelFile {
  version: typeof MODEL_FORMAT;
  /** Name of this trained model (`v4-<hash>`, `v4-l<N>-<hash>` with N local verdicts): the same training gives the same name. */
  modelVersion: string;
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
  /** Platt scaling of the SVM margin (kept for the record; the stacker is used). */
  platt: { a: number; b: number };
  /** Compact memory of the training documents for nearest-neighbour evidence (hoax-knn.ts). */
  knn: KnnMemoryFile;
  /** score = sigmoid(b + a · margin + Σ knn[j] · feature_j), fitted on out-of-fold values of the calibration set. */
  stack: { a: number; b: number; knn: number[] };
  /** Platt scaling of the stacker's log-odds on the calibration set (the forward mix): the probability. */
  calibration: { a: number; b: number };
  threshold: number;
  /** Lower edges of the bands shown to moderators: score ≥ sedang → "sedang", ≥ tinggi (the threshold) → "tinggi". */
  bands: { sedang: number; tinggi: number };
  trainedOn: string;
  /** Cross-validated metrics and chosen hyper-parameters, for the record. */
  cv?: Record<string, unknown>;
}

/** What a moderator sees instead of a bare number; `tidak_yakin` when the text gives the model too little to go on. */
export type ScoreBand = 'rendah' | 'sedang' | 'tinggi' | 'tidak_yakin';

export interface HoaxScore {
  score: number;
  label: 'hoaks' | 'valid';
  band: ScoreBand;
  /** At most MAX_REASONS reasons in plain words, each one a pattern that raised this message's score. */
  signals: string[];
}

/** A published verdict's report, as the scorer's local memory holds it. */
export interface LocalVerdictExample {
  text: string;
  /** 1: a hoaks-like verdict (hoaks, penipuan, menyesatkan); 0: benar. */
  label: number;
}

export interface HoaxScorer {
  threshold: number;
  version: string;
  bands: { sedang: number; tinggi: number };
  score(text: string, normalized?: NormalizedText): HoaxScore;
  /** Replaces the memory of this deployment's published verdicts (consulted before the corpus). */
  setLocalMemory(examples: LocalVerdictExample[]): void;
  readonly localMemorySize: number;
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
  calibration: { a: number; b: number };
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

export const MAX_REASONS = 3;
/** A pattern is named as a reason only when it raised the log-odds by at least this much. */
const REASON_MIN = 0.15;
/** Nearest training hoax this close (word cosine) before "mirip hoaks yang pernah beredar" may be said. */
const NEAR_HOAX = 0.5;
/** Thin evidence: fewer words than this, or less than this share of them known to the model → "tidak yakin". */
const MIN_WORDS = 5;
const MIN_KNOWN_SHARE = 0.5;
/** A neighbour (corpus or local) this close is evidence enough on its own, however short the text. */
const NEAR_COPY = 0.8;
/**
 * Local verdicts: cosine above LOCAL_FLOOR to a report a moderator here already decided moves the log-odds by up
 * to LOCAL_WEIGHT (at cosine 1), towards that verdict. The corpus neighbours' weight in the stacker is about 1.3
 * log-odds for the same evidence; this deployment's own decisions count about five times more.
 */
const LOCAL_FLOOR = 0.3;
const LOCAL_WEIGHT = 6;

export const LOCAL_REASON = 'mirip laporan yang sudah diputuskan hoaks di sini';
export const CORPUS_REASON = 'mirip hoaks yang pernah beredar';

export function scorerFromModel(model: HoaxModel, opts: { threshold: number; version: string; bands: { sedang: number; tinggi: number } }): HoaxScorer {
  const wordScale = model.tfidf.groupWeights[0] ?? 1;
  const wordIdf = model.tfidf.idf[0] as Float32Array;
  let local: KnnMemory | undefined;
  const { threshold, bands } = opts;
  return {
    threshold,
    version: opts.version,
    bands,
    get localMemorySize() {
      return local?.size ?? 0;
    },
    setLocalMemory(examples) {
      const docs = examples.map((e) => compactEntries(wordEntries(tfidfRow(rawFeatures(e.text), model.tfidf), wordScale)));
      local = docs.length
        ? new KnnMemory(
            docs,
            examples.map((e) => (e.label === 1 ? 1 : 0)),
          )
        : undefined;
    },
    score(text: string, normalized?: NormalizedText): HoaxScore {
      const f = rawFeatures(text, normalized);
      const row = tfidfRow(f, model.tfidf);
      const cal = model.calibration;
      const slope = (model.stack?.a ?? model.platt.a) * cal.a;
      let z = model.bias;
      const reasons = new Map<string, number>();
      const handStart = GROUP_COUNT * HASH_DIM;
      for (let k = 0; k < row.idx.length; k++) {
        const i = row.idx[k] as number;
        const c = (model.weights[i] as number) * (row.val[k] as number);
        z += c;
        const signal = i >= handStart ? f.hand[i - handStart]?.signal : '';
        if (signal) reasons.set(signal, (reasons.get(signal) ?? 0) + c * slope);
      }
      const words = wordEntries(row, wordScale);
      const knnFeatures = model.knn ? model.knn.features(words) : undefined;
      let logit = cal.a * stackedLogit(model, z, knnFeatures) + cal.b;
      if (model.stack && knnFeatures) {
        const fromNeighbours = cal.a * model.stack.knn.reduce((s, c, j) => s + c * (knnFeatures[j] as number), 0);
        if ((knnFeatures[0] as number) >= NEAR_HOAX) reasons.set(CORPUS_REASON, fromNeighbours);
      }
      let near = knnFeatures ? Math.max(knnFeatures[0] as number, knnFeatures[1] as number) : 0;
      if (local) {
        const [h, v] = local.features(words) as [number, number];
        const lift = (s: number): number => Math.max(0, s - LOCAL_FLOOR) / (1 - LOCAL_FLOOR);
        const delta = LOCAL_WEIGHT * (lift(h) - lift(v));
        logit += delta;
        reasons.set(LOCAL_REASON, delta);
        near = Math.max(near, h, v);
      }
      const score = sigmoid(logit);
      const label = score >= threshold ? 'hoaks' : 'valid';
      // Evidence: how many of the message's words the model has seen in training (unigram buckets it kept).
      let total = 0;
      let known = 0;
      const g0 = f.groups[0];
      if (g0) {
        for (let k = 0; k < g0.idx.length; k++) {
          const i = g0.idx[k] as number;
          const name = f.names.get(i);
          if (name === undefined || name.includes(' ') || name === 'urltoken') continue;
          total += g0.cnt[k] as number;
          if ((wordIdf[i] as number) > 0) known += g0.cnt[k] as number;
        }
      }
      const thin = near < NEAR_COPY && (total < MIN_WORDS || known / Math.max(1, total) < MIN_KNOWN_SHARE);
      const band: ScoreBand = thin ? 'tidak_yakin' : score >= bands.tinggi ? 'tinggi' : score >= bands.sedang ? 'sedang' : 'rendah';
      // Reasons explain a raised score; on a low one they would mislead.
      const signals =
        score >= bands.sedang
          ? [...reasons]
              .filter(([, c]) => c >= REASON_MIN)
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .slice(0, MAX_REASONS)
              .map(([s]) => s)
          : [];
      return { score, label, band, signals };
    },
  };
}

export function modelFromFile(file: HoaxModelFile, source = 'hoax model'): HoaxModel {
  if (file.version !== MODEL_FORMAT || file.kind !== 'tfidf-svm' || file.hashBits !== HASH_BITS || file.groups.length !== GROUP_COUNT || file.hand.length !== HAND_FEATURE_COUNT) {
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
    calibration: file.calibration ?? { a: 1, b: 0 },
    ...(file.knn && file.stack && file.stack.knn.length === KNN_FEATURE_COUNT ? { knn: KnnMemory.fromFile(file.knn, source), stack: file.stack } : {}),
  };
}

/** A scorer from a parsed model file (the shipped one, or one `saring retrain` stored in the database). */
export function scorerFromFile(file: HoaxModelFile, source = 'hoax model'): HoaxScorer {
  const model = modelFromFile(file, source);
  const threshold = file.threshold ?? HOAX_THRESHOLD;
  return scorerFromModel(model, { threshold, version: file.modelVersion, bands: file.bands ?? { sedang: Math.max(0.2, threshold - 0.15), tinggi: threshold } });
}

export function readModelFile(modelPath: string = DEFAULT_MODEL_PATH): HoaxModelFile {
  return JSON.parse(readFileSync(modelPath, 'utf8')) as HoaxModelFile;
}

export function loadHoaxScorer(modelPath: string = DEFAULT_MODEL_PATH): HoaxScorer {
  return scorerFromFile(readModelFile(modelPath), `hoax model ${modelPath}`);
}
