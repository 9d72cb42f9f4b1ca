/** Classification metrics for the trainer, the retrain check and the benches. */

export interface BinaryMetrics {
  precision: number;
  recall: number;
  f1: number;
  auc: number;
  macroF1: number;
  accuracy: number;
  n: number;
}

function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Positive class = 1 (hoaks). */
export function binaryMetrics(scores: number[], labels: number[], threshold: number): BinaryMetrics {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  scores.forEach((s, i) => {
    const pred = s >= threshold ? 1 : 0;
    const y = labels[i];
    if (pred === 1 && y === 1) tp++;
    else if (pred === 1) fp++;
    else if (y === 0) tn++;
    else fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const negP = tn + fn ? tn / (tn + fn) : 0;
  const negR = tn + fp ? tn / (tn + fp) : 0;
  const hasBoth = tp + fn > 0 && tn + fp > 0;
  return {
    precision,
    recall,
    f1: f1(precision, recall),
    auc: rocAuc(scores, labels),
    macroF1: hasBoth ? (f1(precision, recall) + f1(negP, negR)) / 2 : f1(precision, recall),
    accuracy: scores.length ? (tp + tn) / scores.length : 0,
    n: scores.length,
  };
}

/** Mann–Whitney ROC AUC with tie handling; NaN when one class is missing. */
export function rocAuc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  if (!pos || !neg) return NaN;
  const rankSum = labels.reduce((s, y, i) => (y === 1 ? s + (ranks[i] as number) : s), 0);
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
