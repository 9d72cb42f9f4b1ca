/**
 * Trains the shipped hoax model on the `train` split of ../shared/data/hoax/ (never `test`), the SMS normal/promo
 * rows and the generated everyday messages (train templates), and writes src/nlp/data/hoax-model.json.
 * Deterministic (src/nlp/train/trainer.ts): the same data gives the same model and version string.
 * MODEL_OUT=path writes elsewhere; SARING_SHARED_DATA=dir reads the corpus from dir/hoax. Run: npm run train
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus, repoRoot } from '../bench/nlp-corpus.js';
import { trainHoaxModel } from '../src/nlp/train/trainer.js';

const file = trainHoaxModel({ corpus: readCorpus, log: (line) => console.log(line) });
const out = process.env.MODEL_OUT ?? path.join(repoRoot, 'src/nlp/data/hoax-model.json');
writeFileSync(out, JSON.stringify(file) + '\n');
console.log(`model version ${file.modelVersion}; wrote ${out}`);
