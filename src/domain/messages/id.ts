import { VERDICT_LABELS } from '../verdict.js';
import { staffChatId } from './staff-chat-id.js';

/**
 * Every word the bot says to people, in Bahasa Indonesia. Plain words for residents who may be reading
 * on a small phone: short sentences, no jargon. `en.ts` has the same keys (TypeScript and
 * tests/unit/messages.test.ts hold it so); `messagesFor(lang)` in ./index.ts picks one.
 */
export const id = {
  /** The hoax-score band on a moderator's review card. */
  cardBand: {
    tinggi: 'Kemungkinan hoaks: TINGGI',
    sedang: 'Kemungkinan hoaks: SEDANG — perlu dicek',
    rendah: 'Kemungkinan hoaks: RENDAH',
    tidak_yakin: 'Kemungkinan hoaks: TIDAK YAKIN (teks terlalu pendek atau kata-katanya jarang dikenal)',
  },
  cardReasons: (reasons: string[]) => `Tanda: ${reasons.join('; ')}`,
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
    '• /hapus T-1234 — hapus laporan Anda',
    '• /desa NAMA — atur desa/kelurahan Anda',
    '• /langganan — terima klarifikasi resmi untuk wilayah Anda (/berhenti untuk berhenti)',
    '• /start — penjelasan singkat tentang Saring',
    '• /bantuan — daftar perintah ini',
    '• /bahasa en — English',
  ].join('\n'),
  /** Added to /bantuan in private for linked staff. */
  staffHelp: [
    'Untuk pengurus KIM dan Diskominfo:',
    '• /moderasi — kirim di grup pengurus; klaim dari wilayah Anda muncul di sana',
    '• /masuk KODE — sambungkan akun pengurus Anda',
    '• Di grup KIM (admin grup): /daftar NAMA_DESA, /mode waspada atau /mode diam, /berhenti',
    '• /ringkasan on|off — ringkasan mingguan klarifikasi, di grup KIM atau grup moderasi',
  ].join('\n'),
  /** Two lines for a group: when the bot is added, and for /start or /bantuan sent there. */
  groupHelp: [
    'Halo, saya Saring, bot cek hoaks dari KIM dan Diskominfo. Warga bisa melapor lewat chat pribadi (japri) ke saya.',
    'Admin grup: /daftar NAMA_DESA agar grup ini menerima klarifikasi resmi, /mode waspada agar saya membalas salinan hoaks, /berhenti untuk berhenti.',
  ].join('\n'),
  /** Under a ticket when the resident has not set their desa yet. */
  ticketAskDesa: 'Dari desa mana Anda? Pilih desa Anda lewat pilihan di bawah, atau ketik /desa NAMA_DESA, supaya laporan Anda sampai ke pengurus KIM terdekat.',
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
  scamLookalikeLink: 'Tautannya meniru situs pemerintah. Situs resmi pemerintah selalu berakhiran .go.id — jangan isi data apa pun di sana.',
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
  flood: 'Anda sudah mengirim banyak laporan dalam waktu singkat. Laporan berikutnya baru bisa diterima beberapa menit lagi. Terima kasih atas kepedulian Anda.',
  floodCommands: 'Anda mengirim banyak perintah dalam waktu singkat. Tunggu beberapa menit, lalu coba lagi.',
  hapus: {
    usage: 'Tulis nomor tiket yang ingin dihapus, misalnya: /hapus T-1234',
    done: (ticket: string) => `Laporan ${ticket} sudah dihapus. Teks laporan tidak disimpan lagi.`,
  },
  /** A claim's text when every report it came from was erased and no summary was approved. */
  erasedClaimText: '(Teks laporan ini sudah dihapus atas permintaan pelapor atau karena batas waktu penyimpanan.)',
  unknownCommand: 'Maaf, perintah itu tidak saya kenal. Ketik /bantuan untuk melihat perintah yang bisa dipakai.',
  unsupportedMedia:
    'Maaf, saya belum bisa memeriksa stiker atau lokasi. Kirimkan teksnya, atau fotonya.',
  /** Added to the ticket reply when a forwarded file could not be read (or is not checked automatically). */
  media: {
    tooLarge: (mb: number) =>
      `Berkasnya terlalu besar (lebih dari ${mb} MB), jadi tidak kami simpan dan tidak bisa kami baca. Kirim tangkapan layar (screenshot) yang lebih kecil, atau teksnya saja.`,
    tooManyPixels: 'Ukuran gambarnya terlalu besar untuk dibaca. Kirim tangkapan layar (screenshot) biasa, atau teksnya saja.',
    unreadable: 'Gambarnya rusak atau tidak bisa dibuka, jadi tidak bisa kami baca. Coba kirim ulang gambarnya, atau teksnya saja.',
    animated: 'Gambar bergerak (GIF) belum bisa kami baca. Kirim tangkapan layar (screenshot) atau teksnya saja.',
    unsupported: 'Jenis berkas ini belum bisa kami baca. Kirim foto, tangkapan layar, atau teksnya saja.',
    notChecked: 'Video dan pesan suara belum bisa kami periksa otomatis. Sudah kami simpan dan akan dilihat pengurus KIM.',
    /** Caption of the picture posted with a review card in the moderators' chat. */
    cardPhoto: (claimId: number) => `Gambar yang dilaporkan warga untuk klaim #${claimId}`,
    cardFile: (claimId: number) => `Berkas (video/suara) yang dilaporkan warga untuk klaim #${claimId}`,
  },
  /** Answers to talk that is not a message to check (src/domain/small-talk.ts); short, never a ticket. */
  chatter: {
    askForMessage:
      'Untuk memeriksanya, kami perlu pesannya sendiri. Teruskan (forward) atau salin pesan yang ingin dicek ke sini — teks, tautan, atau fotonya. Pertanyaannya saja belum bisa kami periksa.',
    afterReport: 'Pesan yang Anda kirim tadi sudah kami terima dan sedang diperiksa. Jawabannya akan dikirim ke sini.',
    greeting: 'Halo! Teruskan (forward) pesan yang ingin dicek kebenarannya ke sini, atau ketik /bantuan.',
    thanks: 'Sama-sama 🙏 Kalau ada pesan lain yang meragukan, teruskan saja ke sini.',
    ack: 'Baik 🙏',
  },
  noWords: 'Pesannya hanya berisi emoji atau simbol, jadi tidak ada yang bisa diperiksa. Teruskan pesan aslinya (teks, tautan, atau foto dengan keterangan).',
  emptyMessage: 'Pesannya kosong. Teruskan pesan yang ingin dicek, atau ketik /bantuan.',
  tooLong: (max: number) =>
    `Pesan ini sangat panjang; saya simpan ${max.toLocaleString('id-ID')} karakter pertama untuk diperiksa.`,
  spikeAlert: (claimId: number, reports: number, desa: number, text: string) =>
    [
      `🚨 LONJAKAN LAPORAN: klaim #${claimId} dilaporkan ${reports} kali dari ${desa} desa dalam satu jam terakhir.`,
      '',
      text,
      '',
      'Mohon segera diperiksa dan, bila perlu, terbitkan klarifikasi resmi.',
    ].join('\n'),
  desa: {
    usage: 'Tulis nama desa/kelurahan Anda, misalnya: /desa Simpang Limbur\nKalau banyak yang namanya sama, tambahkan kecamatan atau kabupatennya: /desa Sukamaju Cianjur',
    notFound: (q: string) => `Desa/kelurahan "${q}" belum ketemu. Periksa ejaannya, atau tulis sebagian namanya saja.`,
    choose: 'Pilih desa/kelurahan Anda:',
    chooseFor: (q: string, count: number) => `Ada ${count} desa/kelurahan bernama "${q}". Pilih desa Anda:`,
    chooseArea: (q: string, count: number, level: 'provinsi' | 'kabupaten' | 'kecamatan', command: 'desa' | 'daftar') =>
      `Ada ${count} desa/kelurahan bernama "${q}". Di ${level === 'kabupaten' ? 'kabupaten/kota' : level} mana desa ${command === 'desa' ? 'Anda' : 'grup ini'}?\n` +
      `(Bisa juga ditulis langsung dengan kabupatennya, misalnya: /${command} ${q} Cianjur)`,
    browse: (level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa') =>
      level === 'desa' ? 'Pilih desa/kelurahan Anda:' : level === 'kabupaten' ? 'Pilih kabupaten/kota Anda:' : `Pilih ${level} Anda:`,
    askOne: (label: string) =>
      `Maksud Anda ${label}? Kalau benar, pilih "Ya, ini desa saya". Kalau bukan, tulis lagi dengan nama kecamatan atau kabupatennya, misalnya: /desa Sukamaju Cianjur`,
    saved: (label: string) => `Terima kasih. Desa Anda tercatat: ${label}.\nLaporan Anda akan diperiksa pengurus KIM setempat. Salah pilih? Pilih "Bukan, ganti".`,
    undone: 'Baik, pilihan tadi dibatalkan. Tulis lagi nama desa Anda dengan kecamatan atau kabupatennya, misalnya: /desa Sukamaju Cianjur',
    stale: 'Pilihan ini sudah tidak berlaku. Tulis lagi: /desa NAMA_DESA',
    buttons: { yes: 'Ya, ini desa saya', undo: 'Bukan, ganti', next: 'Berikutnya ›', prev: '‹ Sebelumnya', ask: '📍 Pilih desa saya' },
  },
  staff: staffChatId,
  groups: {
    daftarUsage: 'Tulis nama desa/kelurahan grup ini, misalnya: /daftar Simpang Limbur',
    daftarChoose: 'Pilih desa/kelurahan grup ini:',
    notAdmin: 'Hanya admin grup yang bisa mengatur Saring di grup ini.',
    unknownRegion: (code: string) => `Kode wilayah ${code} tidak dikenal. Tulis nama desanya saja, misalnya: /daftar Simpang Limbur`,
    registered: (label: string) =>
      `Grup ini terdaftar sebagai grup KIM ${label}. Klarifikasi resmi Diskominfo untuk wilayah ini akan dikirim ke sini. Ketik /mode waspada agar saya menjawab salinan hoaks yang sudah diklarifikasi.`,
    unregistered: 'Grup ini tidak lagi menerima siaran Saring. Daftar lagi kapan saja dengan /daftar NAMA_DESA.',
    notRegistered: 'Grup ini belum terdaftar. Admin grup bisa mendaftarkannya dengan /daftar NAMA_DESA.',
    cannotReadGroup:
      'Mode waspada belum bisa dipakai: saya belum bisa membaca pesan biasa di grup ini. Jadikan saya admin grup (tanpa hak tambahan pun cukup), lalu kirim /mode waspada lagi.',
    modeUsage: 'Pilih mode: /mode waspada (saya menjawab salinan hoaks yang sudah diklarifikasi) atau /mode diam (hanya siaran resmi).',
    modeSet: (mode: string) =>
      mode === 'waspada'
        ? 'Mode WASPADA aktif: saya akan membalas pesan yang merupakan salinan hoaks/penipuan yang sudah diklarifikasi. Selain itu saya diam.'
        : 'Mode DIAM aktif: saya hanya mengirim siaran resmi.',
    subscribed: (region: string) => `Anda berlangganan siaran klarifikasi untuk ${region}. Berhenti kapan saja dengan /berhenti.`,
    needDesa: 'Atur dulu desa/kelurahan Anda dengan /desa NAMA, lalu kirim /langganan.',
    unsubscribed: 'Anda tidak lagi menerima siaran. Berlangganan lagi dengan /langganan.',
    notSubscribed: 'Anda belum berlangganan siaran. Kirim /langganan untuk mulai.',
  },
  /** The weekly digest (`/ringkasan`) and its message (src/domain/digest.ts puts it together). */
  digest: {
    usage: 'Ringkasan mingguan: /ringkasan on untuk mulai, /ringkasan off untuk berhenti.',
    state: (on: boolean, region: string) =>
      on
        ? `Ringkasan mingguan AKTIF untuk ${region}: setiap pekan saya kirim daftar pesan yang sudah diklarifikasi. Matikan dengan /ringkasan off.`
        : `Ringkasan mingguan untuk ${region} belum aktif. Nyalakan dengan /ringkasan on.`,
    turnedOn: (region: string) => `Ringkasan mingguan aktif. Setiap pekan grup ini menerima daftar pesan yang sudah diklarifikasi di ${region}. Matikan dengan /ringkasan off.`,
    turnedOff: 'Ringkasan mingguan dimatikan. Nyalakan lagi kapan saja dengan /ringkasan on.',
    notRegistered: 'Ringkasan mingguan hanya untuk grup KIM yang terdaftar (/daftar NAMA_DESA) atau grup moderasi pengurus (/moderasi).',
    header: (from: string, to: string) => `📋 Ringkasan klarifikasi sepekan (${from} – ${to})`,
    intro: 'Pesan-pesan berikut sudah diperiksa. Buka tautannya untuk penjelasan lengkap:',
    more: (n: number, listUrl: string | null) => (listUrl ? `…dan ${n} lainnya: ${listUrl}` : `…dan ${n} lainnya.`),
    closing: 'Saring sebelum sharing. Terima pesan yang mencurigakan? Kirim ke saya lewat chat pribadi.',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  },
  /** WhatsApp broadcasts: each group gets its own greeting and closing around the same clarification. */
  broadcastVariants: {
    greetings: [
      'Assalamualaikum, Bapak/Ibu anggota grup.',
      'Selamat siang, warga yang kami hormati.',
      'Salam sejahtera, Bapak dan Ibu sekalian.',
      'Halo, Bapak/Ibu warga desa.',
      'Permisi, Bapak/Ibu, ada info penting.',
    ],
    closings: [
      'Mohon bantu luruskan bila pesan ini muncul di grup lain. Saring sebelum sharing.',
      'Bila menerima pesan serupa, jangan diteruskan dulu. Saring sebelum sharing.',
      'Terima kasih sudah ikut menjaga grup ini dari hoaks. Saring sebelum sharing.',
      'Ayo cek dulu sebelum membagikan pesan. Saring sebelum sharing.',
    ],
  },
  shyReply: (label: string, clarification: string, source: string | undefined) =>
    [`⚠️ ${label} Pesan ini sudah diklarifikasi.`, '', clarification.slice(0, 500), ...(source ? ['', `Sumber: ${source}`] : [])].join('\n'),
  groupOnlyPrivate: 'Untuk melapor, kirim pesan langsung (japri) ke saya, ya.',
  /** What residents see for each verdict code: the stamps they already know. */
  // The stamps residents already know, defined once with the verdict codes.
  verdictLabels: VERDICT_LABELS,
  /** The answer a resident receives for a decided claim (src/domain/clarification.ts puts it together). */
  answer: {
    official: 'Klarifikasi resmi Diskominfo',
    community: 'Hasil pemeriksaan pengurus KIM',
    source: (url: string) => `Sumber: ${url}`,
    ticket: (ticket: string) => `Tiket: ${ticket}`,
    correction: (ticket: string, from: string, to: string) => `RALAT untuk tiket ${ticket}: hasil pemeriksaan berubah dari ${from} menjadi ${to}.`,
    /** Under the clarification: the public page, which shows the card when the link is pasted in a group. */
    link: (url: string) => `Bagikan klarifikasi ini: ${url}`,
    /** The card's own caption when the answer is too long to be its caption (the full text follows). */
    cardCaption: (label: string, url: string | null) =>
      `${label} Kartu klarifikasi — teruskan gambar ini ke grup yang menerima pesannya.${url ? `\n${url}` : ''}`,
    helpfulButton: 'Membantu 👍',
    unhelpfulButton: 'Tidak 👎',
    thanksHelpful: 'Terima kasih! Senang jawabannya membantu. Bantu teruskan kartunya ke grup yang menerima pesan itu.',
    thanksUnhelpful: 'Terima kasih atas penilaian Anda. Pengurus akan memakainya untuk memperbaiki jawaban.',
    alreadyRated: 'Penilaian Anda untuk jawaban ini sudah tercatat sebelumnya. Terima kasih!',
    /** The verdict changed since: the tap was for an older answer. */
    outdated: 'Jawaban ini sudah diperbarui. Terima kasih, penilaian Anda tidak perlu diulang.',  },
  /** A Diskominfo broadcast as a group or a subscriber reads it. */
  broadcast: {
    header: (label: string) => `📢 KLARIFIKASI RESMI DISKOMINFO — ${label}`,
    circulating: (quote: string) => `Pesan yang beredar: "${quote}"`,
    closing: 'Mohon bantu luruskan bila pesan ini muncul di grup lain. Saring sebelum sharing.',
  },
  /** /bahasa (also /language): the language the bot uses with this resident. */
  language: {
    usage: 'Pilih bahasa: /bahasa id (Bahasa Indonesia) atau /bahasa en (English).',
    set: 'Baik, mulai sekarang saya memakai Bahasa Indonesia. Ketik /bahasa en untuk English.',
  },
  /** Words on the shareable clarification card (a picture: short, readable at a glance). */
  card: {
    claim: 'Pesan yang beredar:',
    facts: 'Faktanya:',
    source: 'Sumber',
    official: '✔ Klarifikasi resmi',
    community: 'Diperiksa pengurus KIM',
  },
  /** What goes with an answer: the card, its link, and the "did it help?" tap. */

  /** On the moderators' card and in their chat when residents said the answer did not help. */
  feedbackReopened: (claimId: number, unhelpful: number) =>
    `⚠️ Klaim #${claimId} dibuka lagi: ${unhelpful} warga menilai jawaban ini tidak membantu. Mohon periksa lagi, lalu terbitkan jawaban yang lebih jelas.`,
  feedbackCardNote: (unhelpful: number) => `⚠️ ${unhelpful} warga menilai jawaban ini tidak membantu — mohon periksa lagi.`,
} as const;

/** Literal strings widened to `string`, functions and nesting kept: the shape every catalogue must have. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer E)[]
      ? readonly Widen<E>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;

/** The bot's catalogue: the keys of `id`, each a string, a list of strings, or a function giving one. */
export type Messages = Widen<typeof id>;
