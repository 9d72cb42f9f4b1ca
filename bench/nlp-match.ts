/**
 * Matching benches: the variant set (copies vs hard negatives) and the title track (fact-checker title indexed,
 * circulated text queried).
 */
import { MatchIndex } from '../src/nlp/match-index.js';
import { normalizeText } from '../src/nlp/normalize.js';
import { decideMatch, type MatchThresholds } from '../src/nlp/match-decision.js';
import { readCorpus, type CorpusRow } from './nlp-corpus.js';
import { duplicateGroups, makeVariant, rng, VARIANT_KINDS, wrapInChainLetter, type VariantKind } from './nlp-variants.js';

export interface TrackResult {
  autoPrecision: number;
  autos: number;
  autoRecall: number;
  suggestPrecision: number;
  suggestRecall: number;
  /** Answers at suggest level or above that point at the wrong claim (or at any claim, for a negative). */
  wrongSuggestions: number;
  positives: number;
  negatives: number;
  falseAutos: string[];
  perKind: Record<string, { n: number; auto: number; suggest: number }>;
}

interface Query {
  text: string;
  /** Group of the right answer, or -1 when nothing in the index should match. */
  group: number;
  /** Further acceptable groups (the same circulated text filed under another title). */
  alsoOk?: number[];
  kind: string;
}

function evaluate(index: MatchIndex, groupOf: Map<string, number[]>, queries: Query[], th: MatchThresholds): TrackResult {
  let autos = 0, autoOk = 0, suggests = 0, suggestOk = 0, posAuto = 0, posSuggest = 0;
  const perKind: TrackResult['perKind'] = {};
  const falseAutos: string[] = [];
  for (const q of queries) {
    const n = normalizeText(q.text);
    const best = index.query(n, { limit: 1 })[0];
    const level = decideMatch(best, n.wordCount, th);
    const bestGroups = best ? (groupOf.get(best.id) ?? []) : [];
    const okGroups = [q.group, ...(q.alsoOk ?? [])];
    const ok = best !== undefined && q.group >= 0 && bestGroups.some((g) => okGroups.includes(g));
    const k = (perKind[q.kind] ??= { n: 0, auto: 0, suggest: 0 });
    k.n++;
    if (level) {
      suggests++;
      if (ok) suggestOk++;
    }
    if (level === 'auto') {
      autos++;
      if (ok) autoOk++;
      else if (falseAutos.length < 5) falseAutos.push(`[${q.kind}] ${best?.id} ${best?.similarity.toFixed(3)} :: ${q.text.slice(0, 90)}`);
    }
    if (q.group >= 0 && ok && level) {
      posSuggest++;
      k.suggest++;
      if (level === 'auto') {
        posAuto++;
        k.auto++;
      }
    }
  }
  const positives = queries.filter((q) => q.group >= 0).length;
  return {
    autoPrecision: autos ? autoOk / autos : 1,
    autos,
    autoRecall: positives ? posAuto / positives : 0,
    suggestPrecision: suggests ? suggestOk / suggests : 1,
    suggestRecall: positives ? posSuggest / positives : 0,
    wrongSuggestions: suggests - suggestOk,
    positives,
    negatives: queries.length - positives,
    falseAutos,
    perKind,
  };
}

/**
 * `split` picks the queries and the held-out texts: `test` is what bench:nlp reports; `train` builds the same
 * construction from train-split texts, the dev set matching changes are tuned on (bench:nlp-dev).
 */
export function variantTrack(th: MatchThresholds, split: 'train' | 'test' = 'test'): TrackResult {
  const r = rng(7);
  const news = readCorpus('news');
  const pool: CorpusRow[] = [...readCorpus('messages'), ...readCorpus('hoax2024'), ...news];
  const chats = [...readCorpus('tweets'), ...readCorpus('sms')].filter((row) => row.split === split);
  // Chats are grouped with the pool so that a tweet quoting an indexed hoax word for word is not a negative.
  const allGroups = duplicateGroups([...pool, ...chats].map((p) => p.text));
  const groups = allGroups.slice(0, pool.length);
  const chatGroups = allGroups.slice(pool.length);
  const wc = pool.map((p) => p.text.split(/\s+/).length);
  // Held out (never indexed): some test texts, whose whole duplicate group is kept out too, and the true
  // news of each topic, so that the hoax articles of that topic are in the index but the true ones are not.
  const heldGroups = new Set<number>();
  pool.forEach((p, i) => {
    if (p.source === 'news' && p.label === 'valid') heldGroups.add(groups[i] as number);
    else if (p.split === split && p.source !== 'news' && r() < 0.3) heldGroups.add(groups[i] as number);
  });
  const index = new MatchIndex();
  const groupOf = new Map<string, number[]>();
  pool.forEach((p, i) => {
    const g = groups[i] as number;
    if (heldGroups.has(g)) return;
    index.add({ id: p.id, text: p.text });
    groupOf.set(p.id, [g]);
  });
  const queries: Query[] = [];
  let k = 0;
  pool.forEach((p, i) => {
    const g = groups[i] as number;
    if (p.split !== split || (wc[i] as number) < 12) return;
    if (heldGroups.has(g)) {
      // Different hoaxes / true news on the same topics as indexed claims: must not match automatically.
      queries.push({ text: p.text, group: -1, kind: p.source === 'news' ? 'neg:true-news-same-topic' : 'neg:other-hoax' });
      queries.push({ text: makeVariant(r, p.text, 'boilerplate'), group: -1, kind: 'neg:other-hoax+boilerplate' });
      return;
    }
    if (r() < 0.45) {
      queries.push({ text: makeVariant(r, p.text, VARIANT_KINDS[k++ % VARIANT_KINDS.length] as VariantKind), group: g, kind: VARIANT_KINDS[(k - 1) % VARIANT_KINDS.length] as string });
    }
  });
  const indexedGroups = new Set([...groupOf.values()].flat());
  chats.forEach((row, i) => {
    const g = chatGroups[i] as number;
    if (indexedGroups.has(g)) queries.push({ text: wrapInChainLetter(r, row.text), group: g, kind: 'chat-quoting-indexed-hoax' });
    else queries.push({ text: wrapInChainLetter(r, row.text), group: -1, kind: 'neg:chat-in-chain-letter' });
  });
  return evaluate(index, groupOf, queries, th);
}

/**
 * Fact-checker's title indexed, circulated text queried. `split` picks the queries: `train` is the dev split
 * every matching change is tuned on; `test` is only reported. `keep` narrows the queries (a tuning fold).
 */
export function titleTrack(th: MatchThresholds, split: 'train' | 'test' = 'test', keep: (row: CorpusRow) => boolean = () => true): TrackResult {
  const rows = [...readCorpus('messages'), ...readCorpus('hoax2024')].filter((r) => r.title && r.title.trim());
  // Titles and texts grouped together: a query is also right when it finds a title whose circulated text is
  // the query's own text (the same message debunked twice), or a title identical to the query.
  const groups = duplicateGroups([...rows.map((r) => r.title as string), ...rows.map((r) => r.text)]);
  const titleGroup = (i: number): number => groups[i] as number;
  const textGroup = (i: number): number => groups[rows.length + i] as number;
  const index = new MatchIndex();
  const groupOf = new Map<string, number[]>();
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = (row.title as string).trim().toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    index.add({ id: row.id, text: row.title });
    groupOf.set(row.id, [titleGroup(i), textGroup(i)]);
  });
  const queries: Query[] = [];
  rows.forEach((row, i) => {
    if (row.split === split && keep(row)) queries.push({ text: row.text, group: titleGroup(i), alsoOk: [textGroup(i)], kind: row.source });
  });
  return evaluate(index, groupOf, queries, th);
}
