/**
 * npm run bench:match [-- --queries 2000]
 *
 * The claim matcher on the real code path: the ClaimCatalog (createNlp() → nlp.newIndex(), claims
 * added through catalog.put exactly as the service does) at 10k and 100k claims, and checkText —
 * the function the analyze worker and `saring check` run — timed per query over ~2000 queries, half
 * near-copies of indexed claims and half texts that are not in the index. Claims are the hoax corpus
 * (../shared/data/hoax) then synthetic splices of it (bench/nlp-variants.ts). Then, in a bench
 * database of its own, catalog.refresh() loading 10k claims from Postgres.
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createNlp } from '../src/nlp/index.js';
import { createClaimCatalog, type ClaimCatalog } from '../src/services/claim-catalog.js';
import { checkText } from '../src/services/text-check.js';
import { createClaimsRepository, type ClaimsRepository } from '../src/db/repositories/claims.repository.js';
import { readCorpus, type CorpusRow } from './nlp-corpus.js';
import { makeVariant, rng, synthesizeClaim, VARIANT_KINDS, wrapInChainLetter } from './nlp-variants.js';
import {
  createBenchDatabase,
  intArg,
  latencyLine,
  loadLine,
  machineLine,
  openBenchDb,
  rssMb,
  watchdog,
  type BenchDatabase,
} from './bench-support.js';

const QUERIES = intArg('queries', 'BENCH_QUERIES', 2000, 20_000);
const SIZES = [10_000, 100_000];
const DB_CLAIMS = 10_000;
const started = performance.now();
const silent = pino({ level: 'silent' });
const thresholds = loadConfig({ MATCH_AUTO: process.env.MATCH_AUTO, MATCH_SUGGEST: process.env.MATCH_SUGGEST }).match;
const mb = (x: number) => `${x.toFixed(0)} MB`;

let benchDb: BenchDatabase | undefined;
watchdog(290_000, async () => {
  await benchDb?.drop();
});

console.log('# bench:match');
console.log(machineLine());
console.log(`at start: ${loadLine()}`);
const rssBase = rssMb();
const nlp = createNlp();
console.log(`thresholds: auto ${thresholds.auto}, suggest ${thresholds.suggest}; rss after loading the NLP model ${mb(rssMb())} (process start ${mb(rssBase)})`);

// Texts never indexed: everyday SMS (normal, promo) and true tweets stand in for unrelated reports.
const all = (['messages', 'news', 'tweets', 'hoax2024', 'sms'] as const).flatMap((n) => readCorpus(n));
const unrelatedRow = (r: CorpusRow) => (r.source === 'sms' && r.label !== 'penipuan') || (r.source === 'tweets' && r.label === 'valid');
const pool = all.filter((r) => !unrelatedRow(r)).map((r) => r.text);
const unrelated = all.filter(unrelatedRow).map((r) => r.text);

/** Claim i of the synthetic catalog: the corpus first, then splices of two corpus texts. */
const claimRng = rng(99);
function claimText(i: number): string {
  if (i < pool.length) return pool[i] as string;
  return synthesizeClaim(claimRng, pool[Math.floor(claimRng() * pool.length)] as string, pool[Math.floor(claimRng() * pool.length)] as string);
}
const texts: string[] = [];

// The same queries at every size: near-copies of claims among the first 10k, and unrelated texts.
const qr = rng(7);
interface Query {
  text: string;
  kind: 'near-copy' | 'unrelated';
}
const queries: Query[] = [];
const half = Math.floor(QUERIES / 2);
for (let i = 0; i < half; i++) {
  const source = claimText(i);
  texts.push(source);
}
for (let i = 0; i < half; i++) {
  const base = texts[Math.floor(qr() * texts.length)] as string;
  queries.push({ text: makeVariant(qr, base, VARIANT_KINDS[i % VARIANT_KINDS.length] ?? 'edit'), kind: 'near-copy' });
}
for (let i = 0; queries.length < QUERIES; i++) {
  const base = unrelated[i % unrelated.length] as string;
  queries.push({ text: i < unrelated.length ? base : wrapInChainLetter(qr, base), kind: 'unrelated' });
}
// Shuffle so near-copies and unrelated texts interleave as they would in a queue.
for (let i = queries.length - 1; i > 0; i--) {
  const j = Math.floor(qr() * (i + 1));
  [queries[i], queries[j]] = [queries[j] as Query, queries[i] as Query];
}

/** ClaimCatalog.put is the service's own path into the index; the repository is not used here. */
const offline = { listForIndex: async () => [] } as unknown as ClaimsRepository;
const catalog: ClaimCatalog = createClaimCatalog(nlp, offline, silent);
const verdictOf = (i: number) => (i % 3 === 0 ? ({ verdict: 'hoaks', verdictKind: 'official' } as const) : ({ verdict: null, verdictKind: null } as const));

console.log(`\n# checkText per query (${queries.length} queries: ${half} near-copies of indexed claims, ${queries.length - half} texts not in the index)`);
let added = 0;
let buildTotalMs = 0;
let previous = 0;
for (const size of SIZES) {
  const tb = performance.now();
  while (added < size) {
    const text = added < texts.length ? (texts[added] as string) : claimText(added);
    catalog.put({ id: added + 1, externalId: null, text, ...verdictOf(added) });
    added++;
  }
  const buildMs = performance.now() - tb;
  buildTotalMs += buildMs;
  for (const q of queries.slice(0, 50)) checkText(nlp, catalog, q.text, thresholds); // warm-up
  const times: number[] = [];
  const byKind: Record<Query['kind'], number[]> = { 'near-copy': [], unrelated: [] };
  const outcome: Record<Query['kind'], { auto: number; suggest: number; none: number }> = {
    'near-copy': { auto: 0, suggest: 0, none: 0 },
    unrelated: { auto: 0, suggest: 0, none: 0 },
  };
  for (const q of queries) {
    const s = performance.now();
    const result = checkText(nlp, catalog, q.text, thresholds);
    const ms = performance.now() - s;
    times.push(ms);
    byKind[q.kind].push(ms);
    outcome[q.kind][result.match?.level ?? 'none']++;
  }
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  const step = size - previous;
  previous = size;
  console.log(
    `\n${size} claims (catalog.size ${catalog.size}): index build ${(buildMs / 1000).toFixed(1)} s` +
      (step < size ? ` for the last ${step} (${(buildTotalMs / 1000).toFixed(1)} s from empty)` : '') +
      `, ${((buildMs * 1000) / step).toFixed(0)} µs/claim; rss ${mb(rssMb())}, heap used ${mb(heap)}`,
  );
  console.log(`  ${latencyLine('checkText, all', times, 'ms', 2)}`);
  console.log(`  ${latencyLine('  near-copies', byKind['near-copy'], 'ms', 2)}`);
  console.log(`  ${latencyLine('  unrelated', byKind.unrelated, 'ms', 2)}`);
  const o = (k: Query['kind']) => `auto ${outcome[k].auto}, suggest ${outcome[k].suggest}, none ${outcome[k].none}`;
  console.log(`  outcomes: near-copies ${o('near-copy')}; unrelated ${o('unrelated')}`);
}

// catalog.refresh() from Postgres: what every worker process does at start-up (and, incrementally, every 2 s).
console.log(`\n# catalog.refresh() from Postgres (${DB_CLAIMS} claims, a third with a current official verdict)`);
try {
  benchDb = await createBenchDatabase();
  const database = openBenchDb(benchDb.url, 4);
  try {
    const ti = performance.now();
    const rows = Array.from({ length: DB_CLAIMS }, (_, i) => {
      const text = texts[i] ?? claimText(i);
      return { external_id: `bench-${i}`, text, basic_text: text.toLowerCase(), basic_hash: `bench-${i}`, status: 'verified' };
    });
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      await database.sql`insert into claims ${database.sql(chunk, 'external_id', 'text', 'basic_text', 'basic_hash', 'status')}`;
    }
    await database.sql`
      insert into verdicts (claim_id, verdict, kind, clarification)
      select id, 'hoaks', 'official', 'Klarifikasi resmi: pesan ini tidak benar.' from claims where id % 3 = 0`;
    await database.sql`analyze claims`;
    await database.sql`analyze verdicts`;
    console.log(`bulk insert of ${DB_CLAIMS} claims + verdicts: ${((performance.now() - ti) / 1000).toFixed(2)} s`);

    const repo = createClaimsRepository(database.db);
    const tq = performance.now();
    const listed = await repo.listForIndex(null);
    const queryMs = performance.now() - tq;
    const rssBefore = rssMb();
    const fresh = createClaimCatalog(nlp, repo, silent);
    const tr = performance.now();
    const loaded = await fresh.refresh();
    const refreshMs = performance.now() - tr;
    // The service polls every 2 s; nothing changes in between here.
    const polls: Array<{ ms: number; rows: number }> = [];
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 2_000));
      const tp = performance.now();
      const rowsRead = await fresh.refresh();
      polls.push({ ms: performance.now() - tp, rows: rowsRead });
    }
    console.log(`listForIndex query alone: ${queryMs.toFixed(0)} ms (${listed.rows.length} rows)`);
    console.log(`catalog.refresh() cold: ${refreshMs.toFixed(0)} ms for ${loaded} claims (query + index build); catalog.size ${fresh.size}; rss ${mb(rssBefore)} → ${mb(rssMb())}`);
    console.log(
      `catalog.refresh() polls 2 s apart with nothing changed: ${polls.map((p) => `${p.ms.toFixed(0)} ms (${p.rows} rows re-read)`).join(', ')}`,
    );
    const sample = checkText(nlp, fresh, makeVariant(rng(3), texts[42] as string, 'boilerplate'), thresholds);
    console.log(`sanity: a boilerplate copy of claim 43 → ${sample.match ? `${sample.match.level} ${sample.match.similarity} claim ${sample.match.claimId} verdict ${sample.match.verdict}` : 'no match'}`);
  } finally {
    await database.close();
  }
} catch (err) {
  const cause = err instanceof Error && err.cause ? ` (cause: ${String(err.cause)})` : '';
  console.log(`Postgres part skipped: ${err instanceof Error ? err.message : String(err)}${cause}`);
} finally {
  await benchDb?.drop().catch((err: unknown) => console.log(`drop failed: ${String(err)}`));
}

console.log(`\nat end: ${loadLine()}`);
console.log(`bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(0);
