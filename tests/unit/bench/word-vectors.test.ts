import { describe, expect, it } from 'vitest';
import { encodeWordVectors, trainWordVectors } from '../../../bench/experiments/word-vectors.js';

// Two topics that never share a sentence: words of one topic must end up closer to each other than to the other's.
const health = ['vaksin', 'sunti', 'dosis', 'imunisasi', 'puskesmas', 'bidan'];
const quake = ['gempa', 'guncang', 'magnitudo', 'tsunami', 'bmkg', 'retak'];
function corpus(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < 60; i++) {
    const topic = i % 2 ? health : quake;
    out.push(Array.from({ length: 12 }, (_, k) => topic[(i * 7 + k * 5) % topic.length] as string));
  }
  return out;
}
const opts = { dim: 4, minCount: 2, window: 3, seed: 7 };

function cos(v: Float32Array, dim: number, a: number, b: number): number {
  let d = 0;
  for (let k = 0; k < dim; k++) d += (v[a * dim + k] as number) * (v[b * dim + k] as number);
  return d;
}

describe('trainWordVectors', () => {
  it('puts words of one topic closer together than words of another', () => {
    const wv = trainWordVectors(corpus(), opts);
    const id = (w: string): number => wv.vocab.indexOf(w);
    expect(cos(wv.vectors, wv.dim, id('vaksin'), id('dosis'))).toBeGreaterThan(cos(wv.vectors, wv.dim, id('vaksin'), id('gempa')) + 0.5);
    expect(cos(wv.vectors, wv.dim, id('gempa'), id('tsunami'))).toBeGreaterThan(cos(wv.vectors, wv.dim, id('gempa'), id('bidan')) + 0.5);
  });

  it('writes the same bytes on every run', () => {
    expect(JSON.stringify(encodeWordVectors(trainWordVectors(corpus(), opts)))).toBe(JSON.stringify(encodeWordVectors(trainWordVectors(corpus(), opts))));
  });
});
