/**
 * What the web dashboard says to staff after an action or on an error, in Bahasa Indonesia: each
 * flash says what actually happened (who will be told, what was not sent and why), never a bare "0".
 */
export const dashboardId = {
  verdictPublished: (o: { reporters: number; answered: number; corrected: number }) => {
    if (o.reporters === 0) return 'Putusan diterbitkan. Klaim ini tidak punya pelapor, jadi tidak ada pesan yang dikirim; putusan dipakai untuk laporan serupa berikutnya.';
    if (o.answered === 0 && o.corrected === 0) return 'Putusan diterbitkan. Semua pelapor sudah menerima putusan sebelumnya, jadi tidak ada pesan baru yang dikirim.';
    const parts = [o.answered > 0 ? `${o.answered} warga akan menerima klarifikasi` : '', o.corrected > 0 ? `${o.corrected} warga menerima ralat` : ''].filter(Boolean);
    return `Putusan diterbitkan. ${parts.join(', ')}.`;
  },
  merged: (from: number, moved: number) =>
    moved === 0 ? `Klaim #${from} digabung ke klaim ini; klaim itu tidak punya laporan untuk dipindahkan.` : `Klaim #${from} digabung ke klaim ini; ${moved} laporan dipindahkan ke sini.`,
  retried: (n: number) =>
    n === 0 ? 'Tidak ada yang dikirim ulang: semua pengiriman yang gagal menuju grup yang sudah mengeluarkan bot.' : `${n} pengiriman yang gagal dijadwalkan ulang.`,
  broadcastStarted: 'Siaran dimulai. Halaman ini menunjukkan kemajuannya.',
  needVerdict: 'Pilih salah satu putusan.',
  needClarification: (max: number) => `Klarifikasi wajib diisi, paling banyak ${max} karakter.`,
  needSource: 'Putusan ini perlu tautan sumber: alamat http(s) yang bisa dibuka warga.',
  badSource: 'Tautan sumber harus alamat http(s) yang valid.',
  summaryTooLong: (max: number) => `Ringkasan paling banyak ${max} karakter.`,
  /** The published verdict's card and what residents said of its answer, on the claim page. */
  answer: {
    downloadCard: 'Unduh kartu klarifikasi (PNG)',
    cardHint: 'Gambar yang dikirim bersama jawaban dan siaran; bagikan di grup atau media sosial.',
    feedbackTitle: 'Penilaian warga atas jawaban ini',
    feedback: (helpful: number, unhelpful: number) => `Membantu 👍 ${helpful} · Tidak 👎 ${unhelpful}`,
    reopened: (unhelpful: number) => `Dibuka lagi untuk diperiksa: ${unhelpful} warga menilai jawaban ini tidak membantu.`,
  },
  region: {
    outside: (input: string) => `“${input}” di luar wilayah Anda.`,
    unknown: (input: string) => `Wilayah “${input}” tidak ditemukan di wilayah Anda. Periksa ejaannya atau tulis kodenya.`,
    ambiguous: (input: string, options: string[]) => `Ada beberapa wilayah bernama “${input}”: ${options.join('; ')}. Pilih salah satu dari daftar atau tulis kodenya.`,
  },
  staff: {
    added: (name: string) => `Akun ${name} dibuat. Berikan token dan kode di bawah ini kepadanya secara pribadi; keduanya hanya ditampilkan sekali.`,
    disabled: (name: string) => `Akun ${name} dinonaktifkan: tokennya, sesi dasbornya, dan tautan Telegram/WhatsApp-nya langsung tidak berlaku.`,
    rotated: (name: string) => `Token baru untuk ${name}. Token lama langsung tidak berlaku (juga sesi dasbor yang memakainya).`,
    rotatedSelf: 'Token baru untuk akun Anda sendiri: setelah ini Anda perlu masuk lagi dengan token baru di bawah.',
    code: (name: string) => `Kode /masuk baru untuk ${name}: kirim “/masuk KODE” ke bot dalam 7 hari. Kode hanya bisa dipakai sekali.`,
    selfDisable: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    notAllowed: 'Anda hanya dapat mengelola pengurus KIM di wilayah Anda sendiri.',
    notFound: 'Akun staf itu tidak ada atau di luar wilayah Anda.',
    alreadyDisabled: 'Akun itu sudah nonaktif.',
    needName: 'Tulis nama staf (paling banyak 80 karakter).',
    needRole: 'Pilih peran yang boleh Anda buat.',
    needRegion: 'Isi wilayah staf: nama atau kode wilayah.',
  },
  errors: {
    400: 'Permintaan tidak valid. Periksa isian lalu coba lagi.',
    401: 'Silakan masuk dulu.',
    403: 'Halaman atau tindakan ini tidak untuk peran Anda.',
    csrf: 'Formulir sudah kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    404: 'Halaman atau data yang Anda cari tidak ada, atau berada di luar wilayah Anda.',
    409: 'Tindakan ini bertabrakan dengan perubahan lain. Muat ulang halaman lalu coba lagi.',
    429: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
    500: 'Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin.',
    titles: { 400: 'Permintaan tidak valid', 401: 'Perlu masuk', 403: 'Tidak diizinkan', 404: 'Tidak ditemukan', 409: 'Bertabrakan', 429: 'Terlalu banyak permintaan', 500: 'Terjadi kesalahan' },
  },
} as const;
