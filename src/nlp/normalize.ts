/**
 * Indonesian text normalisation shared by matching and scoring. Order matters: identifiers are pulled out
 * before boilerplate stripping (a link can contain "share"), slang is resolved before stopwords (so "yg"
 * becomes "yang" and is then dropped), and negations survive every step.
 */
import { extractIdentifiers } from './extract.js';
import { stripBoilerplate } from './boilerplate.js';
import { unelongate, unleet, unreduplicate } from './surface.js';
import { formalOf, isRootWord, isStopword, stem } from './lexicon.js';
import { foldConfusables, removeInvisible } from './confusables.js';

export interface NormalizedText {
  /** Content stems joined by single spaces. */
  text: string;
  /** Content words after slang → formal, stopword removal and stemming. */
  tokens: string[];
  /** Number of content words (= tokens.length). */
  wordCount: number;
  urls: string[];
  phones: string[];
  accounts: string[];
}

/** Work is capped: a forward longer than this says nothing more about which claim it is. */
export const MAX_INPUT_CHARS = 20_000;
const MAX_TOKENS = 2_000;

// Emoji, pictographs, flags, tags and other symbols that carry no words (keycaps and variation
// selectors are combining marks, removed with the accents). Zero-width characters are not here: they
// are deleted before NFKC (removeInvisible), so one hidden inside a word does not split it.
const SYMBOLS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}\u{E0000}-\u{E007F}]/gu;
// Stripping control characters (NUL included) is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cheap canonical form for exact-duplicate clustering: NFKC, lookalikes folded, lower case, collapsed whitespace. */
export function basicNormalize(raw: string): string {
  return foldConfusables(safeNfkc(String(raw ?? '').slice(0, MAX_INPUT_CHARS)))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function safeNfkc(s: string): string {
  const clean = removeInvisible(s.replace(LONE_SURROGATE, ' ').replace(CONTROL, ' '));
  try {
    return clean.normalize('NFKC');
  } catch {
    return clean;
  }
}

/** Lower-cased NFKC text without control characters, accents or emoji; shared with the scorer. */
export function foldText(raw: string): string {
  return foldNfkc(safeNfkc(String(raw ?? '').slice(0, MAX_INPUT_CHARS)));
}

// Lookalikes are folded here, after identifiers were taken out: a link written with a Cyrillic "о" must
// stay what it is (a different domain), while the words around it match again.
function foldNfkc(nfkc: string): string {
  return foldConfusables(nfkc)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '') // accents and zalgo stacks
    .replace(SYMBOLS, ' ');
}

/** Surface word → formal word(s): slang lookup, then leet/elongation/reduplication repair, then lookup again. */
export function formalWords(word: string): string[] {
  const direct = formalOf(word);
  if (direct !== undefined) return direct.split(' ');
  const repaired = unbetawi(unreduplicate(unelongate(unleet(word))));
  const again = formalOf(repaired);
  return (again ?? repaired).split(' ');
}

/** Jakarta-style "-in" suffix: "didaftarin" → "didaftarkan" when that stems to a known root. */
function unbetawi(word: string): string {
  if (word.length < 6 || !word.endsWith('in') || isRootWord(word)) return word;
  const formal = `${word.slice(0, -2)}kan`;
  return isRootWord(stem(formal)) ? formal : word;
}

const WORD_RE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Words of folded text, with digit groups joined ("11.000" → "11000") and reduplication hyphens kept. */
export function surfaceWords(folded: string): string[] {
  const joined = folded.replace(/(\d)[.,](?=\d)/g, '$1');
  const out: string[] = [];
  for (const m of joined.matchAll(WORD_RE)) {
    out.push(m[0]);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

function contentStem(word: string): string | null {
  if (isStopword(word)) return null;
  // "anak-anak" and "anak2" both mean plural "anak"; keep one word for matching.
  const dedup = /^([\p{L}]+)-\1$/u.exec(word)?.[1] ?? word;
  const s = /^\d+$/.test(dedup) ? dedup : stem(dedup);
  if (!s || isStopword(s)) return null;
  if (s.length === 1 && !/\d/.test(s)) return null;
  return s;
}

export function normalizeText(raw: string): NormalizedText {
  try {
    // Identifiers come out before case folding: short-link paths are case-sensitive.
    const nfkc = safeNfkc(String(raw ?? '').slice(0, MAX_INPUT_CHARS));
    const { text: withoutIds, urls, phones, accounts } = extractIdentifiers(nfkc);
    const stripped = stripBoilerplate(foldNfkc(withoutIds));
    const tokens: string[] = [];
    for (const word of surfaceWords(stripped)) {
      for (const formal of formalWords(word)) {
        const s = contentStem(formal);
        if (s) tokens.push(s);
      }
    }
    return { text: tokens.join(' '), tokens, wordCount: tokens.length, urls, phones, accounts };
  } catch {
    // Normalisation must never take a report down; an empty result simply matches nothing.
    return { text: '', tokens: [], wordCount: 0, urls: [], phones: [], accounts: [] };
  }
}
