import { describe, expect, it } from 'vitest';
import { digitsOnly, tappable } from '../helpers/linkify.js';
import { cutAtWord, defangLinks, maskPersonalData, personalDataTokens, safeClarification, safeQuote, summaryPrefill } from '../../src/domain/safe-quote.js';


const SCAM = [
  'SELAMAT! Anda terpilih menerima BANSOS KEMENSOS Rp 2.400.000.',
  'Daftar segera di https://bansos-kemensos.id-daftar.xyz/daftar sebelum 31-12-2026',
  'atau chat admin wa.me/6281234567890 / telp 0812-3456-7890, www.kemensos-bantuan.com, bit.ly/bansos2026.',
  'Transfer biaya admin ke rek BRI 1234-5678-9012-345 a.n. Budi, NIK 1502131234567890, email admin.bansos@gmail.com, ig @bansos_resmi',
].join('\n');

describe('defangLinks', () => {
  it('writes the brief\'s example the way security teams do', () => {
    expect(defangLinks('https://bansos-kemensos.id-daftar.xyz/daftar')).toBe('hxxps://bansos-kemensos[.]id-daftar[.]xyz/daftar');
    expect(defangLinks('HTTP://X.Y')).toBe('HXXP://X[.]Y');
  });
  it('leaves decimals, times and sentence ends alone', () => {
    expect(defangLinks('Jam 10.30 hujan. Besok 3.5 km.')).toBe('Jam 10.30 hujan. Besok 3.5 km.');
  });
});

describe('safeQuote', () => {
  const quoted = safeQuote(SCAM, 2000);

  it('leaves nothing a chat app would linkify', () => {
    expect(tappable(SCAM).length).toBeGreaterThan(5);
    expect(tappable(quoted)).toEqual([]);
    expect(quoted).not.toMatch(/http|www\./i);
    expect(quoted).toContain('hxxps://bansos-kemensos[.]id-daftar[.]xyz/daftar');
    expect(quoted).toContain('wa[.]me/62812');
  });

  it('masks phones in every Indonesian form, accounts, NIK, e-mails and handles; keeps money and dates', () => {
    for (const phone of ['0812-3456-7890', '+62 812-3456-7890', '+6281234567890', '0812 3456 7890', '0812.3456.7890', '(021) 555-1234', '628123456789']) {
      const q = safeQuote(`hubungi ${phone} sekarang`, 200);
      expect(digitsOnly(q), phone).not.toBe(digitsOnly(phone));
      expect(tappable(q), phone).toEqual([]);
    }
    expect(safeQuote('hubungi 0812-3456-7890', 100)).toBe('hubungi 0812-••••-••••');
    expect(digitsOnly(quoted)).not.toContain('81234567890');
    expect(digitsOnly(quoted)).not.toContain('123456789012345');
    expect(digitsOnly(quoted)).not.toContain('1502131234567890');
    expect(quoted).not.toContain('admin.bansos@');
    expect(quoted).not.toContain('bansos_resmi');
    expect(quoted).toContain('Rp 2.400.000');
    expect(quoted).toContain('31-12-2026');
  });

  it('cuts at a word boundary with an ellipsis, after masking', () => {
    const q = safeQuote('Pabrik sawit di Pamenang Barat membuang limbah ke sungai', 30);
    expect(q).toBe('Pabrik sawit di Pamenang…');
    expect(q.length).toBeLessThanOrEqual(30);
    expect(safeQuote('pendek', 30)).toBe('pendek');
    const long = safeQuote(`Info ${'kata '.repeat(100)}hubungi 0812-3456-7890`, 60);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(60);
  });

  it('never leaves a half of a link or number that becomes tappable when cut', () => {
    for (let n = 10; n < 260; n += 7) {
      const q = safeQuote(SCAM, n);
      expect(q.length, String(n)).toBeLessThanOrEqual(n);
      expect(tappable(q), String(n)).toEqual([]);
    }
  });
});

describe('maskPersonalData (the public summary\'s pre-fill)', () => {
  it('masks phones, NIK/KK, accounts, e-mails and @handles and keeps the words', () => {
    const masked = maskPersonalData('Saya Siti, Jl. Merdeka 5, HP 0812-3456-7890, KK 1502132201990001, rek 1234567890, siti@mail.id, @siti_merangin');
    expect(masked).toContain('Saya Siti, Jl. Merdeka 5');
    expect(digitsOnly(masked)).not.toMatch(/81234567890|1502132201990001|1234567890/);
    expect(masked).not.toContain('siti@mail.id');
    expect(masked).not.toContain('@siti_merangin');
  });
  it('is defanged too when offered as the summary', () => {
    const prefill = summaryPrefill(SCAM);
    expect(tappable(prefill)).toEqual([]);
  });
});

describe('safeClarification', () => {
  it('defangs links and masks mobile numbers a moderator names, keeps official short and landline numbers', () => {
    const c = safeClarification('Jangan buka bansos-kemensos.id-daftar.xyz atau wa.me/6281234567890. Info resmi: call centre 171 atau (0746) 21014.');
    expect(tappable(c.replace('(0746) 21014', ''))).toEqual([]);
    expect(c).toContain('(0746) 21014');
    expect(c).toContain('171');
  });
});

describe('personalDataTokens', () => {
  it('lists what erasure must find elsewhere, numbers as digits', () => {
    expect(personalDataTokens('telp 0812-3456-7890 atau budi@x.id, Rp 2.000.000')).toEqual(['081234567890', 'budi@x.id']);
  });
});

describe('cutAtWord', () => {
  it('cuts inside a single overlong word rather than returning nothing', () => {
    expect(cutAtWord('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
