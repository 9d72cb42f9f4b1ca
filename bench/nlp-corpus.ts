/** The corpus reader lives with the service (src/services/hoax-corpus.ts): `saring retrain` needs it too. */
import path from 'node:path';
import { readCorpus as readCorpusIn, repoRoot, type CorpusName, type CorpusRow } from '../src/services/hoax-corpus.js';

export { repoRoot, type CorpusName, type CorpusRow };
// A git worktree sits one level deeper than the main checkout: SARING_SHARED_DATA points at the corpus then.
export const sharedData = process.env.SARING_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');
/** The corpus folder the benches and `npm run train` read. */
export const corpusFolder = path.join(sharedData, 'hoax');

export function readCorpus(name: CorpusName): CorpusRow[] {
  return readCorpusIn(name, corpusFolder);
}
