/**
 * Typed-array steps of MatchIndex's retrieval hot path, kept apart from what the index means: picking the best
 * slots without sorting, and growing its per-stem and per-slot arrays.
 */

/** The k slots with the highest score, without sorting every touched slot (tens of thousands at 100k claims). */
export function topK(slots: Uint32Array, count: number, score: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let j = 0; j < count; j++) {
    const slot = slots[j] as number;
    const s = score[slot] as number;
    if (best.length === k && s <= (score[best[k - 1] as number] as number)) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && (score[best[i - 1] as number] as number) < s) {
      best[i] = best[i - 1] as number;
      i--;
    }
    best[i] = slot;
  }
  return best;
}

/** A copy at least `min` long (doubling, so growing one element at a time stays amortised O(1)). */
export function grow<T extends Int32Array | Float64Array>(arr: T, min: number): T {
  const next = new (arr.constructor as new (n: number) => T)(Math.max(min, arr.length * 2));
  next.set(arr);
  return next;
}
