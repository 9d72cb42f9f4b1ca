import { describe, expect, it } from 'vitest';
import { createNlp, analyzeText, MatchIndex } from '../../../src/nlp/index.js';
import { detectScam } from '../../../src/nlp/scam.js';
import { normalizeText } from '../../../src/nlp/normalize.js';
import { compactEntries, KnnMemory, knnMemoryFile } from '../../../src/nlp/hoax-knn.js';

const nlp = createNlp();
const CHAIN =
  'SEBARKAN!!! PENTING!!! Mulai besok semua nomor WA akan diblokir pemerintah kalau tidak daftar ulang, ' +
  'segera klik bit.ly/daftar-wa sebelum terlambat!!! Viralkan ke semua grup!!';
const NEWS = 'Badan Pusat Statistik mencatat inflasi tahunan pada Agustus sebesar 2,1 persen, turun dari bulan sebelumnya.';

describe('hoax scorer', () => {
  // Load time is a benchmark figure (bench:nlp), not a test assertion: the shared 2-core machines are noisy.
  it('loads and scores in [0, 1]', () => {
    expect(createNlp()).toBeTruthy();
    const s = nlp.score(NEWS).score;
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(1);
  });
  it('scores a chain-letter hoax above a plain news sentence, with reasons', () => {
    const hoax = nlp.score(CHAIN);
    expect(hoax.score).toBeGreaterThan(nlp.score(NEWS).score);
    expect(hoax.band).toBe('tinggi');
    expect(hoax.signals.length).toBeGreaterThan(0);
    expect(hoax.signals.length).toBeLessThanOrEqual(3);
    expect(hoax.signals).toEqual(expect.arrayContaining(['huruf kapital dan tanda seru berlebihan']));
  });
});

describe('nearest-neighbour memory', () => {
  const docs = [compactEntries([[1, 0.8], [2, 0.6]]), compactEntries([[3, 1]]), compactEntries([[1, 0.1], [4, 0.99]])];
  const labels = [1, 0, 0];
  it('finds the nearest hoaks and valid items and survives serialisation', () => {
    for (const mem of [new KnnMemory(docs, labels), KnnMemory.fromFile(knnMemoryFile(docs, labels))]) {
      const [h, v, diff, vote] = mem.features([[1, 0.8], [2, 0.6]]);
      expect(h).toBeCloseTo(1, 1);
      expect(v).toBeCloseTo(0.08, 1);
      expect(diff).toBeGreaterThan(0.8);
      expect(vote).toBeGreaterThan(0.9);
    }
  });
  it('leaves out skipped documents (no self-matches in training)', () => {
    const [h, , , vote] = new KnnMemory(docs, labels).features([[1, 0.8], [2, 0.6]], (d) => d === 0);
    expect(h).toBe(0);
    expect(vote).toBeLessThan(0);
  });
});

describe('detectScam', () => {
  it('flags an OTP request', () => {
    const t = 'Selamat nomor anda terpilih mendapatkan hadiah. Kirimkan kode OTP yang masuk ke nomor ini untuk verifikasi';
    const r = detectScam(t, normalizeText(t));
    expect(r.isScam).toBe(true);
    expect(r.reasons).toContain('meminta kode OTP/verifikasi');
  });
  it('flags an impersonated official asking for a transfer to an account', () => {
    const t = 'Selamat pagi, saya Kapolres. Mohon bantu transfer dulu 2 juta ke rek BRI 0123-01-045678-50-9, nanti saya ganti';
    const r = detectScam(t, normalizeText(t));
    expect(r.isScam).toBe(true);
    expect(r.reasons).toContain('meminta transfer ke nomor rekening');
  });
  it('flags a fake bansos link', () => {
    const t = 'Bantuan sosial BLT 600 ribu sudah cair, daftarkan NIK anda di https://bansos-cair.xyz/daftar hari ini';
    expect(detectScam(t, normalizeText(t)).isScam).toBe(true);
  });
  it('leaves a warning about scams and ordinary messages alone', () => {
    for (const t of ['Waspada penipuan, jangan berikan kode OTP kepada siapa pun termasuk petugas bank', NEWS, 'Besok arisan di rumah bu RT jam 4 ya']) {
      expect(detectScam(t, normalizeText(t)).isScam).toBe(false);
    }
  });
});

describe('analyzeText', () => {
  it('returns score, label, signals and a match that maps onto the `saring check` line', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'claim-1', text: CHAIN.replace(/!+/g, '.') });
    const a = analyzeText(nlp, ix, `Diteruskan dari grup sebelah ${CHAIN}`);
    expect(a.match).toMatchObject({ id: 'claim-1', level: 'auto' });
    expect(a.label).toBe(a.hoaxScore >= nlp.hoaxThreshold ? 'hoaks' : 'valid');
    expect(a.signals.length).toBeGreaterThan(0);
    expect(analyzeText(nlp, new MatchIndex(), '').match).toBeNull();
  });
});
