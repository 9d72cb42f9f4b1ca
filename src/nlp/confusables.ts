/**
 * Invisible characters and lookalike letters used to dodge matching: "va\u200Bksin" (a zero-width space
 * inside a word) and "vаksin" with a Cyrillic "а" read the same to a person but are different strings.
 *
 * Invisible format characters are deleted — not turned into spaces, which would split the word in two.
 * Cyrillic and Greek letters that look like Latin ones are folded to those Latin letters (after NFKC;
 * upper and lower case separately, because Greek "Η" looks like H but "η" like n). Indonesian text has
 * no business in those scripts, so folding them costs nothing and a disguised hoax matches again.
 */

// Zero-width space/joiners, direction marks, word joiner and invisible operators, BOM/ZWNBSP, soft
// hyphen, Mongolian vowel separator, Hangul fillers (the combining grapheme joiner goes with the accents).
const INVISIBLE = /[\u00AD\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/g;

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

const PAIRS: Array<[string, string]> = [
  // Cyrillic capitals
  ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['Ѐ', 'E'], ['Ё', 'E'], ['Ѕ', 'S'], ['І', 'I'], ['Ї', 'I'], ['Ј', 'J'], ['К', 'K'],
  ['М', 'M'], ['Н', 'H'], ['О', 'O'], ['Р', 'P'], ['С', 'C'], ['Т', 'T'], ['У', 'Y'], ['Х', 'X'], ['Ԁ', 'D'], ['Ԛ', 'Q'],
  ['Ԝ', 'W'], ['Һ', 'H'], ['Ӏ', 'I'], ['Ү', 'Y'],
  // Cyrillic small letters
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['ѐ', 'e'], ['ё', 'e'], ['ѕ', 's'], ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['к', 'k'],
  ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'], ['с', 'c'], ['т', 't'], ['у', 'y'], ['х', 'x'], ['ԁ', 'd'], ['ԛ', 'q'],
  ['ԝ', 'w'], ['һ', 'h'], ['ӏ', 'l'], ['ү', 'y'], ['ɡ', 'g'],
  // Greek capitals
  ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'], ['Ο', 'O'],
  ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X'],
  // Greek small letters
  ['α', 'a'], ['β', 'b'], ['γ', 'y'], ['ε', 'e'], ['η', 'n'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'], ['ρ', 'p'],
  ['τ', 't'], ['υ', 'u'], ['χ', 'x'], ['ω', 'w'], ['ϲ', 'c'], ['ϳ', 'j'],
  // Latin lookalikes outside ASCII that NFKC keeps
  ['ı', 'i'], ['ȷ', 'j'], ['ɑ', 'a'], ['ɩ', 'i'], ['ᴏ', 'o'], ['ᴄ', 'c'], ['ᴠ', 'v'], ['ᴡ', 'w'], ['ᴢ', 'z'],
];
const TABLE = new Map(PAIRS);
const CONFUSABLE = new RegExp(`[${PAIRS.map(([from]) => from).join('')}]`, 'gu');

export function foldConfusables(text: string): string {
  return text.replace(CONFUSABLE, (ch) => TABLE.get(ch) ?? ch);
}
