/**
 * npm run bench:nlp — scorer metrics on every test split, the matching tracks, latency and memory.
 * Reads ../shared/data/hoax at run time; nothing from the corpus is written anywhere.
 */
import { createNlp, analyzeText, DEFAULT_THRESHOLDS } from '../src/nlp/index.js';
import { MatchIndex } from '../src/nlp/match-index.js';
import { readCorpus, type CorpusName } from './nlp-corpus.js';
import { binaryMetrics } from './nlp-metrics.js';
import { titleTrack, variantTrack, type TrackResult } from './nlp-match.js';
import { makeVariant, rng, synthesizeClaim, VARIANT_KINDS } from './nlp-variants.js';

const f3 = (x: number): string => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
const t0 = performance.now();
const nlp = createNlp();

console.log(`# Hoax scorer (threshold ${nlp.hoaxThreshold}) on test splits`);
console.log('corpus     n     precision recall  F1     AUC    macroF1 accuracy');
for (const name of ['messages', 'news', 'tweets', 'hoax2024'] as CorpusName[]) {
  const rows = readCorpus(name).filter((r) => r.split === 'test');
  const scores = rows.map((r) => nlp.score(r.text).score);
  const labels = rows.map((r) => (r.label === 'hoaks' ? 1 : 0));
  const m = binaryMetrics(scores, labels, nlp.hoaxThreshold);
  console.log(
    `${name.padEnd(10)} ${String(m.n).padEnd(5)} ${f3(m.precision)}     ${f3(m.recall)}   ${f3(m.f1)}  ${f3(m.auc)}  ${f3(m.macroF1)}   ${f3(m.accuracy)}`,
  );
}
{
  // sms has no hoaks/valid labels: report how often scams (penipuan) are flagged by the scam detector.
  const rows = readCorpus('sms').filter((r) => r.split === 'test');
  const flagged = (label: string): string => {
    const xs = rows.filter((r) => r.label === label);
    const hit = xs.filter((r) => nlp.detectScam(r.text, nlp.normalize(r.text)).isScam).length;
    return `${hit}/${xs.length}`;
  };
  console.log(`sms scam detector flags: penipuan ${flagged('penipuan')}, promo ${flagged('promo')}, normal ${flagged('normal')}`);
}

function printTrack(name: string, r: TrackResult): void {
  console.log(`\n# ${name} (auto ${DEFAULT_THRESHOLDS.auto}, suggest ${DEFAULT_THRESHOLDS.suggest})`);
  console.log(`queries: ${r.positives} positives, ${r.negatives} negatives`);
  console.log(`auto:    precision ${f3(r.autoPrecision)} (${r.autos} autos)  recall ${f3(r.autoRecall)}`);
  console.log(`suggest: precision ${f3(r.suggestPrecision)}  recall ${f3(r.suggestRecall)}`);
  for (const [kind, k] of Object.entries(r.perKind)) {
    const isNeg = kind.startsWith('neg:');
    console.log(`  ${kind.padEnd(28)} n=${String(k.n).padEnd(5)} ${isNeg ? '' : `auto ${f3(k.auto / k.n)}  suggest ${f3(k.suggest / k.n)}`}`);
  }
  for (const fa of r.falseAutos) console.log(`  false auto: ${fa}`);
}
printTrack('Variant set', variantTrack(DEFAULT_THRESHOLDS));
// Matching changes are tuned on the dev queries (train split); the test queries are only reported.
printTrack('Title track, dev (index title, query train-split text)', titleTrack(DEFAULT_THRESHOLDS, 'train'));
printTrack('Title track, test (index title, query test-split text)', titleTrack(DEFAULT_THRESHOLDS, 'test'));

// Latency of the analyze path (normalise + match + score + scam) against synthetic claim sets.
console.log('\n# Latency per message (normalise + match + score), 2 cores');
const corpusTexts = (['messages', 'news', 'tweets', 'hoax2024', 'sms'] as CorpusName[]).flatMap((n) => readCorpus(n).map((r) => r.text));
const queryTexts = readCorpus('messages')
  .filter((r) => r.split === 'test')
  .flatMap((r, i) => [r.text, makeVariant(rng(i), r.text, VARIANT_KINDS[i % VARIANT_KINDS.length] ?? 'edit')])
  .slice(0, 1000);
const index = new MatchIndex();
const r = rng(99);
let added = 0;
for (const size of [10_000, 100_000]) {
  const tb = performance.now();
  while (added < size) {
    const text =
      added < corpusTexts.length
        ? (corpusTexts[added] as string)
        : synthesizeClaim(r, corpusTexts[Math.floor(r() * corpusTexts.length)] as string, corpusTexts[Math.floor(r() * corpusTexts.length)] as string);
    index.add({ id: `c${added}`, text });
    added++;
  }
  const buildMs = performance.now() - tb;
  for (const q of queryTexts.slice(0, 50)) analyzeText(nlp, index, q); // warm up
  const times: number[] = [];
  for (const q of queryTexts) {
    const s = performance.now();
    analyzeText(nlp, index, q);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2);
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`${String(size).padStart(7)} claims: p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms  (index grown in ${(buildMs / 1000).toFixed(1)} s, rss ${rss.toFixed(0)} MB)`);
}
console.log(`\nbench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
