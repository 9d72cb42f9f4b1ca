/**
 * Smoothed inverse document frequency, shared by MatchIndex's stem weights and TitleScorer's n-gram weights so
 * the two scores weigh rarity the same way. The +1s keep an unseen term (df 0) finite and a term in every doc
 * above zero: a word all claims share still counts a little.
 */
export function idf(df: number, total: number): number {
  return Math.log((total + 1) / (df + 1)) + 1;
}
