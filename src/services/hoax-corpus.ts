/**
 * Reads the Indonesian hoax corpus (JSON Lines, see ../shared/data/hoax/SOURCE.md) for training, the benches and
 * `saring retrain`. The corpus is never copied into the repository; its folder is HOAX_CORPUS_DIR, by default
 * ../shared/data/hoax beside the checkout (the service passes HOAX_CORPUS_DIR from its config). The reading lives
 * here, not beside the trainer: src/nlp does no file I/O and takes the rows as a `CorpusReader`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusName, CorpusReader, CorpusRow } from '../nlp/train/corpus.js';

export type { CorpusName, CorpusReader, CorpusRow };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CORPUS_DIR = path.resolve(repoRoot, '../shared/data/hoax');

export function corpusDir(dir?: string): string {
  return dir ?? DEFAULT_CORPUS_DIR;
}

export function corpusAvailable(dir?: string): boolean {
  return existsSync(path.join(corpusDir(dir), 'messages.jsonl'));
}

export function readCorpus(name: CorpusName, dir?: string): CorpusRow[] {
  const file = path.join(corpusDir(dir), `${name}.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ({ ...(JSON.parse(l) as Omit<CorpusRow, 'source'>), source: name }));
}

/** A reader of the corpus in `dir` (default DEFAULT_CORPUS_DIR) for the trainer and the retrain check. */
export function corpusReader(dir?: string): CorpusReader {
  return (name) => readCorpus(name, dir);
}
