import { describe, expect, it } from 'vitest';
import { basicNormalize, normalizeText, formalWords } from '../../../src/nlp/normalize.js';
import { stripBoilerplate } from '../../../src/nlp/boilerplate.js';
import { unelongate, unleet, unreduplicate } from '../../../src/nlp/surface.js';

describe('basicNormalize', () => {
  it('applies NFKC, lower-cases and collapses whitespace', () => {
    expect(basicNormalize('  ＶＡＫＳＩＮ\t\tCovid \n Berbahaya  ')).toBe('vaksin covid berbahaya');
  });
});

describe('normalisation steps', () => {
  it('strips forward headers and chain-letter boilerplate but keeps the claim', () => {
    const s = stripBoilerplate('diteruskan dari grup sebelah: air rebusan daun sirih menyembuhkan covid. sebarkan!!');
    expect(s).not.toMatch(/diteruskan|sebarkan|grup sebelah/);
    expect(s).toMatch(/air rebusan daun sirih menyembuhkan covid/);
    expect(stripBoilerplate('copas dari grup wa keluarga. mohon dibantu share ke semua grup')).not.toMatch(/copas|share|grup/);
  });

  it('strips residents\u2019 question wrappers', () => {
    const n = normalizeText('Apakah benar ini? Cek dong min, ini hoaks ya? Bansos 600 ribu cair hari ini');
    expect(n.tokens).not.toContain('cek');
    expect(n.tokens).not.toContain('hoaks');
    expect(n.tokens).toEqual(expect.arrayContaining(['bansos', '600', 'cair']));
  });

  it('repairs elongated letters, leetspeak and "2" reduplication', () => {
    expect(unelongate('bangeeeet')).toBe('banget');
    expect(unelongate('maaaaf')).toBe('maaf');
    expect(unleet('4l4y')).toBe('alay');
    expect(unleet('covid19')).toBe('covid19');
    expect(unleet('5g')).toBe('5g');
    expect(unreduplicate('hati2')).toBe('hati');
  });

  it('maps slang to formal words and canonicalises negations', () => {
    expect(formalWords('yg')).toEqual(['yang']);
    expect(formalWords('gak')).toEqual(['tidak']);
    expect(formalWords('udh')).toEqual(['sudah']);
    expect(formalWords('bgt')).toEqual(['banget']);
    // "bkn" is bikin or bukan: never guessed into a negation.
    expect(formalWords('bkn')).toEqual(['bkn']);
  });

  it('removes stopwords, keeps negations, and stems', () => {
    const n = normalizeText('Vaksin yang diberikan pemerintah tidak mengandung babi');
    expect(n.tokens).toEqual(['vaksin', 'perintah', 'tidak', 'kandung', 'babi']);
    expect(n.wordCount).toBe(5);
    expect(n.text).toBe('vaksin perintah tidak kandung babi');
  });

  it('gives the same tokens to a slangy, emoji-laden copy', () => {
    const a = normalizeText('Mulai besok semua kendaraan yang tidak membayar pajak akan disita polisi');
    const b = normalizeText('😱😱 Mulai besok semua kendaraan yg gak bayar pajak bakal disitaaa polisi!!! SEBARKAN');
    expect(b.tokens.filter((t) => a.tokens.includes(t)).length).toBeGreaterThanOrEqual(a.tokens.length - 1);
    expect(b.tokens).not.toContain('sebar');
  });
});

describe('identifier extraction', () => {
  it('normalises URLs: host case, scheme, www, tracking parameters, trailing slash', () => {
    const n = normalizeText('lihat HTTPS://WWW.Kominfo.go.id/berita/hoaks/?utm_source=wa&fbclid=abc&id=7 dan bit.ly/Bansos2024.');
    expect(n.urls).toEqual(['kominfo.go.id/berita/hoaks?id=7', 'bit.ly/Bansos2024']);
  });

  it('normalises Indonesian phone numbers to 62…', () => {
    const n = normalizeText('Hubungi 0812-3456-7890 atau +62 813 1111 2222 atau 6285712345678');
    expect(n.phones).toEqual(['6281234567890', '6281311112222', '6285712345678']);
  });

  it('finds bank-account-like numbers but not amounts', () => {
    const n = normalizeText('Transfer Rp 1.500.000 ke rekening BRI 0123-01-045678-50-9 a.n. Budi');
    expect(n.accounts).toEqual(['012301045678509']);
    expect(n.phones).toEqual([]);
  });
});

describe('robustness', () => {
  const garbage = [
    '',
    ' ',
    'a'.repeat(100_000),
    'kata '.repeat(20_000),
    '\uD800 lone \uDC00 surrogates',
    'nul\u0000bytes\u0000',
    'Z\u0351\u0352\u0353a\u0354\u0355\u0356l\u0357\u0358g\u0359o',
    '😀'.repeat(5000),
    '0'.repeat(5000),
    'http://' + 'x'.repeat(3000),
  ];
  it('never throws on garbage input', () => {
    for (const g of garbage) {
      const n = normalizeText(g);
      expect(n.wordCount).toBe(n.tokens.length);
      expect(typeof basicNormalize(g)).toBe('string');
    }
  });
  it('strips zalgo marks', () => {
    expect(normalizeText('Z\u0351\u0352a\u0354l\u0357g\u0359o vaksin').tokens).toEqual(['zalgo', 'vaksin']);
  });
});
