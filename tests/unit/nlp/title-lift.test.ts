import { describe, expect, it } from 'vitest';
import { liftClearTitle } from '../../../src/nlp/title-lift.js';
import type { MatchResult } from '../../../src/nlp/match-index.js';

const result = (id: string, over: Partial<MatchResult> = {}): MatchResult => ({
  id,
  similarity: 0.4,
  textSimilarity: 0.4,
  sharedUrl: false,
  sharedWords: 4,
  polarityConflict: false,
  claimWordCount: 8,
  containment: 0.3,
  ...over,
});

/** The best title scores 0.2, leading the runner-up by 0.05: below the clear-title rule (0.3, lead 0.08). */
function lift(best: MatchResult): boolean {
  const runnerUp = result('other', { similarity: 0.35 });
  return liftClearTitle([best, runnerUp], new Map([[best, 0.2], [runnerUp, 0.15]]));
}

describe('title lift', () => {
  it('suggests a weaker-scoring title the forward mostly contains, at suggest level and never auto', () => {
    const best = result('title', { containment: 0.6 });
    expect(lift(best)).toBe(true);
    expect(best.similarity).toBeGreaterThanOrEqual(0.7);
    expect(best.similarity).toBeLessThan(0.9);
  });

  it('leaves the same score alone when the forward contains less than half the title', () => {
    const best = result('title', { containment: 0.45 });
    expect(lift(best)).toBe(false);
    expect(best.similarity).toBe(0.4);
  });

  it('needs three shared words and a real lead even for a contained title', () => {
    expect(lift(result('title', { containment: 0.9, sharedWords: 2 }))).toBe(false);
    const best = result('title', { containment: 0.9 });
    const close = result('other', { similarity: 0.35 });
    expect(liftClearTitle([best, close], new Map([[best, 0.2], [close, 0.18]]))).toBe(false);
  });
});
