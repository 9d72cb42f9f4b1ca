/**
 * The second stage of training (trainer.ts): TF-IDF over the training documents and the linear SVM on it, with
 * each row's cost, and the out-of-fold margins the cost choice, the stacker and the calibration are fitted on.
 */
import { FEATURE_DIM, GROUP_COUNT, HASH_DIM, idfFromDf, tfidfRow, type TfidfParams } from '../hoax-features.js';
import { margin, trainLinearSvm, type LinearModel } from '../logistic.js';
import { FOLDS, SEED, type TrainDoc } from './training-docs.js';

export const MIN_DF = 2;
export const GROUP_SCALE = [1, 1];
export const HAND_WEIGHT = 0.3;
/** How much each source counts; hoax2024 is all-hoaks and from another period, so it counts less. Local
 * verdicts are this deployment's own moderators' decisions on its own residents' messages: they count most. */
export const SOURCE_WEIGHT: Record<string, number> = { messages: 1, news: 1, tweets: 1, hoax2024: 0.3, title: 0.5, everyday: 0.3, sms: 0.3, local: 3 };

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

/**
 * Cost of each row: its source weight times a class balance within its labelled source (messages titles and
 * hoax2024 count with messages), so news, where most articles are valid, is not pushed towards hoaks by the
 * corpus mix. Everyday, SMS and local rows keep their source weight.
 */
function classWeights(docs: TrainDoc[]): number[] {
  const group = (d: TrainDoc): string => (d.kind === 'title' || d.kind === 'hoax2024' ? 'messages' : d.kind);
  const counts = new Map<string, [number, number]>();
  for (const d of docs) {
    if (d.kind !== 'messages' && d.kind !== 'news' && d.kind !== 'tweets') continue;
    const c = counts.get(d.kind) ?? [0, 0];
    c[d.label] = (c[d.label] as number) + 1;
    counts.set(d.kind, c);
  }
  return docs.map((d) => {
    const c = counts.get(group(d));
    const balance = c ? (c[0] + c[1]) / (2 * Math.max(1, c[d.label] as number)) : 1;
    return (SOURCE_WEIGHT[d.kind] ?? 1) * balance;
  });
}

export function fit(docs: TrainDoc[], C: number): { model: LinearModel; params: TfidfParams; df: Uint32Array[] } {
  const df = documentFrequencies(docs);
  const params = tfidfParams(df, docs.length);
  const rows = docs.map((d) => tfidfRow(d.features, params));
  const model = trainLinearSvm(
    rows,
    docs.map((d) => d.label),
    { dim: FEATURE_DIM, C, rowWeights: classWeights(docs), seed: SEED, maxEpochs: 60 },
  );
  return { model, params, df };
}

/** Out-of-fold SVM margins of the original (non-title) training rows, NaN for title documents. */
export function outOfFold(docs: TrainDoc[], C: number): number[] {
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
