/**
 * Linear models on sparse vectors: logistic regression (AdaGrad, L2), a linear SVM (dual coordinate descent)
 * and Platt scaling. Deterministic: the only randomness is the epoch order, drawn from a seeded generator.
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

export interface SvmOptions {
  dim: number;
  /** Inverse regularisation strength. */
  C: number;
  /** Per-row cost multipliers (class balance, source weights); default 1. */
  rowWeights?: number[];
  maxEpochs?: number;
  /** Stop when the largest projected gradient falls below this. */
  tolerance?: number;
  seed?: number;
}

/**
 * L2-regularised linear SVM with the squared hinge loss, trained by dual coordinate descent (Hsieh et al. 2008,
 * as in LIBLINEAR). The bias is an unregularised-in-spirit extra feature of value 1. Labels are 0/1.
 * Deterministic: the per-epoch order comes from a seeded generator.
 */
export function trainLinearSvm(rows: SparseRow[], labels: number[], opts: SvmOptions): LinearModel {
  const n = rows.length;
  const w = new Float64Array(opts.dim);
  let bias = 0;
  const alpha = new Float64Array(n);
  const sign = labels.map((y) => (y === 1 ? 1 : -1));
  const diag = rows.map((_, i) => 1 / (2 * opts.C * (opts.rowWeights?.[i] ?? 1)));
  const qii = rows.map((row, i) => {
    let s = 1; // bias feature
    for (let k = 0; k < row.val.length; k++) s += (row.val[k] as number) ** 2;
    return s + (diag[i] as number);
  });
  const random = seededRandom(opts.seed ?? 42);
  const order = rows.map((_, i) => i);
  const tol = opts.tolerance ?? 1e-3;
  for (let epoch = 0; epoch < (opts.maxEpochs ?? 50); epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let maxPg = 0;
    for (const i of order) {
      const row = rows[i] as SparseRow;
      let m = bias;
      for (let k = 0; k < row.idx.length; k++) m += (w[row.idx[k] as number] as number) * (row.val[k] as number);
      const a0 = alpha[i] as number;
      const g = (sign[i] as number) * m - 1 + (diag[i] as number) * a0;
      const pg = a0 === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, Math.abs(pg));
      const a1 = Math.max(a0 - g / (qii[i] as number), 0);
      if (a1 !== a0) {
        const d = (a1 - a0) * (sign[i] as number);
        for (let k = 0; k < row.idx.length; k++) w[row.idx[k] as number] = (w[row.idx[k] as number] as number) + d * (row.val[k] as number);
        bias += d;
        alpha[i] = a1;
      }
    }
    if (maxPg < tol) break;
  }
  return { weights: Float32Array.from(w), bias };
}

/**
 * Platt scaling: A, B so that sigmoid(A·margin + B) is a calibrated probability (labels 0/1), by Newton's
 * method on the log-loss, each row counted `weights[i]` times (all 1 when absent).
 */
export function fitPlatt(margins: number[], labels: number[], weights?: number[]): { a: number; b: number } {
  const weightOf = (i: number) => (weights ? (weights[i] as number) : 1);
  let pos = 0;
  let neg = 0;
  labels.forEach((y, i) => (y === 1 ? (pos += weightOf(i)) : (neg += weightOf(i))));
  // Platt's smoothed targets keep the fit finite on separable data.
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    margins.forEach((m, i) => {
      const w = weightOf(i);
      const p = sigmoid(a * m + b);
      const d = (p - (labels[i] === 1 ? tPos : tNeg)) * w;
      const h = p * (1 - p) * w;
      ga += d * m;
      gb += d;
      haa += h * m * m;
      hab += h * m;
      hbb += h;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
