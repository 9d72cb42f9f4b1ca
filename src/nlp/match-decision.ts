/**
 * Turning a similarity into an action. Pure, so the analyze worker, `saring check` and the bench share it.
 * Precision first: a false automatic match tells a resident that a true message is a hoax.
 */

export interface MatchThresholds {
  /** ≥ auto → the resident gets the clarification at once (DESIGN: MATCH_AUTO, default 0.9). */
  auto: number;
  /** ≥ suggest → joins the claim as suggested, a moderator confirms (MATCH_SUGGEST, default 0.7). */
  suggest: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = { auto: 0.9, suggest: 0.7 };

/** Texts (and overlaps) under this many content words never match automatically. */
export const MIN_AUTO_WORDS = 8;

export type MatchLevel = 'auto' | 'suggest';

export interface MatchCandidate {
  id: string;
  /** Final similarity in [0, 1], URL evidence included. */
  similarity: number;
  /** Text-only similarity in [0, 1]. */
  textSimilarity?: number;
  /** Both texts carry the same normalised link (with a path). */
  sharedUrl?: boolean;
  /** Content words the two texts share. */
  sharedWords?: number;
  /** One side negates or debunks ("tidak", "hoaks", "klarifikasi") where the other does not. */
  polarityConflict?: boolean;
}

/** A shared specific link is strong evidence, but only on top of some textual agreement. */
export function withUrlEvidence(textSimilarity: number, sharedUrl: boolean): number {
  if (!sharedUrl || textSimilarity < 0.4) return textSimilarity;
  return Math.min(1, textSimilarity + 0.15);
}

export function decideMatch(
  best: MatchCandidate | null | undefined,
  queryWordCount: number,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): MatchLevel | null {
  if (!best || !Number.isFinite(best.similarity)) return null;
  const sim = best.similarity;
  if (sim < thresholds.suggest) return null;
  const autoAllowed =
    queryWordCount >= MIN_AUTO_WORDS &&
    (best.sharedWords ?? MIN_AUTO_WORDS) >= MIN_AUTO_WORDS &&
    !best.polarityConflict;
  if (sim >= thresholds.auto && autoAllowed) return 'auto';
  return 'suggest';
}
