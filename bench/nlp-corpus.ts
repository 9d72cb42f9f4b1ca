/**
 * Reads the hoax corpus from ../shared/data/hoax/ (never copied into the repository) for training and benches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A git worktree sits one level deeper than the main checkout: SARING_SHARED_DATA points at the corpus then.
export const sharedData = process.env.SARING_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

export type CorpusName = 'messages' | 'news' | 'tweets' | 'hoax2024' | 'sms';

export interface CorpusRow {
  id: string;
  text: string;
  label: string;
  split: 'train' | 'test';
  title?: string;
  topic?: string;
  category?: string;
  source: CorpusName;
}

export function readCorpus(name: CorpusName): CorpusRow[] {
  const file = path.join(sharedData, 'hoax', `${name}.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ({ ...(JSON.parse(l) as Omit<CorpusRow, 'source'>), source: name }));
}
