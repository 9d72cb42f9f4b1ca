/**
 * Surface clean-up of single words: elongation ("bangeeet"), leetspeak ("4l4y") and the "2" of informal
 * reduplication ("hati2"). Pure string functions, applied token by token.
 */
import { formalOf, isRootWord } from './lexicon.js';

/** "bangeeet" → "banget", "mantaaap" → "mantap", but "maaaaf" → "maaf" when the doubled form is a root word. */
export function unelongate(word: string): string {
  if (!/(\p{L})\1\1/u.test(word)) return word;
  const single = word.replace(/(\p{L})\1{2,}/gu, '$1');
  if (isRootWord(single) || formalOf(single) !== undefined) return single;
  const double = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (isRootWord(double) || formalOf(double) !== undefined) return double;
  return single;
}

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };
/** Real tokens that mix letters and digits. */
const KEEP = /^(?:covid-?\d+|h\dn\d|g\d{1,2}|[a-z]\d{1,3}|\d+[a-z]{1,3}|[a-z]{1,4}\d{2,4}|mp\d|sars-?cov-?\d)$/;

/** Only inside words that mix letters and digits, and only when a digit sits inside the word ("4l4y", "s3b4r"). */
export function unleet(word: string): string {
  if (!/\d/.test(word) || !/[a-z]/.test(word) || KEEP.test(word)) return word;
  if (!/[a-z]\d|\d[a-z]/.test(word)) return word;
  const letters = word.replace(/[^a-z]/g, '').length;
  if (letters < 2) return word;
  return word.replace(/\d/g, (d) => LEET[d] ?? d);
}

/** "hati2" → "hati", "mas2" → "mas" (reduplication written with a 2). */
export function unreduplicate(word: string): string {
  const m = /^([a-z]{2,})2$/.exec(word);
  return m?.[1] ?? word;
}
