/**
 * Runtime word lists, built into src/nlp/data/ by scripts/build-nlp-data.ts and read once at load time.
 * Stemming goes through a bounded cache: Sastrawi-style stemming costs ~15 µs a word, and chat text repeats
 * the same few thousand words, so the cache is what keeps normalisation well under a millisecond.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StemmerId } from 'natural/lib/natural/stemmers/index.js';

const dataDir = fileURLToPath(new URL('./data/', import.meta.url));

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataDir + name, 'utf8')) as T;
}

/** Words that flip a claim: kept through stopword removal and never produced by a guess. */
export const NEGATIONS: ReadonlySet<string> = new Set(['tidak', 'bukan', 'belum', 'jangan', 'tiada', 'tanpa']);

const slangMap = new Map<string, string>(Object.entries(readJson<Record<string, string>>('slang.json')));
const stopwords: ReadonlySet<string> = new Set(readJson<string[]>('stopwords.json'));
const rootWords: ReadonlySet<string> = new Set((StemmerId as unknown as { dictionary: string[] }).dictionary);

/** Formal form of a slang word (may be several words), or undefined when the word is not slang. */
export function formalOf(word: string): string | undefined {
  return slangMap.get(word);
}

export function isStopword(word: string): boolean {
  return stopwords.has(word) && !NEGATIONS.has(word);
}

export function isRootWord(word: string): boolean {
  return rootWords.has(word);
}

const STEM_CACHE_MAX = 100_000;
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  let out = word;
  // Very long "words" are junk (hashes, base64) and the stemmer's regexes are not worth running on them.
  if (word.length <= 30 && /^[a-z-]+$/.test(word)) {
    try {
      out = StemmerId.stem(word) || word;
    } catch {
      out = word;
    }
  }
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, out);
  return out;
}
