/**
 * Trains the hoax model on the `train` split of ../shared/data/hoax/ (never `test`) and writes
 * src/nlp/data/hoax-model.json. Deterministic: fixed seed, fixed folds (by id hash), fixed grid.
 *
 * Model: linear SVM (squared hinge, dual coordinate descent) over sublinear TF-IDF of hashed word 1–2-grams
 * and char_wb 2–5-grams (min document frequency 2) plus hand features; Platt scaling to a probability.
 * Training texts: every `train` row of messages, news, tweets and hoax2024, plus the fact-checker's `title` of
 * each `messages` train row as an extra, lighter document with the row's label.
 * Chosen by stratified 5-fold cross-validation on the training rows only: the cost C (best out-of-fold ROC AUC
 * on `messages`), the Platt parameters (on out-of-fold margins of `messages`) and the decision threshold
 * (maximising macro-F1 + accuracy on out-of-fold `messages` scores, the kind of text residents forward).
 * Run: npm run train
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus, repoRoot, type CorpusRow } from '../bench/nlp-corpus.js';
import { binaryMetrics, rocAuc } from '../bench/nlp-metrics.js';
import { hash32 } from '../src/nlp/fingerprint.js';
import {
  FEATURE_DIM,
  GROUP_COUNT,
  GROUP_NAMES,
  HASH_BITS,
  HASH_DIM,
  idfFromDf,
  rawFeatures,
  tfidfRow,
  type RawFeatures,
  type TfidfParams,
} from '../src/nlp/hoax-features.js';
import { fitPlatt, sigmoid, margin, trainLinearSvm, type LinearModel } from '../src/nlp/logistic.js';
import { encodeFloat32, encodeVarints, type HoaxModelFile } from '../src/nlp/hoax-scorer.js';

const SEED = 20240917;
const FOLDS = 5;
const MIN_DF = 2;
const C_GRID = [0.01, 0.03, 0.1];
/**
 * The single threshold must not sink the other kinds of text: out-of-fold news and tweets must stay at or above
 * the naive Bayes baselines of SOURCE.md (accuracy / macro-F1).
 */
const FLOORS: Record<string, { accuracy: number; macroF1: number }> = { news: { accuracy: 0.638, macroF1: 0.557 }, tweets: { accuracy: 0.735, macroF1: 0.488 } };
const GROUP_SCALE = [1, 1];
const HAND_WEIGHT = 0.3;
/** How much each source counts; hoax2024 is all-hoaks and from another period, so it counts less. */
const SOURCE_WEIGHT: Record<string, number> = { messages: 1, news: 1, tweets: 1, hoax2024: 0.3, title: 0.5 };

interface TrainDoc {
  row: CorpusRow;
  /** 'title' for the augmented fact-checker titles, else the corpus name. */
  kind: string;
  label: number;
  fold: number;
  features: RawFeatures;
}

function trainingDocs(): TrainDoc[] {
  const rows: CorpusRow[] = [];
  for (const name of ['messages', 'news', 'tweets', 'hoax2024'] as const) {
    for (const r of readCorpus(name)) if (r.split === 'train') rows.push(r);
  }
  // Stratified folds: within each (source, label) group, rows ordered by a hash of their id.
  const fold = new Map<string, number>();
  const groups = new Map<string, CorpusRow[]>();
  for (const r of rows) {
    const key = `${r.source}|${r.label}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => hash32(a.id, SEED) - hash32(b.id, SEED) || (a.id < b.id ? -1 : 1));
    g.forEach((r, j) => fold.set(r.id, j % FOLDS));
  }
  const docs: TrainDoc[] = rows.map((r) => ({
    row: r,
    kind: r.source,
    label: r.label === 'hoaks' ? 1 : 0,
    fold: fold.get(r.id) as number,
    features: rawFeatures(r.text),
  }));
  for (const r of rows) {
    const title = r.title?.trim();
    if (r.source !== 'messages' || !title || title.toLowerCase() === r.text.trim().toLowerCase()) continue;
    docs.push({ row: r, kind: 'title', label: r.label === 'hoaks' ? 1 : 0, fold: fold.get(r.id) as number, features: rawFeatures(title) });
  }
  return docs;
}

function documentFrequencies(docs: TrainDoc[]): Uint32Array[] {
  const df = Array.from({ length: GROUP_COUNT }, () => new Uint32Array(HASH_DIM));
  for (const d of docs) {
    d.features.groups.forEach((g, gi) => {
      const counts = df[gi] as Uint32Array;
      for (const k of g.idx) counts[k] = (counts[k] as number) + 1;
    });
  }
  return df;
}

function tfidfParams(df: Uint32Array[], nDocs: number): TfidfParams {
  return { idf: df.map((d) => idfFromDf(d, nDocs, MIN_DF)), groupWeights: GROUP_SCALE, handWeight: HAND_WEIGHT };
}

function fit(docs: TrainDoc[], C: number): { model: LinearModel; params: TfidfParams; df: Uint32Array[] } {
  const df = documentFrequencies(docs);
  const params = tfidfParams(df, docs.length);
  const rows = docs.map((d) => tfidfRow(d.features, params));
  const labels = docs.map((d) => d.label);
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  // Balance the classes: every valid row costs pos/neg times a hoaks row.
  const rowWeights = docs.map((d) => (SOURCE_WEIGHT[d.kind] ?? 1) * (d.label === 1 ? 1 : pos / neg));
  const model = trainLinearSvm(rows, labels, { dim: FEATURE_DIM, C, rowWeights, seed: SEED, maxEpochs: 60 });
  return { model, params, df };
}

/** Out-of-fold SVM margins of the original (non-title) training rows, NaN for title documents. */
function outOfFold(docs: TrainDoc[], C: number): number[] {
  const oof = new Array<number>(docs.length).fill(NaN);
  for (let f = 0; f < FOLDS; f++) {
    const { model, params } = fit(
      docs.filter((d) => d.fold !== f),
      C,
    );
    docs.forEach((d, i) => {
      if (d.fold === f && d.kind !== 'title') oof[i] = margin(model, tfidfRow(d.features, params));
    });
  }
  return oof;
}

function indicesOf(docs: TrainDoc[], kind: string): number[] {
  return docs.map((d, i) => (d.kind === kind ? i : -1)).filter((i) => i >= 0);
}

function bestThreshold(scores: number[], labels: number[], rest: Array<{ kind: string; scores: number[]; labels: number[] }>): number {
  let best = 0.5;
  let bestValue = -Infinity;
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const m = binaryMetrics(scores, labels, t);
    let shortfall = 0;
    for (const o of rest) {
      const floor = FLOORS[o.kind];
      if (!floor) continue;
      const mo = binaryMetrics(o.scores, o.labels, t);
      shortfall += Math.max(0, floor.accuracy - mo.accuracy) + Math.max(0, floor.macroF1 - mo.macroF1);
    }
    // Thresholds that keep every floor win; among them, the best macro-F1 + accuracy on messages.
    const value = m.macroF1 + m.accuracy - 10 * shortfall;
    if (value > bestValue + 1e-12) {
      bestValue = value;
      best = t;
    }
  }
  return best;
}

const t0 = performance.now();
const docs = trainingDocs();
console.log(`features for ${docs.length} training documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const msgIdx = indicesOf(docs, 'messages');
const msgLabels = msgIdx.map((i) => (docs[i] as TrainDoc).label);

let best: { C: number; auc: number; oof: number[] } | undefined;
for (const C of C_GRID) {
  const oof = outOfFold(docs, C);
  const auc = rocAuc(
    msgIdx.map((i) => oof[i] as number),
    msgLabels,
  );
  console.log(`C ${C}: out-of-fold messages ROC AUC ${auc.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (!best || auc > best.auc + 1e-9) best = { C, auc, oof };
}
const chosen = best as { C: number; auc: number; oof: number[] };
const platt = fitPlatt(
  msgIdx.map((i) => chosen.oof[i] as number),
  msgLabels,
);
const prob = chosen.oof.map((m) => sigmoid(platt.a * m + platt.b));
const threshold = bestThreshold(
  msgIdx.map((i) => prob[i] as number),
  msgLabels,
  (['news', 'tweets'] as const).map((kind) => {
    const idx = indicesOf(docs, kind);
    return { kind, scores: idx.map((i) => prob[i] as number), labels: idx.map((i) => (docs[i] as TrainDoc).label) };
  }),
);
const cv: Record<string, unknown> = { folds: FOLDS, C: chosen.C, cGrid: C_GRID, minDf: MIN_DF, sourceWeight: SOURCE_WEIGHT };
for (const src of ['messages', 'news', 'tweets'] as const) {
  const idx = indicesOf(docs, src);
  const m = binaryMetrics(
    idx.map((i) => prob[i] as number),
    idx.map((i) => (docs[i] as TrainDoc).label),
    threshold,
  );
  cv[src] = { accuracy: +m.accuracy.toFixed(4), macroF1: +m.macroF1.toFixed(4), auc: +m.auc.toFixed(4) };
  console.log(`OOF ${src}: accuracy ${m.accuracy.toFixed(3)} macro-F1 ${m.macroF1.toFixed(3)} AUC ${m.auc.toFixed(3)}`);
}

const { model, df } = fit(docs, chosen.C);
const groups = GROUP_NAMES.map((name, gi) => {
  const counts = df[gi] as Uint32Array;
  const deltas: number[] = [];
  const dfs: number[] = [];
  const ws: number[] = [];
  let prev = 0;
  for (let k = 0; k < HASH_DIM; k++) {
    if ((counts[k] as number) < MIN_DF) continue;
    deltas.push(k - prev);
    prev = k;
    dfs.push(counts[k] as number);
    ws.push(model.weights[gi * HASH_DIM + k] as number);
  }
  return { name, idx: encodeVarints(deltas), df: encodeVarints(dfs), weights: encodeFloat32(Float32Array.from(ws)), scale: GROUP_SCALE[gi] ?? 1 };
});
const file: HoaxModelFile = {
  version: 2,
  kind: 'tfidf-svm',
  hashBits: HASH_BITS,
  nDocs: docs.length,
  minDf: MIN_DF,
  groups,
  handWeight: HAND_WEIGHT,
  hand: Array.from(model.weights.subarray(GROUP_COUNT * HASH_DIM), (w) => +w.toFixed(6)),
  bias: model.bias,
  platt,
  threshold,
  trainedOn: 'train split of messages (+ fact-checker titles), news, tweets, hoax2024 (../shared/data/hoax, see SOURCE.md)',
  cv,
};
const out = path.join(repoRoot, 'src/nlp/data/hoax-model.json');
writeFileSync(out, JSON.stringify(file) + '\n');
console.log(`C ${chosen.C}, threshold ${threshold}; wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
