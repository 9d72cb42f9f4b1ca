import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNlp } from '../../../src/nlp/index.js';
import { handFeatures } from '../../../src/nlp/hand-features.js';
import { CORPUS_REASON, LOCAL_REASON, MAX_REASONS } from '../../../src/nlp/hoax-scorer.js';
import { everydayMessages } from '../../../src/nlp/train/everyday.js';

const nlp = createNlp();
const STOPWORDS = new Set(JSON.parse(readFileSync(new URL('../../../src/nlp/data/stopwords.json', import.meta.url), 'utf8')) as string[]);
/** Every reason the scorer can give: the named patterns and the two neighbour reasons. */
const NAMED = new Set([...handFeatures('').map((h) => h.signal).filter(Boolean), CORPUS_REASON, LOCAL_REASON]);

const POSYANDU = 'Jadwal posyandu bulan ini hari Selasa jam 8 pagi di balai desa';
const HOAXES = [
  'SEBARKAN!!! Kemenkes menghimbau minum air kelapa bisa menyembuhkan kanker, dokter merahasiakan ini. Segera bagikan ke keluarga anda sebelum dihapus!!',
  'PENTING!!! Mulai besok semua nomor WA akan diblokir pemerintah kalau tidak daftar ulang, segera klik bit.ly/daftar-wa sebelum terlambat!!! Viralkan ke semua grup!!',
  'Info dari grup sebelah: bantuan tunai Rp 600.000 per orang dari pemerintah cair hari ini, daftar di bansos-cair.xyz, hubungi 0812 3456 7890 atau transfer biaya admin ke rek 1234567890',
  'Innalillahi, gempa besar akan terjadi malam ini jam 12 menurut BMKG, media tidak memberitakan. Jika tidak disebarkan akan celaka. Share!!!',
];

function assertHumanReasons(signals: string[]): void {
  expect(signals.length).toBeLessThanOrEqual(MAX_REASONS);
  for (const s of signals) {
    expect(NAMED.has(s), `"${s}" is a named reason`).toBe(true);
    expect(s).not.toMatch(/^\d+$/);
    expect(STOPWORDS.has(s.toLowerCase())).toBe(false);
    expect(s.trim().split(/\s+/).length).toBeGreaterThan(1);
  }
}

describe('hoax scorer: bands and reasons a person understands', () => {
  it('gives a posyandu announcement a low band and no reasons', () => {
    const r = nlp.score(POSYANDU);
    expect(r.band).toBe('rendah');
    expect(r.label).toBe('valid');
    expect(r.signals).toEqual([]);
  });

  it('gives chain-letter hoaxes a high band with named reasons, at most three, never words or digits', () => {
    for (const text of HOAXES) {
      const r = nlp.score(text);
      expect(r.band, text).toBe('tinggi');
      expect(r.signals.length, text).toBeGreaterThan(0);
      assertHumanReasons(r.signals);
    }
  });

  it('never names a stopword, a digit or a single word as a reason, on everyday messages either', () => {
    for (const m of everydayMessages().filter((e) => e.split === 'test')) assertHumanReasons(nlp.score(m.text).signals);
  });

  it('names a pattern only when it raised the score: taking the pattern out lowers it', () => {
    const text = HOAXES[0] as string;
    const r = nlp.score(text);
    expect(r.signals).toContain('klaim kesehatan ajaib');
    const without = nlp.score(text.replace('bisa menyembuhkan kanker', 'enak diminum').replace('dokter merahasiakan ini', 'begitu'));
    expect(without.score).toBeLessThan(r.score);
    expect(without.signals).not.toContain('klaim kesehatan ajaib');
  });

  it('says "tidak yakin" when the text gives too little to go on', () => {
    expect(nlp.score('ini hoax bukan?').band).toBe('tidak_yakin');
    expect(nlp.score('zxqv blorf wuggle snarp tekolu mindrak').band).toBe('tidak_yakin');
  });
});

describe('hoax scorer: local memory of published verdicts', () => {
  const REWORDINGS = [
    'Warga desa diminta waspada, air sumur di Kecamatan Tabir tercemar limbah pabrik sawit, jangan dipakai minum sampai ada pengumuman',
    'Tolong kabari keluarga: sumur warga di kecamatan Tabir kena limbah dari pabrik kelapa sawit, airnya jangan diminum dulu',
    'Air sumur di daerah Tabir sudah tercemar limbah pabrik sawit katanya, warga jangan minum air sumur dulu ya',
  ];
  const FOURTH = 'katanya limbah pabrik sawit sudah mencemari sumur warga di kecamatan Tabir, jangan minum air sumur dulu sampai aman';

  it('a fourth rewording of a hoax moderators decided three times here scores high, above its corpus-only score', () => {
    const local = createNlp();
    const before = local.score(FOURTH);
    local.setLocalMemory(REWORDINGS.map((text) => ({ text, label: 1 })));
    expect(local.localMemorySize).toBe(3);
    const after = local.score(FOURTH);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.band).toBe('tinggi');
    expect(after.label).toBe('hoaks');
    expect(after.signals).toContain(LOCAL_REASON);
    // An unrelated everyday message is not pulled up by that memory.
    expect(local.score(POSYANDU).band).toBe('rendah');
  });

  it('verdicts of `benar` pull a rewording down', () => {
    const local = createNlp();
    const text = 'Pemadaman listrik terencana dari PLN hari Selasa jam 09.00-14.00 untuk pemeliharaan jaringan di Dusun Krajan';
    local.setLocalMemory([{ text: 'PLN: pemadaman listrik terencana Selasa 09.00-14.00, pemeliharaan jaringan di Dusun Krajan dan sekitarnya', label: 0 }]);
    expect(local.score(text).score).toBeLessThan(nlp.score(text).score);
  });
});
