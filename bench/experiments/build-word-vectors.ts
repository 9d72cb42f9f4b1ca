/**
 * Writes stem vectors (word-vectors.ts beside this file) from the train split of ../shared/data/hoax only: texts of
 * every source and the fact-checker titles of messages / hoax2024. Same bytes on every run (seeded). The matcher
 * does not use them — they did not help the title track (src/nlp/README.md, "Title lift") — so they go to a
 * scratch file, not to src/nlp/data/.
 *
 * Run: npm run build:word-vectors -- [--hold-out] [--out FILE]
 *   --hold-out leaves out the title-track rows of the tuning fold (isVectorTuningRow), so that a title score using
 *   the vectors is measured on dev queries they never saw (npm run bench:nlp-dev -- --fold).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeText } from '../../src/nlp/normalize.js';
import { trainWordVectors, encodeWordVectors, isVectorTuningRow, WORD_VECTOR_OPTIONS } from './word-vectors.js';
import { readCorpus } from '../nlp-corpus.js';
import type { CorpusName } from '../../src/nlp/train/corpus.js';

const args = process.argv.slice(2);
const holdOut = args.includes('--hold-out');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? (args[outAt + 1] as string) : path.join(tmpdir(), 'saring-word-vectors.json');

const sequences: string[][] = [];
for (const name of ['messages', 'hoax2024', 'news', 'tweets', 'sms'] as CorpusName[]) {
  for (const row of readCorpus(name)) {
    if (row.split !== 'train' || (holdOut && row.title && isVectorTuningRow(row.id))) continue;
    // A title and the text it was written for form one sequence: the title's words get the text's opening words
    // as context, the only place the corpus puts a title beside its paraphrase.
    const title = row.title?.trim() ? normalizeText(row.title).tokens : [];
    sequences.push([...title, ...normalizeText(row.text).tokens]);
  }
}
const t0 = performance.now();
const wv = trainWordVectors(sequences, WORD_VECTOR_OPTIONS);
writeFileSync(out, JSON.stringify(encodeWordVectors(wv)) + '\n');
console.log(`${wv.vocab.length} stems × ${wv.dim} from ${sequences.length} texts in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out}`);
