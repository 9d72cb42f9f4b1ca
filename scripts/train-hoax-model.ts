/**
 * Trains the hoax model on the `train` split of ../shared/data/hoax/ (never `test`) and writes
 * src/nlp/data/hoax-model.json. Deterministic: fixed seed, fixed order, fixed hyper-parameters.
 * The decision threshold is chosen on out-of-fold predictions of the training data (5 folds), maximising
 * macro-F1 on `messages`, the kind of text residents forward.
 * Run: npm run train
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus, repoRoot, type CorpusRow } from '../bench/nlp-corpus.js';
import { binaryMetrics } from '../bench/nlp-metrics.js';
import { featureVector, FEATURE_DIM } from '../src/nlp/hoax-features.js';
import { margin, sigmoid, trainLogistic, type SparseRow, type TrainOptions } from '../src/nlp/logistic.js';
import { encodeWeights, type HoaxModelFile } from '../src/nlp/hoax-scorer.js';

const SEED = 20240917;
const FOLDS = 5;
/** How much each source counts; hoax2024 is all-hoaks and would otherwise drown the valid class. */
const SOURCE_WEIGHT: Record<string, number> = { messages: 1, news: 1.5, tweets: 1.5, hoax2024: 0.3 };
const HYPER: Omit<TrainOptions, 'dim' | 'rowWeights'> = { epochs: 5, learningRate: 0.1, l2: 2e-6, seed: SEED };

function trainingRows(): CorpusRow[] {
  const rows: CorpusRow[] = [];
  for (const name of ['messages', 'news', 'tweets', 'hoax2024'] as const) {
    for (const r of readCorpus(name)) if (r.split === 'train') rows.push(r);
  }
  return rows;
}

function rowWeights(rows: CorpusRow[], labels: number[]): number[] {
  // Balance classes overall so the rarer `valid` class is not ignored.
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  return rows.map((r, i) => (SOURCE_WEIGHT[r.source] ?? 1) * (labels[i] === 1 ? labels.length / (2 * pos) : labels.length / (2 * neg)));
}

function bestThreshold(scores: number[], labels: number[]): number {
  let best = 0.5;
  let bestF = -1;
  for (let t = 0.2; t <= 0.8001; t += 0.01) {
    const m = binaryMetrics(scores, labels, t);
    if (m.macroF1 > bestF) {
      bestF = m.macroF1;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

const t0 = performance.now();
const rows = trainingRows();
const labels = rows.map((r) => (r.label === 'hoaks' ? 1 : 0));
const vectors: SparseRow[] = rows.map((r) => featureVector(r.text));
const weights = rowWeights(rows, labels);
console.log(`features for ${rows.length} training rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Out-of-fold scores for choosing the threshold.
const oof = new Array<number>(rows.length).fill(0);
for (let fold = 0; fold < FOLDS; fold++) {
  const inFold = (i: number): boolean => i % FOLDS === fold;
  const trainIdx = rows.map((_, i) => i).filter((i) => !inFold(i));
  const model = trainLogistic(
    trainIdx.map((i) => vectors[i] as SparseRow),
    trainIdx.map((i) => labels[i] as number),
    { ...HYPER, dim: FEATURE_DIM, rowWeights: trainIdx.map((i) => weights[i] as number) },
  );
  rows.forEach((_, i) => {
    if (inFold(i)) oof[i] = sigmoid(margin(model, vectors[i] as SparseRow));
  });
}
const msgIdx = rows.map((r, i) => (r.source === 'messages' ? i : -1)).filter((i) => i >= 0);
const threshold = bestThreshold(
  msgIdx.map((i) => oof[i] as number),
  msgIdx.map((i) => labels[i] as number),
);
for (const src of ['messages', 'news', 'tweets'] as const) {
  const idx = rows.map((r, i) => (r.source === src ? i : -1)).filter((i) => i >= 0);
  const m = binaryMetrics(idx.map((i) => oof[i] as number), idx.map((i) => labels[i] as number), threshold);
  console.log(`OOF ${src}: accuracy ${m.accuracy.toFixed(3)} macro-F1 ${m.macroF1.toFixed(3)} AUC ${m.auc.toFixed(3)}`);
}

const model = trainLogistic(vectors, labels, { ...HYPER, dim: FEATURE_DIM, rowWeights: weights });
const file: HoaxModelFile = {
  version: 1,
  dim: FEATURE_DIM,
  bias: model.bias,
  threshold,
  weights: encodeWeights(model.weights),
  trainedOn: 'train split of messages, news, tweets, hoax2024 (../shared/data/hoax, see SOURCE.md)',
};
const out = path.join(repoRoot, 'src/nlp/data/hoax-model.json');
writeFileSync(out, JSON.stringify(file) + '\n');
console.log(`threshold ${threshold}; wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
