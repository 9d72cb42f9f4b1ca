/**
 * The hoax scorer: a logistic model over hoax-features.ts, loaded from the committed JSON written by
 * scripts/train-hoax-model.ts. Scores are probabilities that a message is a circulating hoax; signals are
 * short Indonesian reasons for moderators (hand marks first, then the n-grams that pushed the score up most).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NormalizedText } from './normalize.js';
import { featureVector, FEATURE_DIM } from './hoax-features.js';
import { margin, sigmoid, type LinearModel } from './logistic.js';

/** Label 'hoaks' when score ≥ this. Overwritten by the value stored in the model when present. */
export const HOAX_THRESHOLD = 0.5;

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./data/hoax-model.json', import.meta.url));

export interface HoaxModelFile {
  version: 1;
  dim: number;
  bias: number;
  threshold: number;
  /** Float32 little-endian weights, base64. */
  weights: string;
  trainedOn: string;
}

export interface HoaxScore {
  score: number;
  label: 'hoaks' | 'valid';
  signals: string[];
}

export interface HoaxScorer {
  threshold: number;
  score(text: string, normalized?: NormalizedText): HoaxScore;
}

export function encodeWeights(w: Float32Array): string {
  return Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString('base64');
}

function decodeWeights(b64: string, dim: number): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(dim);
  out.set(new Float32Array(buf.buffer, buf.byteOffset, Math.min(dim, buf.byteLength >> 2)));
  return out;
}

const TOP_NGRAMS = 3;

export function scorerFromModel(model: LinearModel, threshold: number): HoaxScorer {
  return {
    threshold,
    score(text: string, normalized?: NormalizedText): HoaxScore {
      const fv = featureVector(text, normalized);
      const score = sigmoid(margin(model, fv));
      const signals = fv.hand.filter((h) => h.value >= 0.5).map((h) => h.signal);
      const contributions: Array<[string, number]> = [];
      for (let k = 0; k < fv.idx.length; k++) {
        const name = fv.names.get(fv.idx[k] as number);
        if (name === undefined) continue;
        const c = (model.weights[fv.idx[k] as number] as number) * (fv.val[k] as number);
        if (c > 0.05) contributions.push([name, c]);
      }
      contributions.sort((a, b) => b[1] - a[1]);
      for (const [name] of contributions.slice(0, TOP_NGRAMS)) signals.push(`kata khas hoaks: "${name}"`);
      return { score, label: score >= threshold ? 'hoaks' : 'valid', signals };
    },
  };
}

export function loadHoaxScorer(modelPath: string = DEFAULT_MODEL_PATH): HoaxScorer {
  const file = JSON.parse(readFileSync(modelPath, 'utf8')) as HoaxModelFile;
  if (file.version !== 1 || file.dim !== FEATURE_DIM) {
    throw new Error(`hoax model ${modelPath} does not fit this code (dim ${file.dim}, expected ${FEATURE_DIM}); run npm run train`);
  }
  return scorerFromModel({ weights: decodeWeights(file.weights, file.dim), bias: file.bias }, file.threshold ?? HOAX_THRESHOLD);
}
