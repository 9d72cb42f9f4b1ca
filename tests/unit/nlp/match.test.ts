import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../src/nlp/match-index.js';
import { normalizeText } from '../../../src/nlp/normalize.js';
import { decideMatch, DEFAULT_THRESHOLDS, withUrlEvidence } from '../../../src/nlp/match-decision.js';

const CLAIM =
  'Pemerintah akan memblokir semua nomor WhatsApp yang tidak didaftarkan ulang dengan KTP sebelum akhir bulan ini, ' +
  'pendaftaran dilakukan lewat tautan resmi dari Kementerian Komunikasi dan Informatika';
const OTHER_SAME_TOPIC =
  'Kementerian Komunikasi dan Informatika akan memungut biaya bulanan untuk setiap akun WhatsApp mulai tahun depan, ' +
  'pengguna yang menolak membayar akunnya dihapus';

function index(): MatchIndex {
  const ix = new MatchIndex();
  ix.add({ id: 'wa-blokir', text: CLAIM });
  ix.add({ id: 'wa-bayar', text: OTHER_SAME_TOPIC });
  ix.add({ id: 'lele', text: 'Ikan lele mengandung 3000 sel kanker karena diberi pakan kotoran manusia' });
  return ix;
}

describe('MatchIndex', () => {
  it('finds a reworded, slangy forward of a known claim automatically', () => {
    const q = normalizeText(
      'Diteruskan dari grup sebelah!! Pemerintah bakal blokir semua no WhatsApp yg gak didaftarin ulang pake KTP ' +
        'sebelum akhir bulan ini, daftarnya lewat tautan resmi dari Kementerian Komunikasi dan Informatika 😱 SEBARKAN',
    );
    const [best] = index().query(q);
    expect(best?.id).toBe('wa-blokir');
    expect(decideMatch(best, q.wordCount)).toBe('auto');
  });

  it('does not auto-match a different hoax on the same topic', () => {
    const q = normalizeText(OTHER_SAME_TOPIC.replace('tahun depan', 'bulan depan'));
    const ix = new MatchIndex();
    ix.add({ id: 'wa-blokir', text: CLAIM });
    const best = ix.query(q)[0];
    expect(decideMatch(best, q.wordCount)).not.toBe('auto');
  });

  it('matches a long forwarded text to a short stored claim at least as a suggestion', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'lele', text: 'Ikan lele mengandung 3000 sel kanker' });
    const q = normalizeText(
      'Hati-hati bun, jangan kasih anak makan lele! Dalam sesuap daging ikan lele terkandung 3000 sel kanker, ' +
        'karena lele dibudidayakan dengan kotoran manusia. Sebarkan ke keluarga!',
    );
    const best = ix.query(q)[0];
    expect(best?.id).toBe('lele');
    expect(decideMatch(best, q.wordCount)).toBe('suggest');
  });

  it('removes claims', () => {
    const ix = index();
    expect(ix.size).toBe(3);
    expect(ix.remove('wa-blokir')).toBe(true);
    expect(ix.size).toBe(2);
    expect(ix.query(normalizeText(CLAIM)).map((r) => r.id)).not.toContain('wa-blokir');
  });

  it('boosts a shared specific link', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'bansos', text: 'Daftar bansos tunai 600 ribu untuk semua warga lewat tautan https://bansos-kemensos.xyz/daftar' });
    const withLink = ix.query(normalizeText('Bansos 600 ribu bisa didaftarkan di bansos-kemensos.xyz/daftar segera'))[0];
    const without = ix.query(normalizeText('Bansos 600 ribu bisa didaftarkan segera'))[0];
    expect(withLink?.sharedUrl).toBe(true);
    expect(withLink?.similarity ?? 0).toBeGreaterThan(without?.similarity ?? 0);
  });
});

describe('decideMatch', () => {
  it('applies the two thresholds', () => {
    expect(decideMatch({ id: 'a', similarity: 0.95 }, 20)).toBe('auto');
    expect(decideMatch({ id: 'a', similarity: 0.8 }, 20)).toBe('suggest');
    expect(decideMatch({ id: 'a', similarity: 0.5 }, 20)).toBeNull();
    expect(decideMatch(undefined, 20)).toBeNull();
  });
  it('never auto-matches texts under 8 content words', () => {
    expect(decideMatch({ id: 'a', similarity: 1 }, 7)).toBe('suggest');
    expect(decideMatch({ id: 'a', similarity: 1, sharedWords: 5 }, 30)).toBe('suggest');
  });
  it('never auto-matches when one side negates or debunks the other', () => {
    expect(decideMatch({ id: 'a', similarity: 0.97, polarityConflict: true }, 20)).toBe('suggest');
  });
  it('URL evidence lifts a moderate text similarity, not an unrelated one', () => {
    expect(withUrlEvidence(0.78, true)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.auto);
    expect(withUrlEvidence(0.2, true)).toBe(0.2);
    expect(withUrlEvidence(0.78, false)).toBe(0.78);
  });
  it('a debunk of a stored hoax is not an automatic match', () => {
    const ix = new MatchIndex();
    const hoax = 'Minum air kelapa muda dicampur garam dan jeruk nipis bisa menyembuhkan covid dalam tiga hari tanpa obat dokter';
    ix.add({ id: 'kelapa', text: hoax });
    const q = normalizeText(`Klarifikasi: tidak benar bahwa minum air kelapa muda dicampur garam dan jeruk nipis bisa menyembuhkan covid dalam tiga hari. Itu hoaks.`);
    expect(decideMatch(ix.query(q)[0], q.wordCount)).not.toBe('auto');
  });
});

describe('chain-letter imperatives and negation scope', () => {
  const VAKSIN =
    'Vaksin covid dari pemerintah mengandung microchip buatan luar negeri yang bisa melacak lokasi setiap warga ' +
    'yang sudah disuntik lewat sinyal menara telepon seluler';

  it('a verified hoax with "jgn lupa share" added is still an automatic match', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'vaksin', text: VAKSIN });
    for (const tail of [' Jgn lupa share ya!!', ' jangan sampai putus di kamu', ' Sebarkan ke 10 grup lain!', ' Tolong viralkan 🙏']) {
      const q = normalizeText(VAKSIN + tail);
      expect(q.tokens).not.toContain('jangan');
      const [best] = ix.query(q);
      expect(best?.polarityConflict).toBe(false);
      expect(decideMatch(best, q.wordCount)).toBe('auto');
    }
  });

  it('keeps a real "jangan" warning, which is part of the claim', () => {
    expect(normalizeText('Jangan sampai anak minum obat ini').tokens).toContain('jangan');
    expect(normalizeText('Jangan makan ikan lele').tokens).toContain('jangan');
  });

  it('blocks an automatic answer when the negation flips the claim\'s predicate', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'vaksin', text: VAKSIN });
    const q = normalizeText(VAKSIN.replace('mengandung', 'TIDAK mengandung'));
    const [best] = ix.query(q);
    expect(best?.id).toBe('vaksin');
    expect(best?.polarityConflict).toBe(true);
    expect(decideMatch(best, q.wordCount)).toBe('suggest');
  });

  it('a negation about something the claim never says does not block the answer', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'vaksin', text: VAKSIN });
    const q = normalizeText(`Jangan panik! ${VAKSIN}`);
    const [best] = ix.query(q);
    expect(best?.polarityConflict).toBe(false);
    expect(decideMatch(best, q.wordCount)).toBe('auto');
  });
});

describe('a fact-checker\'s short title against the long forward', () => {
  const FORWARD =
    'Tahukah teman2 ku di group ini… Kenapa sekarang pakai stiker itu menguntungkan pembuatnya. Setiap stiker atau ' +
    'gambar yg saudaraku kirimkan di wa ini pembayarannya dibebankan kepada yg menerima Rp 250 per stiker, potong pulsa ' +
    'langsung tanpa pemberitahuan, makanya pulsa cepat habis';
  it('suggests the one title it clearly covers best, never answers automatically on that alone', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'stiker', text: 'Penerima Stiker di Pesan WhatsApp Kena Sejumlah Biaya' });
    ix.add({ id: 'lain', text: 'WhatsApp Akan Ditutup Jika Tidak Meneruskan Pesan Ini' });
    const q = normalizeText(FORWARD);
    const [best] = ix.query(q);
    expect(best?.id).toBe('stiker');
    // The words alone would not reach a suggestion; being clearly the best title does.
    expect(best?.textSimilarity).toBeLessThan(DEFAULT_THRESHOLDS.suggest);
    expect(decideMatch(best, q.wordCount)).toBe('suggest');
  });
  it('lifts nothing when two titles are covered about as well', () => {
    const ix = new MatchIndex();
    ix.add({ id: 'a', text: 'Penerima Stiker di Pesan WhatsApp Kena Sejumlah Biaya' });
    ix.add({ id: 'b', text: 'Pengirim Stiker di Pesan WhatsApp Kena Sejumlah Biaya' });
    const results = ix.query(normalizeText(FORWARD), { minSimilarity: 0 });
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.similarity).toBe(r.textSimilarity);
    expect(decideMatch(results[0], 30)).toBeNull();
  });
});

describe('aliases: confirmed wordings of a claim', () => {
  const TITLE = 'Air sumur Desa Limbur tercemar limbah tambang emas';
  const FORWARD =
    'Assalamualaikum warga semua, mulai hari ini air sumur di Desa Limbur tidak boleh dipakai untuk minum dan masak karena ' +
    'sudah tercemar limbah tambang emas dari hulu sungai. Anak-anak jangan mandi di sungai, tunggu pengumuman resmi dari puskesmas kecamatan';
  const REWORDED =
    'Diteruskan dari grup sebelah: mulai hari ini air sumur di Desa Limbur gak boleh dipakai buat minum dan masak karena udah ' +
    'tercemar limbah tambang emas dari hulu sungai, anak2 jangan mandi di sungai!! tunggu pengumuman resmi puskesmas kecamatan';

  it('a short title only suggests the long forward; its confirmed wording answers the next rewording as the claim', () => {
    const ix = new MatchIndex();
    ix.add({ id: '1', text: TITLE });
    ix.add({ id: '2', text: 'Sungai Batang Merangin banjir bandang, warga diminta mengungsi' });
    const q = normalizeText(REWORDED);
    expect(decideMatch(ix.query(q)[0], q.wordCount)).toBe('suggest');
    ix.addAlias('1', 'r5', normalizeText(FORWARD));
    expect(ix.size).toBe(2);
    const results = ix.query(q);
    expect(results.map((r) => r.id)).toEqual(['1']);
    expect(decideMatch(results[0], q.wordCount)).toBe('auto');
    // Re-indexing the claim's own text keeps its aliases; removing the claim removes them.
    ix.add({ id: '1', text: TITLE });
    expect(ix.aliasCount('1')).toBe(1);
    ix.remove('1');
    expect(ix.query(q)).toEqual([]);
    expect(ix.size).toBe(1);
  });
});

describe('title score: word and character n-gram TF-IDF over the short claims', () => {
  const TITLES = [
    'Vaksin Covid-19 Mengandung Chip Pelacak',
    'Bantuan Sosial Rp 600 Ribu Cair Lewat Tautan Pendaftaran',
    'Gempa Besar Akan Guncang Jawa Barat Malam Ini',
    'Minum Air Kelapa Campur Garam Sembuhkan Stroke',
    'Uang Kertas Lama Tidak Berlaku Mulai Bulan Depan',
    'Pemadaman Listrik Total Se-Sumatera Selama Seminggu',
    'Telur Palsu dari Plastik Beredar di Pasar Tradisional',
    'Penculik Anak Menyamar Jadi Pengemis di Sekolah',
    'Beras Plastik Dijual di Warung Kelontong',
    'Sinyal 5G Menyebarkan Virus Corona',
  ];
  // "covid19" is one word here and two in the title: only the character n-grams see them as the same.
  const FORWARD =
    'Info penting buat warga!! Ternyata vaksin covid19 yang disuntikkan di puskesmas itu ada chip kecil untuk melacak ' +
    'kita semua ke mana pun pergi. Tolong sebarkan ke keluarga dan tetangga';

  function catalog(): MatchIndex {
    const ix = new MatchIndex();
    TITLES.forEach((text, i) => ix.add({ id: `t${i}`, text }));
    return ix;
  }

  it('suggests the title the forward is about among titles on other topics, and never answers on that alone', () => {
    const q = normalizeText(FORWARD);
    const [best] = catalog().query(q);
    expect(best?.id).toBe('t0');
    // Lifted above what its shared words alone give it, but kept below an automatic answer.
    expect(best!.similarity).toBeGreaterThan(best!.textSimilarity);
    expect(best!.similarity).toBeLessThan(DEFAULT_THRESHOLDS.auto);
    expect(decideMatch(best, q.wordCount)).toBe('suggest');
  });

  it('forgets a removed title completely: scores equal those of a catalog that never had it', () => {
    const q = normalizeText(FORWARD);
    const withRemoved = catalog();
    withRemoved.add({ id: 'extra', text: 'Chip Pelacak Dipasang Lewat Vaksin di Puskesmas' });
    withRemoved.remove('extra');
    const strip = (rs: ReturnType<MatchIndex['query']>) => rs.map((r) => ({ id: r.id, similarity: r.similarity }));
    expect(strip(withRemoved.query(q, { minSimilarity: 0 }))).toEqual(strip(catalog().query(q, { minSimilarity: 0 })));
  });
});
