import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/nlp/normalize.js';

const HOAX = 'Vaksin booster covid-19 ternyata mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga';
const ZW = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** Hide a zero-width character inside every word of four letters or more. */
const withZeroWidth = (s: string) => s.replace(/\b(\p{L}{2})(\p{L}{2,})/gu, (_m, a: string, b: string) => `${a}${ZW[(a.charCodeAt(0) + b.length) % ZW.length]}${b}`);
/** Swap Latin letters for their Cyrillic/Greek lookalikes (upper and lower case). */
const withHomoglyphs = (s: string) =>
  s.replace(/[aeopcxyAEOPCTHKMBi]/g, (ch) => ({ a: 'а', e: 'е', o: 'ο', p: 'р', c: 'с', x: 'х', y: 'у', A: 'Α', E: 'Е', O: 'О', P: 'Р', C: 'С', T: 'Т', H: 'Η', K: 'К', M: 'М', B: 'В', i: 'і' })[ch] ?? ch);

describe('zero-width characters and homoglyphs', () => {
  const plain = normalizeText(HOAX);

  it('removes zero-width characters without splitting the words they hide in', () => {
    const disguised = withZeroWidth(HOAX);
    expect(disguised).not.toBe(HOAX);
    expect(normalizeText(disguised).tokens).toEqual(plain.tokens);
  });

  it('folds Cyrillic and Greek lookalikes to Latin', () => {
    const disguised = withHomoglyphs(HOAX);
    expect(/[\u0370-\u03FF\u0400-\u04FF]/.test(disguised)).toBe(true);
    expect(normalizeText(disguised).tokens).toEqual(plain.tokens);
    expect(normalizeText(withZeroWidth(withHomoglyphs(HOAX.toUpperCase()))).tokens).toEqual(normalizeText(HOAX.toUpperCase()).tokens);
  });

  it('keeps a link written with a lookalike letter as a different link', () => {
    const n = normalizeText('Daftar bansos di https://bansоs.kemensos.go.id/daftar sekarang juga');
    expect(n.urls.join(' ')).not.toContain('bansos.kemensos.go.id');
  });

});
