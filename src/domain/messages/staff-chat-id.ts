/** What the bot says to linked KIM moderators and Diskominfo staff in chat: linking, /moderasi, verdicts by reply, merges. */
export const staffChatId = {
  linked: (name: string, region: string) =>
    `Akun Anda tersambung sebagai pengurus ${name} (${region}). Kirim /moderasi di grup pengurus untuk menjadikannya grup moderasi wilayah Anda. Ketik /bantuan untuk perintah pengurus.`,
  badCode: 'Kode tidak berlaku atau sudah dipakai. Minta kode baru kepada admin Saring.',
  masukUsage: 'Tulis kode dari admin, misalnya: /masuk A1B2-C3D4-E5F6-0718',
  masukTooMany: 'Terlalu banyak percobaan kode. Tunggu beberapa menit, lalu coba lagi dengan kode dari admin.',
  notStaff: 'Perintah ini hanya untuk pengurus KIM dan Diskominfo yang sudah tersambung (/masuk KODE).',
  moderasiGroupOnly: 'Kirim /moderasi di grup pengurus, bukan di chat pribadi.',
  moderasiSet: (region: string, open: number) =>
    `Grup ini sekarang menjadi grup moderasi untuk ${region}. Klaim baru dari warga akan muncul di sini.` +
    (open > 0 ? ` ${open} klaim yang masih menunggu pemeriksaan saya kirim sekarang.` : ''),
  askClarification: (claimId: number, label: string) =>
    `Klaim #${claimId} → ${label}.\nBalas pesan ini dengan teks klarifikasi singkat (maks. 700 karakter) dan SATU tautan sumber.`,
  needSource: 'Mohon sertakan satu tautan sumber (https://…) bersama teks klarifikasi.',
  tooLong: (n: number) => `Klarifikasi terlalu panjang (${n} karakter). Maksimal 700 karakter.`,
  /** `withCard`: the answer goes as the clarification card (every verdict but "di luar cakupan"). */
  preview: (text: string, withCard = false) =>
    `Pratinjau jawaban untuk warga:\n\n${text}\n\n${withCard ? '(Dikirim bersama kartu klarifikasi bergambar dan tautan halaman publiknya; warga bisa menilai: Membantu 👍 / Tidak 👎.)\n\n' : ''}Terbitkan?`,
  /** Shown under the preview: what the public page will say about the claim (personal data already masked). */
  previewSummary: (summary: string) =>
    `Ringkasan yang akan dipublikasikan:\n"${summary}"\n\nNomor telepon, NIK, rekening dan e-mail sudah disamarkan. Ada alamat atau nama orang? Tekan "Ubah ringkasan".`,
  askSummary: (max: number) => `Balas pesan ini dengan ringkasan klaim untuk halaman publik (maks. ${max} karakter), tanpa nama, alamat atau nomor orang.`,
  summaryTooLong: (n: number, max: number) => `Ringkasan terlalu panjang (${n} karakter). Maksimal ${max} karakter.`,
  publishButton: 'Terbitkan',
  cancelButton: 'Batal',
  editSummaryButton: 'Ubah ringkasan',
  published: (claimId: number, answered: number, corrected: number) =>
    `Klaim #${claimId} terbit. ${answered} warga diberi jawaban` + (corrected ? `, ${corrected} warga diberi ralat.` : '.'),
  cancelled: 'Dibatalkan. Tidak ada yang dikirim ke warga.',
  refused: 'Tidak bisa: ',
  askSameAs: (claimId: number) => `Klaim #${claimId} sama dengan klaim nomor berapa? Balas dengan nomornya, misalnya #123.`,
  reportConfirmed: (ticket: string, claimId: number, answered: boolean) =>
    `Laporan ${ticket} dikonfirmasi sama dengan klaim #${claimId}.${answered ? ' Pelapornya akan menerima klarifikasinya.' : ''}`,
  reportDetached: (ticket: string, from: number, to: number) =>
    `Laporan ${ticket} bukan klaim #${from}; sekarang menjadi klaim #${to} dan akan diperiksa tersendiri.`,
  lateSuggestion: (ticket: string, claimId: number, label: string, excerpt: string) =>
    [
      `❓ Laporan baru ${ticket} hanya mirip dengan klaim #${claimId} yang sudah diputuskan ${label}:`,
      '',
      excerpt,
      '',
      'Apakah isinya sama? Pelapornya baru menerima klarifikasi setelah ✓.',
    ].join('\n'),
  reportUnchanged: (ticket: string) => `Laporan ${ticket} sudah tidak menunggu konfirmasi (sudah dikonfirmasi atau dipisahkan).`,
  merged: (from: number, into: number) => `Klaim #${from} digabung ke klaim #${into}. Pelapornya akan menerima jawaban klaim #${into}.`,
  badMergeTarget: 'Nomor klaim itu tidak bisa dipakai (tidak ada, sama, sudah digabung, atau di luar wilayah Anda). Balas dengan nomor klaim lain, misalnya #123.',
} as const;
