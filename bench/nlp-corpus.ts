/**
 * Reads the hoax corpus from ../shared/data/hoax/ (never copied into the repository) for training and benches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedData = path.resolve(repoRoot, '../shared/data');

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
