/**
 * Similarity of a query to one stored claim from their overlaps. Two views are combined:
 * - symmetric (weighted Dice of stems + Dice of bigrams): a reworded or edited copy of the same text;
 * - containment (overlap over the smaller side): a resident forwards a longer text than the stored claim, or
 *   only a part of it. Containment is discounted when the smaller side is short or much smaller, because a
 *   short text is "contained" in many unrelated long ones.
 */

export interface Overlap {
  /** IDF mass of shared stems, of the query's stems and of the claim's stems. */
  shared: number;
  query: number;
  claim: number;
  /** Shared bigrams and the bigram counts of each side. */
  sharedBigrams: number;
  queryBigrams: number;
  claimBigrams: number;
  /** Content-word counts of each side. */
  queryWords: number;
  claimWords: number;
}

const STEM_WEIGHT = 0.6;

export function containment(o: Overlap): number {
  return o.shared > 0 ? o.shared / Math.min(o.query, o.claim) : 0;
}

export function textSimilarity(o: Overlap): number {
  if (o.shared <= 0) return 0;
  const bigramDice = o.queryBigrams + o.claimBigrams > 0 ? (2 * o.sharedBigrams) / (o.queryBigrams + o.claimBigrams) : 0;
  const stemDice = (2 * o.shared) / (o.query + o.claim);
  const hasBigrams = o.queryBigrams > 0 && o.claimBigrams > 0;
  const symmetric = hasBigrams ? STEM_WEIGHT * stemDice + (1 - STEM_WEIGHT) * bigramDice : stemDice;

  const minBigrams = Math.min(o.queryBigrams, o.claimBigrams);
  const stemCont = o.shared / Math.min(o.query, o.claim);
  const bigramCont = minBigrams > 0 ? o.sharedBigrams / minBigrams : 0;
  const cont = hasBigrams ? STEM_WEIGHT * stemCont + (1 - STEM_WEIGHT) * bigramCont : stemCont;
  const smallWords = Math.min(o.queryWords, o.claimWords);
  const ratio = smallWords / Math.max(1, Math.max(o.queryWords, o.claimWords));
  // Short parts are weak evidence; 25+ words make containment nearly as good as a copy.
  const lengthTrust = Math.min(1, smallWords / 25);
  const contained = cont * (0.8 + 0.12 * lengthTrust + 0.08 * Math.min(1, ratio * 2));
  // A short claim (a fact-checker's title) mostly found in a long forward: worth a moderator's look, never
  // more than a suggestion on this evidence alone.
  const titleLike = smallWords >= 4 && stemCont >= 0.6 ? 0.7 + (stemCont - 0.6) * 0.475 : 0;
  return clamp01(Math.max(symmetric, contained, titleLike));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
