/**
 * Nearest-neighbour evidence for the hoax scorer. Fact-check corpora repeat the same hoaxes with small edits, so
 * a message often has a near-copy among the training items. The model keeps a compact memory of every training
 * document: its KNN_TOP heaviest word 1–2-gram TF-IDF buckets (hoax-features.ts group 0), re-normalised, weights
 * quantised to a byte, and its label. A query's word TF-IDF vector is compared by cosine against that memory
 * (an inverted index over the kept buckets) and summarised as KNN_FEATURE_COUNT numbers fed to the stacker:
 * similarity to the nearest hoaks item, to the nearest valid item, their difference, and a similarity-weighted
 * vote of the KNN_NEIGHBOURS nearest items.
 */
import { encodeVarints, decodeVarints } from './hoax-codec.js';

export const KNN_TOP = 32;
export const KNN_NEIGHBOURS = 10;
export const KNN_FEATURE_COUNT = 4;
export const KNN_FEATURE_NAMES = ['nearest hoaks', 'nearest valid', 'hoaks − valid', 'weighted vote'] as const;
/** Vote weight of a neighbour: similarity to this power, so near-copies dominate. */
const VOTE_POWER = 4;

export interface KnnMemoryFile {
  /** Number of documents. */
  n: number;
  /** Kept buckets per document, base64 varints. */
  count: string;
  /** Bucket deltas within each document (sorted), base64 varints. */
  idx: string;
  /** Weights quantised to 1..255 (× 1/255), base64 bytes. */
  val: string;
  /** Labels (1 hoaks, 0 valid), one bit per document, base64. */
  labels: string;
}

/** One document's sparse word vector: bucket → weight (L2-normalised). */
export type SparseEntries = Array<[number, number]>;

/** Keep the `top` heaviest entries and re-normalise them to unit length. */
export function compactEntries(entries: SparseEntries, top = KNN_TOP): SparseEntries {
  const kept = [...entries].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top);
  const norm = Math.hypot(...kept.map((e) => e[1])) || 1;
  return kept.map(([i, v]) => [i, v / norm] as [number, number]).sort((a, b) => a[0] - b[0]);
}

export class KnnMemory {
  readonly labels: Uint8Array;
  /** Postings (CSR by bucket): for each bucket, the documents holding it and their weights. */
  private readonly bucketStart: Map<number, number>;
  private readonly bucketEnd: Map<number, number>;
  private readonly postDoc: Uint32Array;
  private readonly postVal: Float32Array;
  private readonly acc: Float32Array;
  private readonly touched: Uint32Array;

  constructor(docs: SparseEntries[], labels: ArrayLike<number>) {
    this.labels = Uint8Array.from(labels);
    // Counting sort of the (bucket, document) pairs by bucket; documents stay in order within a bucket.
    const perBucket = new Map<number, number>();
    let total = 0;
    for (const e of docs) {
      for (const [i] of e) perBucket.set(i, (perBucket.get(i) ?? 0) + 1);
      total += e.length;
    }
    this.bucketStart = new Map();
    this.bucketEnd = new Map();
    let offset = 0;
    for (const [i, c] of perBucket) {
      this.bucketStart.set(i, offset);
      this.bucketEnd.set(i, offset);
      offset += c;
    }
    this.postDoc = new Uint32Array(total);
    this.postVal = new Float32Array(total);
    docs.forEach((e, d) => {
      for (const [i, v] of e) {
        const k = this.bucketEnd.get(i) as number;
        this.postDoc[k] = d;
        this.postVal[k] = v;
        this.bucketEnd.set(i, k + 1);
      }
    });
    this.acc = new Float32Array(docs.length);
    this.touched = new Uint32Array(docs.length);
  }

  get size(): number {
    return this.labels.length;
  }

  /**
   * The neighbour features of a query vector. `skip(doc)` leaves documents out (training: the query's own fold,
   * so the stacker never learns from self-matches).
   */
  features(query: SparseEntries, skip?: (doc: number) => boolean): number[] {
    let nTouched = 0;
    for (const [i, v] of query) {
      const start = this.bucketStart.get(i);
      if (start === undefined) continue;
      const end = this.bucketEnd.get(i) as number;
      for (let k = start; k < end; k++) {
        const d = this.postDoc[k] as number;
        if (this.acc[d] === 0) this.touched[nTouched++] = d;
        this.acc[d] = (this.acc[d] as number) + v * (this.postVal[k] as number) + 1e-9;
      }
    }
    // Top KNN_NEIGHBOURS by similarity (insertion into a short sorted list).
    const bestDoc: number[] = [];
    const bestSim: number[] = [];
    let nearestHoax = 0;
    let nearestValid = 0;
    for (let t = 0; t < nTouched; t++) {
      const d = this.touched[t] as number;
      const s = this.acc[d] as number;
      this.acc[d] = 0;
      if (skip?.(d)) continue;
      if (this.labels[d] === 1) nearestHoax = Math.max(nearestHoax, s);
      else nearestValid = Math.max(nearestValid, s);
      if (bestSim.length === KNN_NEIGHBOURS && s <= (bestSim[KNN_NEIGHBOURS - 1] as number)) continue;
      let j = Math.min(bestSim.length, KNN_NEIGHBOURS - 1);
      while (j > 0 && ((bestSim[j - 1] as number) < s || ((bestSim[j - 1] as number) === s && (bestDoc[j - 1] as number) > d))) {
        bestSim[j] = bestSim[j - 1] as number;
        bestDoc[j] = bestDoc[j - 1] as number;
        j--;
      }
      bestSim[j] = s;
      bestDoc[j] = d;
    }
    let num = 0;
    let den = 0;
    bestDoc.forEach((d, j) => {
      const w = Math.min(1, bestSim[j] as number) ** VOTE_POWER;
      num += w * (this.labels[d] === 1 ? 1 : -1);
      den += w;
    });
    const h = Math.min(1, nearestHoax);
    const v = Math.min(1, nearestValid);
    return [h, v, h - v, den > 0 ? num / (den + 0.01) : 0];
  }

  static fromFile(file: KnnMemoryFile, source = 'hoax model'): KnnMemory {
    const counts = decodeVarints(file.count);
    const deltas = decodeVarints(file.idx);
    const vals = Buffer.from(file.val, 'base64');
    const bits = Buffer.from(file.labels, 'base64');
    if (counts.length !== file.n || deltas.length !== vals.length || bits.length * 8 < file.n) throw new Error(`${source}: knn memory is corrupt`);
    const docs: SparseEntries[] = [];
    let k = 0;
    for (const c of counts) {
      const e: SparseEntries = [];
      let bucket = 0;
      for (let j = 0; j < c; j++, k++) {
        bucket += deltas[k] as number;
        e.push([bucket, (vals[k] as number) / 255]);
      }
      docs.push(e);
    }
    if (k !== deltas.length) throw new Error(`${source}: knn memory is corrupt`);
    const labels = Array.from({ length: file.n }, (_, d) => ((bits[d >> 3] as number) >> (d & 7)) & 1);
    return new KnnMemory(docs, labels);
  }
}

/** Serialise compacted documents (see compactEntries) with their labels; weights are quantised to a byte. */
export function knnMemoryFile(docs: SparseEntries[], labels: number[]): KnnMemoryFile {
  const bytes: number[] = [];
  const deltas: number[] = [];
  for (const e of docs) {
    let prev = 0;
    for (const [i, v] of e) {
      deltas.push(i - prev);
      prev = i;
      bytes.push(Math.max(1, Math.min(255, Math.round(v * 255))));
    }
  }
  const bits = new Uint8Array(Math.ceil(labels.length / 8));
  labels.forEach((y, d) => {
    if (y === 1) bits[d >> 3] = (bits[d >> 3] as number) | (1 << (d & 7));
  });
  return {
    n: docs.length,
    count: encodeVarints(docs.map((e) => e.length)),
    idx: encodeVarints(deltas),
    val: Buffer.from(bytes).toString('base64'),
    labels: Buffer.from(bits).toString('base64'),
  };
}

/** Quantise weights as the stored memory does, so training sees what scoring will. */
export function quantiseEntries(e: SparseEntries): SparseEntries {
  return e.map(([i, v]) => [i, Math.max(1, Math.min(255, Math.round(v * 255))) / 255] as [number, number]);
}
