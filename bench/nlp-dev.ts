/**
 * npm run bench:nlp-dev — the matching tracks on the train split only: the title track's dev queries and the
 * variant set built from train-split texts (its wrong suggestions are mostly on its negatives). Matching changes
 * are tuned on these; `--test` adds the test figures, to be looked at once per approach; `--fold` the dev queries
 * of the word-vector tuning fold.
 */
import { DEFAULT_THRESHOLDS } from '../src/nlp/index.js';
import { isVectorTuningRow } from './experiments/word-vectors.js';
import { titleTrack, variantTrack, type TrackResult } from './nlp-match.js';

const f3 = (x: number): string => x.toFixed(3);
const line = (name: string, r: TrackResult): string =>
  `${name.padEnd(14)} auto precision ${f3(r.autoPrecision)} (${r.autos})  auto recall ${f3(r.autoRecall)}  suggest precision ${f3(r.suggestPrecision)}  recall ${f3(r.suggestRecall)}  wrong suggestions ${r.wrongSuggestions}`;
const t0 = performance.now();
const splits: Array<'train' | 'test'> = process.argv.includes('--test') ? ['train', 'test'] : ['train'];
// The dev queries that vectors built with `npm run build:word-vectors -- --hold-out` never saw.
if (process.argv.includes('--fold')) console.log(line('title fold', titleTrack(DEFAULT_THRESHOLDS, 'train', (row) => isVectorTuningRow(row.id))));
for (const split of splits) {
  console.log(line(`title ${split}`, titleTrack(DEFAULT_THRESHOLDS, split)));
  console.log(line(`variant ${split}`, variantTrack(DEFAULT_THRESHOLDS, split)));
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
