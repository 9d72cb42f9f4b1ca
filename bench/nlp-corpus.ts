/** The corpus reader lives with the trainer (src/nlp/train/corpus.ts): `saring retrain` needs it too. */
import path from 'node:path';
import { corpusDir } from '../src/nlp/train/corpus.js';

export { readCorpus, repoRoot, type CorpusName, type CorpusRow } from '../src/nlp/train/corpus.js';
/** ../shared/data (the corpus folder's parent): slang and stopword lists sit beside the corpus. */
export const sharedData = path.dirname(corpusDir());
