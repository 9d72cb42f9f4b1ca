/**
 * Every word the bot says to people, in Bahasa Indonesia. Plain words for residents who may be reading
 * on a small phone: short sentences, no jargon. Add `en.ts` with the same keys to support English.
 */
export const id = {
  start: [
    'Halo! Saya Saring, bot cek hoaks dari KIM (Kelompok Informasi Masyarakat) dan Diskominfo.',
    '',
    'Dapat pesan yang mencurigakan di grup WA atau Telegram? Teruskan (forward) saja pesannya ke sini — boleh teks, tautan, atau foto dengan keterangan.',
    '',
    'Saya akan memberi nomor tiket. Pengurus KIM di daerah Anda akan memeriksanya, lalu jawabannya saya kirim ke sini.',
    '',
    'Ketik /bantuan untuk melihat semua perintah.',
  ].join('\n'),
  help: [
    'Perintah yang bisa dipakai:',
    '• Teruskan pesan yang mencurigakan — saya beri nomor tiket',
    '• /status T-1234 — cek perkembangan tiket Anda',
    '• /start — penjelasan singkat tentang Saring',
    '• /bantuan — daftar perintah ini',
  ].join('\n'),
  ticketReceived: (ticket: string) =>
    [
      `Terima kasih, laporan Anda sudah kami terima. Nomor tiket: ${ticket}`,
      '',
      'Pengurus KIM akan memeriksa kebenarannya. Jawaban akan dikirim ke sini; biasanya dalam 1×24 jam.',
      `Cek perkembangan kapan saja dengan: /status ${ticket}`,
      '',
      'Sementara itu, mohon jangan teruskan pesan tersebut ke orang lain dulu.',
    ].join('\n'),
  scamWarning: [
    '⚠️ PERINGATAN: pesan ini memiliki ciri-ciri PENIPUAN.',
    'Jangan transfer uang, jangan bagikan kode OTP / kode verifikasi, dan jangan klik tautannya.',
    'Pejabat dan instansi pemerintah tidak pernah meminta uang atau kode OTP lewat WhatsApp/Telegram.',
  ].join('\n'),
  ticketDuplicate: (ticket: string) =>
    `Pesan ini sudah Anda laporkan sebelumnya dengan tiket ${ticket}. Cek perkembangannya dengan /status ${ticket}.`,
  statusUsage: 'Tulis nomor tiketnya, misalnya: /status T-1234',
  statusNotFound: (ticket: string) =>
    `Tiket ${ticket} tidak ditemukan di antara laporan Anda. Periksa lagi nomornya, ya.`,
  status: {
    received: (ticket: string) => `Tiket ${ticket}: laporan sudah diterima dan sedang diproses.`,
    waiting: (ticket: string, count: number) =>
      `Tiket ${ticket}: sedang menunggu pemeriksaan pengurus KIM.` +
      (count > 1 ? ` Pesan yang sama sudah dilaporkan ${count} kali.` : ''),
    verified: (ticket: string, label: string) => `Tiket ${ticket}: sudah diperiksa. Hasilnya: ${label}`,
    deleted: (ticket: string) => `Tiket ${ticket}: laporan ini sudah dihapus.`,
  },
  unknownCommand: 'Maaf, perintah itu tidak saya kenal. Ketik /bantuan untuk melihat perintah yang bisa dipakai.',
  unsupportedMedia:
    'Maaf, saya belum bisa memeriksa stiker, pesan suara, atau video tanpa keterangan. Kirimkan teksnya, atau foto dengan keterangan (caption).',
  emptyMessage: 'Pesannya kosong. Teruskan pesan yang ingin dicek, atau ketik /bantuan.',
  tooLong: (max: number) =>
    `Pesan ini sangat panjang; saya simpan ${max.toLocaleString('id-ID')} karakter pertama untuk diperiksa.`,
  groupOnlyPrivate: 'Untuk melapor, kirim pesan langsung (japri) ke saya, ya.',
} as const;

export type Catalogue = typeof id;
