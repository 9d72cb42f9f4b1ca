/**
 * Stem vectors learned from the corpus's train split, tried as a third similarity in the matcher's title score
 * and not kept (src/nlp/README.md, "Title lift", has the figures): positive PMI of stems co-occurring within a
 * window, factorised by a seeded randomised eigendecomposition (the PPMI matrix is symmetric), rows scaled by
 * √eigenvalue and unit-normalised. Count-based rather than skip-gram: deterministic with one seed and no learning
 * rate to tune.
 */
import { hash32 } from '../../src/nlp/fingerprint.js';
import { seededRandom } from '../../src/nlp/logistic.js';

export interface WordVectorOptions {
  dim: number;
  /** Stems seen fewer times are left out (their vectors would be noise). */
  minCount: number;
  /** Context words on each side. */
  window: number;
  seed: number;
}

export interface WordVectors {
  dim: number;
  vocab: string[];
  /** vocab.length × dim, unit rows. */
  vectors: Float32Array;
}

/** Sparse symmetric matrix in compressed rows. */
interface Csr {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

export function trainWordVectors(sequences: readonly (readonly string[])[], opts: WordVectorOptions): WordVectors {
  const counts = new Map<string, number>();
  for (const seq of sequences) for (const t of seq) counts.set(t, (counts.get(t) ?? 0) + 1);
  const vocab = [...counts].filter(([, c]) => c >= opts.minCount).map(([t]) => t).sort();
  const ids = new Map(vocab.map((t, i) => [t, i]));
  const ppmi = ppmiMatrix(sequences, ids, opts.window);
  const { vectors, values } = topEigen(ppmi, opts.dim, opts.seed);
  const dim = opts.dim;
  const out = new Float32Array(vocab.length * dim);
  for (let i = 0; i < vocab.length; i++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) {
      const x = (vectors[k * vocab.length + i] as number) * Math.sqrt(Math.max(0, values[k] as number));
      out[i * dim + k] = x;
      norm += x * x;
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) out[i * dim + k] = (out[i * dim + k] as number) * s;
  }
  return { dim, vocab, vectors: out };
}

/** PPMI with context-distribution smoothing (α = 0.75), counts weighted by 1/distance within the window. */
function ppmiMatrix(sequences: readonly (readonly string[])[], ids: Map<string, number>, window: number): Csr {
  const n = ids.size;
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const seq of sequences) {
    const s = seq.map((t) => ids.get(t) ?? -1);
    for (let i = 0; i < s.length; i++) {
      const a = s[i] as number;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + window && j < s.length; j++) {
        const b = s[j] as number;
        if (b < 0 || b === a) continue;
        const w = 1 / (j - i);
        const ra = rows[a] as Map<number, number>;
        const rb = rows[b] as Map<number, number>;
        ra.set(b, (ra.get(b) ?? 0) + w);
        rb.set(a, (rb.get(a) ?? 0) + w);
      }
    }
  }
  const rowSum = new Float64Array(n);
  const ctxSmoothed = new Float64Array(n);
  let smoothedTotal = 0;
  rows.forEach((r, i) => {
    let s = 0;
    for (const v of r.values()) s += v;
    rowSum[i] = s;
    ctxSmoothed[i] = Math.pow(s, 0.75);
    smoothedTotal += ctxSmoothed[i] as number;
  });
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  rows.forEach((r, i) => {
    for (const [j, c] of [...r].sort((x, y) => x[0] - y[0])) {
      const pmi = Math.log((c * smoothedTotal) / ((rowSum[i] as number) * (ctxSmoothed[j] as number)));
      // Symmetrised: the 0.75 smoothing applies on the context side only, so average both directions.
      const pmiT = Math.log((c * smoothedTotal) / ((rowSum[j] as number) * (ctxSmoothed[i] as number)));
      const v = 0.5 * (pmi + pmiT);
      if (v > 0) {
        cols.push(j);
        vals.push(v);
      }
    }
    rowStart[i + 1] = cols.length;
  });
  return { n, rowStart, cols: Int32Array.from(cols), vals: Float64Array.from(vals) };
}

/** out (n × l, column-major) = M · x (n × l, column-major). */
function multiply(m: Csr, x: Float64Array, l: number): Float64Array {
  const out = new Float64Array(m.n * l);
  for (let i = 0; i < m.n; i++) {
    for (let p = m.rowStart[i] as number; p < (m.rowStart[i + 1] as number); p++) {
      const j = m.cols[p] as number;
      const v = m.vals[p] as number;
      for (let c = 0; c < l; c++) out[c * m.n + i] = (out[c * m.n + i] as number) + v * (x[c * m.n + j] as number);
    }
  }
  return out;
}

/** Modified Gram-Schmidt on the columns, in place. */
function orthonormalise(x: Float64Array, n: number, l: number): void {
  for (let c = 0; c < l; c++) {
    for (let d = 0; d < c; d++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (x[c * n + i] as number) * (x[d * n + i] as number);
      for (let i = 0; i < n; i++) x[c * n + i] = (x[c * n + i] as number) - dot * (x[d * n + i] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (x[c * n + i] as number) ** 2;
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) x[c * n + i] = (x[c * n + i] as number) * s;
  }
}

/** The `k` largest eigenpairs of a symmetric sparse matrix: randomised range finder, then Jacobi on Qᵀ M Q. */
function topEigen(m: Csr, k: number, seed: number): { vectors: Float64Array; values: Float64Array } {
  const n = m.n;
  const l = k + 24;
  const random = seededRandom(seed);
  let q: Float64Array = new Float64Array(n * l);
  for (let i = 0; i < q.length; i++) q[i] = random() * 2 - 1;
  orthonormalise(q, n, l);
  for (let iter = 0; iter < 4; iter++) {
    q = multiply(m, q, l);
    orthonormalise(q, n, l);
  }
  const mq = multiply(m, q, l);
  const b = new Float64Array(l * l);
  for (let r = 0; r < l; r++) {
    for (let c = 0; c < l; c++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (q[r * n + i] as number) * (mq[c * n + i] as number);
      b[r * l + c] = dot;
    }
  }
  for (let r = 0; r < l; r++) for (let c = r + 1; c < l; c++) b[r * l + c] = b[c * l + r] = 0.5 * ((b[r * l + c] as number) + (b[c * l + r] as number));
  const { values, vectors: w } = jacobi(b, l);
  const order = [...values.keys()].sort((x, y) => (values[y] as number) - (values[x] as number)).slice(0, k);
  const vectors = new Float64Array(n * k);
  order.forEach((e, col) => {
    for (let r = 0; r < l; r++) {
      const coef = w[r * l + e] as number;
      if (coef === 0) continue;
      for (let i = 0; i < n; i++) vectors[col * n + i] = (vectors[col * n + i] as number) + coef * (q[r * n + i] as number);
    }
    // Sign convention so that reruns and platforms agree on the output bytes: the largest entry is positive.
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(vectors[col * n + i] as number) > Math.abs(big)) big = vectors[col * n + i] as number;
    if (big < 0) for (let i = 0; i < n; i++) vectors[col * n + i] = -(vectors[col * n + i] as number);
  });
  return { vectors, values: Float64Array.from(order.map((e) => values[e] as number)) };
}

/** Cyclic Jacobi eigendecomposition of a small dense symmetric matrix (row-major); eigenvectors are columns. */
function jacobi(a0: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(a0);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let r = p + 1; r < l; r++) off += (a[p * l + r] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let r = p + 1; r < l; r++) {
        const apr = a[p * l + r] as number;
        if (Math.abs(apr) < 1e-300) continue;
        const theta = ((a[r * l + r] as number) - (a[p * l + p] as number)) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < l; i++) {
          const aip = a[i * l + p] as number;
          const air = a[i * l + r] as number;
          a[i * l + p] = c * aip - s * air;
          a[i * l + r] = s * aip + c * air;
        }
        for (let i = 0; i < l; i++) {
          const api = a[p * l + i] as number;
          const ari = a[r * l + i] as number;
          a[p * l + i] = c * api - s * ari;
          a[r * l + i] = s * api + c * ari;
        }
        for (let i = 0; i < l; i++) {
          const vip = v[i * l + p] as number;
          const vir = v[i * l + r] as number;
          v[i * l + p] = c * vip - s * vir;
          v[i * l + r] = s * vip + c * vir;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: l }, (_, i) => a[i * l + i] as number), vectors: v };
}

/** Also tried: 128 dimensions with a window of 2, and with a window of 10 and minimum count 2: no better on the title track. */
export const WORD_VECTOR_OPTIONS: WordVectorOptions = { dim: 64, minCount: 3, window: 5, seed: 20240917 };

/**
 * Title-track rows (about three in ten, by id) left out of the vectors built to tune the title score on: the dev
 * queries it is tuned on must be texts the vectors never saw, as the test queries are.
 */
export function isVectorTuningRow(id: string): boolean {
  return hash32(id, 0x5a11) % 10 < 3;
}

/** The shipped form: unit rows quantised to int8 (×127), base64. */
export interface WordVectorFile {
  format: 1;
  dim: number;
  vocab: string[];
  vectors: string;
}

export function encodeWordVectors(wv: WordVectors): WordVectorFile {
  const q = new Int8Array(wv.vectors.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round((wv.vectors[i] as number) * 127)));
  return { format: 1, dim: wv.dim, vocab: wv.vocab, vectors: Buffer.from(q.buffer).toString('base64') };
}
