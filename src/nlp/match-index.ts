/**
 * In-memory index of known claims for near-duplicate lookup. Candidate retrieval walks the postings of the
 * query's rarest stems (an inverted index), then scores a short list exactly; see README.md for why.
 */
import { normalizeText, type NormalizedText } from './normalize.js';
import { fingerprint, polarityConflict, sortedIntersection, type Fingerprint } from './fingerprint.js';
import { liftClearTitle, liftCoveredTitle, TITLE_QUERY_RATIO, type TitleQuery } from './title-lift.js';
import { TitleScorer, type StemStats } from './title-score.js';
import { containment, textSimilarity } from './similarity.js';
import { withUrlEvidence, type MatchCandidate } from './match-decision.js';
import { idf } from './idf.js';
import { grow, topK } from './slot-arrays.js';

export interface IndexEntry extends Partial<NormalizedText> {
  id: string;
  /** Raw text; normalised here when tokens are not given. */
  text?: string;
}

export interface QueryOptions {
  /** Most results to return (default 5). */
  limit?: number;
  /** Drop results below this similarity (default 0.3). */
  minSimilarity?: number;
}

export interface MatchResult extends MatchCandidate {
  textSimilarity: number;
  sharedUrl: boolean;
  sharedWords: number;
  polarityConflict: boolean;
  claimWordCount: number;
  /** Share of the smaller text's stem weight found in the other text. */
  containment: number;
}

interface Doc {
  id: string;
  stems: Uint32Array;
  fp: Fingerprint;
  /** Sorted unique character n-gram hashes of a title-like doc's stems (TitleScorer.add); empty for longer docs. */
  grams: Uint32Array;
}

const CANDIDATES = 40;
const MAX_QUERY_STEMS = 64;
const POSTINGS_BUDGET = 60_000;

export class MatchIndex {
  private readonly vocab = new Map<string, number>();
  private df = new Int32Array(1024);
  private readonly postings: number[][] = [];
  private readonly urlPostings = new Map<string, number[]>();
  private readonly docs: (Doc | undefined)[] = [];
  private readonly byId = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private acc = new Float64Array(1024);
  /** Scratch list of the slots retrieve() touched: each slot at most once, so the size of acc suffices. */
  private touched = new Uint32Array(1024);
  /** Alias documents (other wordings of a claim) → the claim they stand for, and each claim's aliases. */
  private readonly aliasOwner = new Map<string, string>();
  private readonly aliasesOf = new Map<string, Set<string>>();
  /** The title track's n-gram frequencies and its score of short claims against long queries. */
  private readonly titles = new TitleScorer();

  /** Claims indexed (their aliases not counted). */
  get size(): number {
    return this.byId.size - this.aliasOwner.size;
  }

  /**
   * Another wording of a claim — a report a moderator confirmed as that claim. It is matched like the claim's
   * own text and answers as the claim, so the next resident forwarding that wording finds it.
   */
  addAlias(claimId: string, key: string, entry: Omit<IndexEntry, 'id'>): void {
    const docId = `${claimId}\u0000${key}`;
    this.add({ ...entry, id: docId });
    this.aliasOwner.set(docId, claimId);
    let set = this.aliasesOf.get(claimId);
    if (!set) this.aliasesOf.set(claimId, (set = new Set()));
    set.add(docId);
  }

  /** Drop every alias of a claim (its own text stays). */
  removeAliases(claimId: string): void {
    for (const docId of this.aliasesOf.get(claimId) ?? []) {
      this.removeDoc(docId);
      this.aliasOwner.delete(docId);
    }
    this.aliasesOf.delete(claimId);
  }

  aliasCount(claimId: string): number {
    return this.aliasesOf.get(claimId)?.size ?? 0;
  }

  add(entry: IndexEntry): void {
    // Re-adding a claim replaces its text; its aliases stay.
    if (this.byId.has(entry.id)) this.removeDoc(entry.id);
    const n = entry.tokens ? entry : normalizeText(entry.text ?? '');
    const fp = fingerprint({ tokens: n.tokens ?? [], urls: n.urls ?? entry.urls ?? [], wordCount: n.wordCount ?? 0 });
    const stems = Uint32Array.from(fp.tokens.map((t) => this.termId(t))).sort();
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const grams = this.titles.add(fp.tokens);
    this.docs[slot] = { id: entry.id, stems, fp, grams };
    this.byId.set(entry.id, slot);
    for (const t of stems) {
      (this.df[t] as number)++;
      (this.postings[t] ??= []).push(slot);
    }
    for (const u of fp.urls) {
      const list = this.urlPostings.get(u) ?? [];
      list.push(slot);
      this.urlPostings.set(u, list);
    }
    if (this.acc.length < this.docs.length) {
      this.acc = grow(this.acc, this.docs.length);
      this.touched = new Uint32Array(this.acc.length);
    }
  }

  /** Remove a claim and its aliases. */
  remove(id: string): boolean {
    this.removeAliases(id);
    return this.removeDoc(id);
  }

  private removeDoc(id: string): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    const doc = this.docs[slot];
    if (doc) {
      for (const t of doc.stems) {
        (this.df[t] as number)--;
        const list = this.postings[t];
        const at = list ? list.indexOf(slot) : -1;
        if (list && at >= 0) list.splice(at, 1);
      }
      this.titles.remove(doc.grams);
      for (const u of doc.fp.urls) {
        const list = this.urlPostings.get(u)?.filter((s) => s !== slot) ?? [];
        if (list.length) this.urlPostings.set(u, list);
        else this.urlPostings.delete(u);
      }
    }
    this.docs[slot] = undefined;
    this.byId.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /** The claims whose text carries this normalised link (with a path, as fingerprints keep them). */
  claimsWithUrl(url: string): Array<{ id: string; wordCount: number }> {
    const seen = new Set<string>();
    return (this.urlPostings.get(url) ?? []).flatMap((slot) => {
      const doc = this.docs[slot];
      const id = doc ? (this.aliasOwner.get(doc.id) ?? doc.id) : undefined;
      if (!doc || id === undefined || seen.has(id)) return [];
      seen.add(id);
      return [{ id, wordCount: doc.fp.wordCount }];
    });
  }

  /** Best-first matches of a normalised text (or raw string) against the indexed claims. */
  query(input: NormalizedText | string, opts: QueryOptions = {}): MatchResult[] {
    const n = typeof input === 'string' ? normalizeText(input) : input;
    const fp = fingerprint(n);
    if (this.byId.size === 0 || (fp.tokens.length === 0 && fp.urls.length === 0)) return [];
    const total = this.byId.size;
    const qIds: number[] = [];
    let unknownMass = 0;
    for (const t of fp.tokens) {
      const id = this.vocab.get(t);
      if (id === undefined || (this.df[id] as number) === 0) unknownMass += idf(0, total);
      else qIds.push(id);
    }
    const candidates = this.retrieve(qIds, fp.urls, total);
    const qSet = new Set(qIds);
    const qMass = qIds.reduce((s, t) => s + idf(this.df[t] as number, total), unknownMass);
    const results: MatchResult[] = [];
    let titleQuery: TitleQuery | undefined;
    const titleScores = new Map<MatchResult, number>();
    const stemStats: StemStats = { vocab: this.vocab, df: this.df, total };
    for (const slot of candidates) {
      const doc = this.docs[slot];
      if (!doc) continue;
      let shared = 0;
      let claimMass = 0;
      let sharedWords = 0;
      for (const t of doc.stems) {
        const w = idf(this.df[t] as number, total);
        claimMass += w;
        if (qSet.has(t)) {
          shared += w;
          sharedWords++;
        }
      }
      const overlap = {
        shared,
        query: qMass,
        claim: claimMass,
        sharedBigrams: sortedIntersection(fp.bigrams, doc.fp.bigrams),
        queryBigrams: fp.bigrams.length,
        claimBigrams: doc.fp.bigrams.length,
        queryWords: fp.wordCount,
        claimWords: doc.fp.wordCount,
      };
      const textSim = textSimilarity(overlap);
      const sharedUrl = fp.urls.some((u) => doc.fp.urls.includes(u));
      const result: MatchResult = {
        id: this.aliasOwner.get(doc.id) ?? doc.id,
        similarity: withUrlEvidence(textSim, sharedUrl),
        textSimilarity: textSim,
        sharedUrl,
        sharedWords,
        polarityConflict: polarityConflict(fp, doc.fp),
        claimWordCount: doc.fp.wordCount,
        containment: containment(overlap),
      };
      results.push(result);
      if (doc.grams.length && fp.wordCount >= TITLE_QUERY_RATIO * doc.fp.wordCount) {
        titleQuery ??= this.titles.query(n.tokens, fp.tokens, stemStats);
        titleScores.set(result, this.titles.score(doc, titleQuery, stemStats));
      }
    }
    const perClaim = bestPerClaim(results);
    if (!liftClearTitle(perClaim, titleScores)) liftCoveredTitle(perClaim, fp.wordCount);
    const min = opts.minSimilarity ?? 0.3;
    return perClaim
      .filter((r) => r.similarity >= min)
      .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1))
      .slice(0, opts.limit ?? 5);
  }

  /** Slots sharing the most IDF mass over the query's rarest stems, plus every slot sharing a link. */
  private retrieve(qIds: number[], urls: string[], total: number): number[] {
    const sorted = [...qIds].sort((a, b) => (this.df[a] as number) - (this.df[b] as number)).slice(0, MAX_QUERY_STEMS);
    const acc = this.acc;
    const touched = this.touched;
    let n = 0;
    let budget = POSTINGS_BUDGET;
    for (const t of sorted) {
      const list = this.postings[t] ?? [];
      if (list.length > budget && n > 0) break;
      const w = idf(list.length, total);
      for (let k = 0; k < list.length; k++) {
        const slot = list[k] as number;
        if (acc[slot] === 0) touched[n++] = slot;
        acc[slot] = (acc[slot] as number) + w;
      }
      budget -= list.length;
      if (budget <= 0) break;
    }
    for (const u of urls) {
      for (const slot of this.urlPostings.get(u) ?? []) {
        if (acc[slot] === 0) touched[n++] = slot;
        acc[slot] = (acc[slot] as number) + 100;
      }
    }
    const top = topK(touched, n, acc, CANDIDATES);
    for (let k = 0; k < n; k++) acc[touched[k] as number] = 0;
    return top;
  }

  private termId(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.vocab.size;
      this.vocab.set(term, id);
      if (id >= this.df.length) this.df = grow(this.df, id + 1);
    }
    return id;
  }
}

/** A claim and its aliases are one answer: keep the wording that matched best. */
function bestPerClaim(results: MatchResult[]): MatchResult[] {
  const best = new Map<string, MatchResult>();
  for (const r of results) {
    const have = best.get(r.id);
    if (!have || r.similarity > have.similarity) best.set(r.id, r);
  }
  return best.size === results.length ? results : [...best.values()];
}
