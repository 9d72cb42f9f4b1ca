/**
 * Experiment (not shipped): does dropping training `messages` rows whose label the other folds strongly disagree
 * with (confident-learning style) improve out-of-fold ranking of `messages`? Nested: the rows to drop are chosen
 * inside each outer fold's training part only; every messages row is scored by a model that never saw its fold.
 */
import { readCorpus } from '../nlp-corpus.js';
import { trainingDocs, FOLDS, type TrainDoc } from '../../src/nlp/train/training-docs.js';
import { fit } from '../../src/nlp/train/svm-fit.js';
import { tfidfRow } from '../../src/nlp/hoax-features.js';
import { rocAuc, binaryMetrics } from '../../src/nlp/train/metrics.js';
import { margin } from '../../src/nlp/logistic.js';

const C = Number(process.env.C ?? 0.03);
const t0 = performance.now();
const docs = trainingDocs({ corpus: readCorpus });
const msgIdx = docs.map((d, i) => (d.kind === 'messages' ? i : -1)).filter((i) => i >= 0);
console.log(`docs ${docs.length}, messages ${msgIdx.length}`);
const secs = () => ((performance.now() - t0) / 1000).toFixed(0);

function scoreFold(train: TrainDoc[], test: TrainDoc[]): number[] {
  const { model, params } = fit(train, C);
  return test.map((d) => margin(model, tfidfRow(d.features, params)));
}

const quantiles = (process.env.Q ?? '0,0.03,0.06,0.1').split(',').map(Number);
const oofBy = new Map<number, number[]>(quantiles.map((q) => [q, new Array<number>(docs.length).fill(NaN)]));
for (let f = 0; f < FOLDS; f++) {
  const trainAll = docs.filter((d) => d.fold !== f);
  const testDocs = docs.filter((d) => d.fold === f);
  // Inner out-of-fold margins of the outer training part's messages rows.
  const inner = new Map<TrainDoc, number>();
  if (quantiles.some((q) => q > 0)) {
    for (let g = 0; g < FOLDS; g++) {
      if (g === f) continue;
      const held = trainAll.filter((d) => d.fold === g && d.kind === 'messages');
      const s = scoreFold(trainAll.filter((d) => d.fold !== g), held);
      held.forEach((d, i) => inner.set(d, s[i] as number));
    }
  }
  // Disagreement: a hoaks row's margin far below, a valid row's far above; the q share most disagreeing dropped per class.
  const dis = [...inner].map(([d, m]) => ({ d, v: d.label === 1 ? -m : m }));
  for (const q of quantiles) {
    const drop = new Set<TrainDoc>();
    if (q > 0) {
      for (const label of [0, 1]) {
        const xs = dis.filter((x) => x.d.label === label).sort((a, b) => b.v - a.v);
        for (const x of xs.slice(0, Math.round(q * xs.length))) drop.add(x.d);
      }
    }
    const s = scoreFold(trainAll.filter((d) => !drop.has(d)), testDocs);
    const oof = oofBy.get(q)!;
    testDocs.forEach((d, i) => (oof[docs.indexOf(d)] = s[i] as number));
  }
  console.log(`fold ${f} done (${secs()} s)`);
}
for (const q of quantiles) {
  const oof = oofBy.get(q)!;
  const scores = msgIdx.map((i) => oof[i] as number);
  const labels = msgIdx.map((i) => (docs[i] as TrainDoc).label);
  let bestF1 = 0;
  for (let t = -2; t <= 2; t += 0.02) bestF1 = Math.max(bestF1, binaryMetrics(scores, labels, t).macroF1);
  console.log(`drop ${q}: OOF messages AUC ${rocAuc(scores, labels).toFixed(4)}, best macro-F1 ${bestF1.toFixed(4)}`);
}
