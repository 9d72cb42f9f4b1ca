/**
 * Trains the hoax model (hoax-scorer.ts) — used by `npm run train` (scripts/train-hoax-model.ts, writes the
 * shipped model) and by `saring retrain` (adds the deployment's published verdicts). Deterministic: fixed seed,
 * folds by id hash, fixed grid; the same inputs give the same model and the same version string.
 *
 * Training documents (the `train` split only; `test` and the everyday held-out templates are never seen):
 * messages, news, tweets, hoax2024, the fact-checker titles of messages rows, the `normal` and `promo` SMS, the
 * generated everyday village-group messages (everyday.ts) and, on retrain, the local verdicts (weighted above the
 * corpus). Model: linear SVM over TF-IDF of hashed word/char n-grams + the named patterns, stacked with
 * nearest-neighbour evidence. The stacker is the calibration: a logistic regression of the label on out-of-fold
 * values, fitted on the calibration set — messages, everyday and SMS rows together, the mix a village group's
 * forwards come in — so the probability means what it says on that mix.
 *
 * Stages: training-docs.ts (documents and folds), svm-fit.ts (TF-IDF, SVM, out-of-fold margins), then here the
 * cost choice, the neighbour stacker, calibration and the model file, with threshold.ts choosing the threshold.
 */
import { createHash } from 'node:crypto';
import { GROUP_COUNT, GROUP_NAMES, HASH_BITS, HASH_DIM, tfidfRow } from '../hoax-features.js';
import { fitPlatt, sigmoid, trainLogistic, type SparseRow } from '../logistic.js';
import { MODEL_FORMAT, stackedLogit, wordEntries, type HoaxModelFile } from '../hoax-scorer.js';
import { encodeFloat32, encodeVarints } from '../hoax-codec.js';
import { compactEntries, KNN_FEATURE_COUNT, KnnMemory, knnMemoryFile, quantiseEntries } from '../hoax-knn.js';
import { FOLDS, indicesOf, SEED, trainingDocs, type DocSources, type TrainDoc } from './training-docs.js';
import { fit, GROUP_SCALE, HAND_WEIGHT, MIN_DF, outOfFold, SOURCE_WEIGHT } from './svm-fit.js';
import { bestThreshold } from './threshold.js';
import { binaryMetrics, rocAuc } from './metrics.js';

export const C_GRID = [0.01, 0.03, 0.1];
const CHAT_SHARE = 0.3;
/** Kinds whose out-of-fold values fit the stacker (the calibration set). */
const CALIBRATION = new Set(['messages', 'everyday', 'sms', 'local']);

export interface TrainOptions extends DocSources {
  /** A fixed cost instead of the grid (retrain reuses the shipped model's). */
  C?: number;
  log?: (line: string) => void;
}

/**
 * `v4-<10 hex of the content hash>`, with `l<N>` for N local verdicts: the same model gets the same name. Only what
 * scores is hashed (not the record of how it was chosen), so a retrain that reuses the chosen cost and adds no
 * verdicts gives the live model's name again.
 */
export function versionOf(file: Omit<HoaxModelFile, 'modelVersion'>, localCount: number): string {
  const { cv: _cv, trainedOn: _trainedOn, ...scoring } = file;
  const hash = createHash('sha256').update(JSON.stringify(scoring)).digest('hex').slice(0, 10);
  return `v${MODEL_FORMAT}-${localCount > 0 ? `l${localCount}-` : ''}${hash}`;
}

export function trainHoaxModel(opts: TrainOptions): HoaxModelFile {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const secs = (): string => ((performance.now() - t0) / 1000).toFixed(1);
  const docs = trainingDocs(opts);
  log(`features for ${docs.length} training documents in ${secs()} s`);
  const calIdx = indicesOf(docs, (k) => CALIBRATION.has(k));
  const calLabels = calIdx.map((i) => (docs[i] as TrainDoc).label);
  const msgIdx = indicesOf(docs, (k) => k === 'messages');
  const msgLabels = msgIdx.map((i) => (docs[i] as TrainDoc).label);
  // In the calibration fit, everyday and SMS rows together weigh CHAT_SHARE of the messages rows: a village
  // group's forwards to the bot are mostly suspect messages, but ordinary ones come too.
  const chatCount = calIdx.filter((i) => ['everyday', 'sms'].includes((docs[i] as TrainDoc).kind)).length;
  const calWeights = calIdx.map((i) => {
    const kind = (docs[i] as TrainDoc).kind;
    if (kind === 'everyday' || kind === 'sms') return (CHAT_SHARE * msgIdx.length) / Math.max(1, chatCount);
    return kind === 'local' ? (SOURCE_WEIGHT.local ?? 1) : 1;
  });

  let chosen: { C: number; auc: number; oof: number[] } | undefined;
  for (const C of opts.C !== undefined ? [opts.C] : C_GRID) {
    const oof = outOfFold(docs, C);
    // The cost is chosen on messages, the hard part: every C separates everyday chatter from hoaxes.
    const auc = rocAuc(
      msgIdx.map((i) => oof[i] as number),
      msgLabels,
    );
    log(`C ${C}: out-of-fold messages ROC AUC ${auc.toFixed(4)} (${secs()} s)`);
    if (!chosen || auc > chosen.auc + 1e-9) chosen = { C, auc, oof };
  }
  const { C, oof } = chosen as { C: number; auc: number; oof: number[] };
  const platt = fitPlatt(
    calIdx.map((i) => oof[i] as number),
    calLabels,
  );
  // The final SVM, and the neighbour memory of every training document under its TF-IDF.
  const { model, df, params } = fit(docs, C);
  const wordVector = (d: TrainDoc) => wordEntries(tfidfRow(d.features, params), GROUP_SCALE[0] ?? 1);
  const memDocs = docs.map((d) => quantiseEntries(compactEntries(wordVector(d))));
  const memory = new KnnMemory(
    memDocs,
    docs.map((d) => d.label),
  );
  // Out-of-fold neighbour features: a training row only sees documents of the other folds.
  const knnOof = docs.map((d) => (d.kind === 'title' ? [] : memory.features(wordVector(d), (j) => (docs[j] as TrainDoc).fold === d.fold)));
  const stackRow = (i: number): SparseRow => ({
    idx: Uint32Array.from({ length: 1 + KNN_FEATURE_COUNT }, (_, j) => j),
    val: Float32Array.from([oof[i] as number, ...(knnOof[i] as number[])]),
  });
  // The stacker ranks: fitted on messages rows only (on the forward mix, everyday rows' all-valid neighbours
  // would make it lean on the neighbour vote, which is noisy for messages).
  const lr = trainLogistic(msgIdx.map(stackRow), msgLabels, { dim: 1 + KNN_FEATURE_COUNT, epochs: 40, learningRate: 0.1, l2: 1e-4, seed: SEED });
  const stack = { a: +(lr.weights[0] as number).toFixed(6), b: +lr.bias.toFixed(6), knn: Array.from(lr.weights.subarray(1), (w) => +w.toFixed(6)) };
  log(`stacker: margin ${stack.a}, knn [${stack.knn.join(', ')}], bias ${stack.b}`);
  const stackOof = oof.map((m, i) => (Number.isNaN(m) ? NaN : stackedLogit({ platt, stack }, m, knnOof[i])));
  // Calibration: Platt scaling of the stacker's log-odds on the calibration set (messages, everyday and SMS rows,
  // weighted as a village group's forwards come), so the probability means what it says on that mix.
  const calibration = fitPlatt(
    calIdx.map((i) => stackOof[i] as number),
    calLabels,
    calWeights,
  );
  log(`calibration: a ${calibration.a.toFixed(4)}, b ${calibration.b.toFixed(4)}`);
  const prob = stackOof.map((z) => (Number.isNaN(z) ? NaN : sigmoid(calibration.a * z + calibration.b)));
  const threshold = bestThreshold(prob, docs);
  const cv: Record<string, unknown> = { folds: FOLDS, C, cGrid: opts.C !== undefined ? [opts.C] : C_GRID, minDf: MIN_DF, sourceWeight: SOURCE_WEIGHT };
  for (const src of ['messages', 'news', 'tweets', 'everyday', 'sms', 'local'] as const) {
    const idx = indicesOf(docs, (k) => k === src);
    if (idx.length === 0) continue;
    const m = binaryMetrics(
      idx.map((i) => prob[i] as number),
      idx.map((i) => (docs[i] as TrainDoc).label),
      threshold,
    );
    cv[src] = { n: idx.length, accuracy: +m.accuracy.toFixed(4), macroF1: +m.macroF1.toFixed(4), recall: +m.recall.toFixed(4), auc: Number.isNaN(m.auc) ? null : +m.auc.toFixed(4) };
    log(`OOF ${src}: accuracy ${m.accuracy.toFixed(3)} macro-F1 ${m.macroF1.toFixed(3)} recall ${m.recall.toFixed(3)} AUC ${m.auc.toFixed(3)}`);
  }

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
  const localCount = docs.filter((d) => d.kind === 'local').length;
  const body: Omit<HoaxModelFile, 'modelVersion'> = {
    version: MODEL_FORMAT,
    kind: 'tfidf-svm',
    hashBits: HASH_BITS,
    nDocs: docs.length,
    minDf: MIN_DF,
    groups,
    handWeight: HAND_WEIGHT,
    hand: Array.from(model.weights.subarray(GROUP_COUNT * HASH_DIM), (w) => +w.toFixed(6)),
    bias: model.bias,
    platt,
    knn: knnMemoryFile(
      memDocs,
      docs.map((d) => d.label),
    ),
    stack,
    calibration: { a: +calibration.a.toFixed(6), b: +calibration.b.toFixed(6) },
    threshold,
    // "sedang" starts a little below the decision threshold: worth a look, not called hoaks.
    bands: { sedang: +Math.max(0.2, Math.min(0.45, threshold - 0.15)).toFixed(2), tinggi: threshold },
    trainedOn: `train split of messages (+ fact-checker titles), news, tweets, hoax2024, sms normal/promo (the hoax corpus, see SOURCE.md); generated everyday messages (train templates)${localCount ? `; ${localCount} local verdicts` : ''}`,
    cv,
  };
  const modelVersion = versionOf(body, localCount);
  log(`C ${C}, threshold ${threshold}, version ${modelVersion} (${secs()} s)`);
  return { ...body, modelVersion };
}
