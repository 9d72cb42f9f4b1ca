/**
 * Everyday village-group messages, generated: the ordinary traffic of a WhatsApp group of a desa (posyandu,
 * arisan, ronda, jual-beli, duka, lowongan, sekolah, pengajian, kerja bakti, a real PLN outage notice…) that the
 * hoax corpus never shows. Written for Saring from templates and word lists made up by its authors (no outside
 * text; same licence as the project, MIT). Every name, place and number is invented.
 *
 * Deterministic: the same seed gives the same messages. The split is by template, not by message: every
 * template's messages are all `train` or all `test`, so the held-out part measures wording the model has not seen
 * (the last template of each kind is held out). Never tune on `test`.
 */
import { seededRandom } from '../logistic.js';

export interface EverydayMessage {
  id: string;
  kind: string;
  text: string;
  split: 'train' | 'test';
}

type Rng = () => number;
type Slots = Record<string, string>;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const NAMA = ['Bu Siti', 'Pak Darto', 'Mbak Rina', 'Bu Yani', 'Pak Joko', 'Mas Anto', 'Bu Wati', 'Pak Slamet', 'Bu Ningsih', 'Pak Udin', 'Teh Euis', 'Kang Asep', 'Bu Ratna', 'Pak Made', 'Bu Dewi', 'Pak Hasan', 'Mbak Lestari', 'Pak Rahmat'];
const ALMARHUM = ['Bapak Sukarman', 'Ibu Painem', 'Mbah Karto', 'Bapak H. Abdullah', 'Ibu Hj. Maryam', 'Bapak Wagiman', 'Nenek Surti', 'Bapak Ketut Sudarsa'];
const HARI = ['Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Jumat', 'Sabtu', 'Minggu'];
const JAM = ['07.00', '07.30', '08.00', '08.30', '09.00', '13.00', '15.30', '16.00', '19.00', '19.30', '20.00'];
const TEMPAT = ['balai desa', 'rumah Pak RT', 'musholla Al-Ikhlas', 'masjid Baiturrahman', 'pos ronda', 'lapangan voli', 'rumah Bu Kades', 'gedung serbaguna', 'poskesdes', 'SD Negeri 2', 'pendopo kecamatan', 'rumah Bu RW'];
const RT = ['RT 01', 'RT 02', 'RT 03', 'RT 04/RW 02', 'RT 05', 'RW 03', 'Dusun Krajan', 'Dusun Sukamaju', 'Dusun Kidul'];
const TANGGAL = ['3', '7', '12', '15', '18', '21', '25', '28'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const BARANG = ['beras 5 kg', 'telur ayam', 'kripik singkong', 'sayur bayam', 'motor Supra bekas', 'kambing jantan', 'gas melon', 'pisang raja', 'bibit cabe', 'kue basah', 'nasi kuning', 'galon isi ulang', 'madu hutan', 'ikan lele segar', 'sepeda anak', 'lemari kayu'];
const HARGA = ['15rb', '25 ribu', 'Rp 35.000', '50rb', 'Rp 120.000', '7 jt nego', '2,5 juta', '10rb/ikat', '28rb/kg', '150 ribu'];
const KERJA = ['penjaga toko', 'tukang bangunan', 'admin gudang', 'kurir', 'karyawan rumah makan', 'guru ngaji TPA', 'operator jahit', 'sopir pick up', 'pekerja kebun sawit', 'kasir minimarket'];
const KELAS = ['kelas 1', 'kelas 3', 'kelas 4', 'kelas 6', 'TK B', 'kelas 2', 'kelas 5'];
const MAPEL = ['matematika', 'bahasa Indonesia', 'IPA', 'PJOK', 'agama', 'SBdP', 'bahasa Jawa'];
const USTADZ = ['Ustadz Hanif', 'Ustadzah Aisyah', 'KH. Mahfud', 'Ustadz Ridwan', 'Buya Syukri'];
const PENYULANG = ['penyulang KRJ 04', 'gardu Sumberejo', 'penyulang Cemara', 'jaringan 20 kV arah pasar'];

const OPEN = ['', '', '', 'Assalamualaikum wr wb. ', "Assalamu'alaikum bapak ibu. ", 'Selamat pagi warga. ', 'Selamat sore bapak/ibu. ', 'Info ', 'Pengumuman: ', 'Mohon maaf mengganggu, ', 'Permisi ', 'Halo warga ', 'Sugeng enjing. '];
const CLOSE = ['', '', '', ' Terima kasih.', ' Matur nuwun.', ' Trims 🙏', ' Wassalamualaikum.', ' 🙏🙏', ' Terimakasih atas perhatiannya.', ' Hatur nuhun.', ' Nuwun.', ' Salam.'];

/** Templates per kind: `{slot}` is filled from the lists above. The last template of each kind is held out. */
const KINDS: Record<string, string[]> = {
  posyandu: [
    'Jadwal posyandu bulan ini hari {hari} jam {jam} pagi di {tempat}. Bawa buku KIA ya bu.',
    'Posyandu balita {rt} dilaksanakan tgl {tgl} {bulan}, mulai {jam}. Ada timbang, ukur tinggi dan pemberian vitamin A.',
    'Ibu-ibu yang punya balita, besok {hari} posyandu di {tempat} jam {jam}. Jangan lupa bawa KMS. Ada PMT bubur kacang ijo.',
    'Kegiatan posyandu lansia {hari} ini jam {jam} di {tempat}: cek tensi, gula darah dan senam ringan. Monggo bapak ibu sepuh hadir.',
  ],
  arisan: [
    'Arisan PKK {rt} bulan ini di rumah {nama} hari {hari} jam {jam}. Yg belum setor mohon dibawa ya.',
    'Ibu2 arisan, kocokan minggu ini tgl {tgl} di rumah {nama}. Iuran {harga} seperti biasa.',
    'Pengingat arisan dasawisma: {hari} malam jam {jam} di {tempat}. Yang dapat kemarin {nama}, selamat bu 😊',
    'Arisan bapak2 {rt} diundur ke {hari} depan karena ada hajatan di rumah {nama}. Tempat tetap di {tempat}.',
  ],
  ronda: [
    'Jadwal ronda malam {rt} minggu ini: {hari} regu 2 ({nama}, {nama2}). Kumpul di pos ronda jam 22.00.',
    'Bapak2 yang dapat jadwal ronda malam ini mohon hadir, kentongan sudah diperbaiki. Jimpitan tolong diambil ya.',
    'Mengingatkan ronda {hari} malam giliran {nama} dan {nama2}. Kalau berhalangan tolong tukar jadwal sendiri.',
    'Hasil jimpitan ronda bulan {bulan} terkumpul {harga}, dipakai untuk beli senter dan lampu pos. Laporan lengkap di {nama}.',
  ],
  jualbeli: [
    'Dijual {barang}, harga {harga}. Minat hubungi {nama} ya, rumah dekat {tempat}.',
    'Open PO {barang} {harga}, pengambilan {hari} di rumah {nama}. Bisa diantar utk wilayah {rt}.',
    'Siapa yg butuh {barang}? Masih ada stok, {harga} aja. Japri {nama} 🙏',
    'Lapak {nama} buka lagi: {barang} cuma {harga}, {barang2} juga ready. COD di depan {tempat} sore ini.',
  ],
  duka: [
    'Innalillahi wa inna ilaihi rojiun. Telah meninggal dunia {almarhum} warga {rt} pada hari ini pukul {jam}. Dimakamkan {hari} di makam desa.',
    'Berita duka: {almarhum} meninggal dunia tadi pagi. Jenazah disemayamkan di rumah duka {rt}. Mohon doanya.',
    'Turut berduka cita atas wafatnya {almarhum}, semoga husnul khotimah dan keluarga diberi ketabahan. Tahlilan mulai nanti malam ba\'da isya.',
    'Kabar duka dari {rt}, {almarhum} telah berpulang. Pemakaman {hari} jam {jam}. Bapak2 mohon bantu gali makam dan pasang tenda.',
  ],
  lowongan: [
    'Dibutuhkan {kerja}, laki2/perempuan usia 18-35, domisili sekitar desa. Lamaran diantar ke {nama} paling lambat {hari}.',
    'Info loker: {kerja} di toko {nama}, gaji sesuai UMK, jam kerja 08.00-16.00. Yang minat datang langsung bawa fotokopi KTP.',
    'Lowongan kerja {kerja} untuk pemuda desa, pendidikan min SMP. Daftar di kantor desa hari kerja.',
    'Ada yang nyari kerjaan? Bos {nama} butuh {kerja} 2 orang, harian {harga}. Hubungi langsung orangnya ya jangan lewat saya.',
  ],
  sekolah: [
    'Diberitahukan kepada orang tua siswa {kelas}, ulangan {mapel} hari {hari}. Mohon anak2 didampingi belajar.',
    'Jadwal pembagian rapor {kelas} tgl {tgl} {bulan} jam {jam} di {tempat}. Rapor diambil oleh orang tua/wali.',
    'Besok {hari} siswa {kelas} pulang lebih awal jam 10.00 karena rapat guru. Mohon dijemput tepat waktu.',
    'Pengingat dari wali kelas {kelas}: tugas {mapel} dikumpulkan {hari}, seragam batik, dan iuran kas kelas {harga}.',
  ],
  pengajian: [
    'Pengajian rutin malam {hari} ba\'da isya di {tempat} bersama {ustadz}. Jamaah bapak ibu diharapkan hadir.',
    'Yasinan dan tahlil ibu2 muslimat {hari} sore jam {jam} di rumah {nama}. Mohon bawa Yasin masing2.',
    'Kajian subuh Ahad bersama {ustadz} di {tempat}, tema: adab bertetangga. Terbuka untuk umum.',
    'Undangan khataman Al-Quran santri TPA {tempat}, {hari} tgl {tgl} jam {jam}. Wali santri dimohon hadir.',
  ],
  kerjabakti: [
    'Kerja bakti bersih2 saluran air {rt} hari {hari} jam {jam}. Bawa cangkul dan sapu lidi masing2.',
    'Gotong royong perbaikan jalan dusun {hari} pagi, kumpul di {tempat}. Konsumsi disiapkan ibu2 PKK.',
    'Minggu depan kerja bakti persiapan 17 Agustus: cat gapura dan pasang umbul2. Tiap KK kirim 1 orang.',
    'Bapak2 {rt}, {hari} pagi kerja bakti bersihkan makam dan potong rumput. Yang berhalangan bisa ganti iuran {harga}.',
  ],
  pln: [
    'Info dari PLN ULP setempat: pemadaman listrik terencana hari {hari} tgl {tgl} {bulan} jam 09.00-14.00 untuk pemeliharaan {penyulang}. Wilayah terdampak {rt} dan sekitarnya.',
    'Pemberitahuan PLN: ada pemeliharaan jaringan {hari} jam 08.00-12.00, listrik di {rt} padam sementara. Info resmi bisa dicek di aplikasi PLN Mobile.',
    'Listrik mati dari tadi ya? Kata petugas PLN ada pohon tumbang kena kabel di dekat {tempat}, lagi diperbaiki.',
    'Pengumuman pemadaman bergilir dari PLN untuk perbaikan trafo {penyulang}, {hari} {jam}-15.00. Mohon maaf atas ketidaknyamanannya.',
  ],
  rapat: [
    'Undangan rapat warga {rt} malam {hari} jam {jam} di {tempat}, membahas iuran sampah dan keamanan.',
    'Mohon kehadiran bapak2 ketua RT di rapat koordinasi di {tempat} hari {hari} jam {jam}. Acara: persiapan musdes.',
    'Rapat karang taruna {hari} malam di {tempat}, bahas lomba 17an dan dana kegiatan. Semua pemuda diharapkan datang.',
    'Hasil rapat kemarin: iuran keamanan naik jadi {harga}/bulan mulai {bulan}, dibayar ke bendahara {nama}.',
  ],
  air: [
    'Air PAM di {rt} mati dari pagi karena ada perbaikan pipa di dekat {tempat}. Perkiraan nyala lagi sore.',
    'Info PDAM: distribusi air terganggu {hari} karena pembersihan tandon. Silakan tampung air dulu.',
    'Sumur bor dusun sedang diperbaiki pompanya, sementara ambil air di {tempat} ya.',
    'Pengumuman dari pengelola air bersih desa: iuran bulan {bulan} {harga}, dibayar paling lambat tgl {tgl} ke {nama}.',
  ],
  kehilangan: [
    'Mohon info, kucing anggora warna putih hilang sejak kemarin di sekitar {rt}. Yang lihat tolong kabari {nama}.',
    'Telah ditemukan dompet coklat di dekat {tempat}, isi KTP atas nama warga {rt}. Bisa diambil di rumah {nama}.',
    'Kehilangan kunci motor dgn gantungan boneka di sekitar {tempat} tadi pagi. Kalau ada yang nemu hubungi {nama} ya.',
    'Kambing {nama} lepas dari kandang semalam, warna hitam ada kalung merah. Mungkin ada yang lihat di sekitar {tempat}?',
  ],
  hajatan: [
    'Mengundang bapak/ibu warga {rt} untuk hadir di acara pernikahan putri {nama}, {hari} tgl {tgl} {bulan} jam {jam} di {tempat}.',
    'Syukuran khitanan putra {nama} {hari} siang, mohon doa restu dan kehadirannya.',
    'Ibu2 yang mau bantu rewang di tempat {nama} kumpul {hari} pagi jam {jam} ya.',
    'Undangan tasyakuran rumah baru {nama} malam {hari} ba\'da maghrib. Mohon hadir, sekalian doa bersama.',
  ],
  kesehatan: [
    'Imunisasi campak rubella untuk anak usia 9 bulan - 15 tahun di {tempat} hari {hari} jam {jam}. Bawa kartu imunisasi.',
    'Pemeriksaan kesehatan gratis untuk lansia dari puskesmas di {tempat} tgl {tgl}. Daftar ke kader {nama}.',
    'Fogging DBD di {rt} {hari} sore. Mohon makanan ditutup dan hewan peliharaan dikandangkan dulu.',
    'Bidan desa {nama} buka pelayanan KB dan periksa hamil di poskesdes {hari} dan {hari2}, jam {jam}-12.00.',
  ],
  umum: [
    'Jalan depan {tempat} ditutup sementara {hari} karena ada pengecoran. Kendaraan lewat jalan belakang dulu.',
    'Pembayaran PBB tahun ini bisa di kantor desa setiap {hari} jam {jam}-12.00. Bawa SPPT ya.',
    'Lomba 17an untuk anak2: balap karung, makan kerupuk, kelereng. Daftar ke {nama} paling lambat {hari}.',
    'Senam sehat bersama tiap Minggu pagi jam 06.30 di {tempat}, gratis. Ajak keluarga ya.',
    'Pasar murah dari kecamatan di {tempat} tgl {tgl}: beras, minyak, gula harga miring. Bawa KTP dan kupon dari RT.',
    'Ada yang punya nomor tukang servis pompa air yang bisa datang hari ini? Butuh cepat, makasih sebelumnya.',
    'Selamat pagi semuanya, jangan lupa sarapan dan semangat kerjanya 😊',
    'Sampah organik dan anorganik mulai {bulan} dipisah ya, truk sampah ambil tiap {hari}. Iuran tetap {harga}.',
  ],
};

const SLANG: Array<[RegExp, string[]]> = [
  [/\byang\b/g, ['yg']], [/\bjangan\b/g, ['jgn']], [/\bdengan\b/g, ['dgn', 'dg']], [/\buntuk\b/g, ['utk', 'buat']],
  [/\bsudah\b/g, ['udah', 'sdh']], [/\bmohon\b/g, ['mhn']], [/\bbapak\b/g, ['bpk']], [/\bibu\b/g, ['bu']],
  [/\bterima kasih\b/gi, ['makasih', 'trmksh']], [/\bsaja\b/g, ['aja']], [/\btidak\b/g, ['gak', 'tdk', 'ga']],
  [/\bbesok\b/g, ['bsk']], [/\bhari\b/g, ['hr']], [/\bmasing2\b/g, ['msg2']], [/\bsemua\b/g, ['smua']],
];

function typo(r: Rng, w: string): string {
  if (w.length < 5 || /\d/.test(w)) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  return r() < 0.5 ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2);
}

function fill(r: Rng, template: string): string {
  const slots: Slots = {
    nama: pick(r, NAMA), nama2: pick(r, NAMA), almarhum: pick(r, ALMARHUM), hari: pick(r, HARI), hari2: pick(r, HARI),
    jam: pick(r, JAM), tempat: pick(r, TEMPAT), rt: pick(r, RT), tgl: pick(r, TANGGAL), bulan: pick(r, BULAN),
    barang: pick(r, BARANG), barang2: pick(r, BARANG), harga: pick(r, HARGA), kerja: pick(r, KERJA), kelas: pick(r, KELAS),
    mapel: pick(r, MAPEL), ustadz: pick(r, USTADZ), penyulang: pick(r, PENYULANG),
  };
  return template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? k);
}

/** Residents' ways of writing: slang, typos, lower case, emphasis, emojis. */
function roughen(r: Rng, text: string): string {
  let t = text;
  if (r() < 0.45) for (const [re, subs] of SLANG) if (r() < 0.6) t = t.replace(re, () => pick(r, subs));
  if (r() < 0.3) t = t.split(' ').map((w) => (r() < 0.08 ? typo(r, w) : w)).join(' ');
  const style = r();
  if (style < 0.2) t = t.toLowerCase();
  else if (style < 0.26) t = t.replace(/^(\S+\s+\S+)/, (m) => m.toUpperCase());
  else if (style < 0.3) t = t.replace(/\.$/, '!!');
  if (r() < 0.15) t += pick(r, [' 🙏', ' 😊', ' 👍', ' ‼️', ' 📢', ' 🙏🏻🙏🏻']);
  if (r() < 0.08) t += pick(r, [' Mohon diteruskan ke warga lain.', ' Tolong disebarkan ke grup RT masing2.', ' Mohon dibagikan ya.']);
  return t;
}

/** `perTemplate` messages for every template; ids are `everyday-<kind>-<template>-<n>`. */
export function everydayMessages(perTemplate = 14, seed = 20261203): EverydayMessage[] {
  const r = seededRandom(seed);
  const out: EverydayMessage[] = [];
  for (const [kind, templates] of Object.entries(KINDS)) {
    templates.forEach((template, ti) => {
      const split = ti === templates.length - 1 ? 'test' : 'train';
      for (let n = 0; n < perTemplate; n++) {
        const body = fill(r, template);
        const text = roughen(r, `${pick(r, OPEN)}${body}${pick(r, CLOSE)}`).trim();
        out.push({ id: `everyday-${kind}-${ti}-${n}`, kind, text, split });
      }
    });
  }
  return out;
}
