/**
 * The title score MatchIndex gives a short (title-like) stored claim against a long query: word and character
 * n-gram TF-IDF cosines. This class keeps the n-grams' document frequencies over title-like docs; the stem
 * frequencies stay MatchIndex's and are passed in. title-lift.ts decides what a score is worth; see README.md.
 */
import { idf } from './idf.js';
import { EMPTY_GRAMS, gramsOf, titleGrams, TITLE_MAX_WORDS, TITLE_WORD_WEIGHT, type TitleQuery } from './title-lift.js';

/** MatchIndex's stem statistics, read at query time (its df array is replaced when it grows). */
export interface StemStats {
  vocab: ReadonlyMap<string, number>;
  df: Int32Array;
  /** Documents indexed, aliases included: the IDF population of stems. */
  total: number;
}

export class TitleScorer {
  /** Document frequency of character n-grams over title-like docs only (the ones score() compares). */
  private readonly gramDf = new Map<number, number>();
  private titleDocs = 0;

  /**
   * Counts a new doc's n-grams when it is title-like and returns them for the doc to keep (empty for a longer
   * doc, which is never scored as a title).
   */
  add(stems: readonly string[]): Uint32Array {
    const grams = stems.length <= TITLE_MAX_WORDS ? titleGrams(stems) : EMPTY_GRAMS;
    if (grams.length) {
      this.titleDocs++;
      for (const g of grams) this.gramDf.set(g, (this.gramDf.get(g) ?? 0) + 1);
    }
    return grams;
  }

  /** Uncounts the grams add() returned for a doc that leaves the index. */
  remove(grams: Uint32Array): void {
    if (!grams.length) return;
    this.titleDocs--;
    for (const g of grams) {
      const c = (this.gramDf.get(g) ?? 1) - 1;
      if (c > 0) this.gramDf.set(g, c);
      else this.gramDf.delete(g);
    }
  }

  /** The query's side of score(): sublinear TF-IDF weights of its stems and of its stems' character n-grams. */
  query(tokens: readonly string[], unique: readonly string[], stats: StemStats): TitleQuery {
    const words = new Map<number, number>();
    let wordNorm = 0;
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, c] of counts) {
      const id = stats.vocab.get(t);
      const df = id === undefined ? 0 : (stats.df[id] as number);
      const w = (1 + Math.log(c)) * idf(df, stats.total);
      wordNorm += w * w;
      if (id !== undefined && df > 0) words.set(id, 1 + Math.log(c));
    }
    const gramCounts = new Map<number, number>();
    for (const g of gramsOf(unique)) gramCounts.set(g, (gramCounts.get(g) ?? 0) + 1);
    const grams = new Map<number, number>();
    let gramNorm = 0;
    for (const [g, c] of gramCounts) {
      const df = this.gramDf.get(g) ?? 0;
      const w = (1 + Math.log(c)) * idf(df, this.titleDocs);
      gramNorm += w * w;
      if (df > 0) grams.set(g, 1 + Math.log(c));
    }
    return { words, wordNorm: Math.sqrt(wordNorm), grams, gramNorm: Math.sqrt(gramNorm) };
  }

  /**
   * How well a long query matches a short (title-like) doc: the mean of the cosines of their stem TF-IDF vectors
   * and of their character n-gram TF-IDF vectors. The query's term frequencies count (a forward repeats what it is
   * about); n-grams catch spellings and word forms the stemmer leaves apart ("covid19"/"covid", names).
   */
  score(doc: { stems: Uint32Array; grams: Uint32Array }, q: TitleQuery, stats: StemStats): number {
    let dot = 0;
    let norm = 0;
    for (const t of doc.stems) {
      const w = idf(stats.df[t] as number, stats.total);
      norm += w * w;
      const qw = q.words.get(t);
      if (qw !== undefined) dot += qw * w * w;
    }
    const wordCos = norm > 0 && q.wordNorm > 0 ? dot / (Math.sqrt(norm) * q.wordNorm) : 0;
    let gdot = 0;
    let gnorm = 0;
    for (const g of doc.grams) {
      const w = idf(this.gramDf.get(g) ?? 0, this.titleDocs);
      gnorm += w * w;
      const qw = q.grams.get(g);
      if (qw !== undefined) gdot += qw * w * w;
    }
    const gramCos = gnorm > 0 && q.gramNorm > 0 ? gdot / (Math.sqrt(gnorm) * q.gramNorm) : 0;
    return TITLE_WORD_WEIGHT * wordCos + (1 - TITLE_WORD_WEIGHT) * gramCos;
  }
}
