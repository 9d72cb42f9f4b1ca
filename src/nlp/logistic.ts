/**
 * Binary logistic regression on sparse vectors, trained with AdaGrad and L2. Deterministic: the only
 * randomness is the epoch shuffle, drawn from a seeded generator.
 */

export interface SparseRow {
  idx: Uint32Array;
  val: Float32Array;
}

export interface TrainOptions {
  dim: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Per-row weights (e.g. to balance classes or sources); default 1. */
  rowWeights?: number[];
}

export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

/** mulberry32: tiny seeded PRNG so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function margin(model: LinearModel, row: SparseRow): number {
  let z = model.bias;
  for (let k = 0; k < row.idx.length; k++) z += (model.weights[row.idx[k] as number] as number) * (row.val[k] as number);
  return z;
}

export function trainLogistic(rows: SparseRow[], labels: number[], opts: TrainOptions): LinearModel {
  const epochs = opts.epochs ?? 15;
  const lr = opts.learningRate ?? 0.2;
  const l2 = opts.l2 ?? 1e-5;
  const random = seededRandom(opts.seed ?? 42);
  const w = new Float32Array(opts.dim);
  const g2 = new Float32Array(opts.dim).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const row = rows[r] as SparseRow;
      const y = labels[r] as number;
      const rw = opts.rowWeights?.[r] ?? 1;
      const err = (sigmoid(margin({ weights: w, bias }, row)) - y) * rw;
      for (let k = 0; k < row.idx.length; k++) {
        const i = row.idx[k] as number;
        const g = err * (row.val[k] as number) + l2 * (w[i] as number);
        g2[i] = (g2[i] as number) + g * g;
        w[i] = (w[i] as number) - (lr * g) / Math.sqrt(g2[i] as number);
      }
      biasG2 += err * err;
      bias -= (lr * err) / Math.sqrt(biasG2);
    }
  }
  return { weights: w, bias };
}
