/**
 * Named patterns of a chain letter or a hoax, each with the reason shown to moderators in words a person
 * understands ("ajakan menyebarkan", "klaim kesehatan ajaib"). They feed the hoax model as features; the scorer
 * names one as a reason only when its learned weight raised the score of that message (hoax-scorer.ts), so a
 * pattern the model found harmless — or a sign of a debunk or a news report — is never shown as a reason.
 */
import { MAX_INPUT_CHARS } from './normalize.js';

export interface HandFeature {
  name: string;
  /** Value in [0, 1]. */
  value: number;
  /** Reason shown to moderators when the feature raised the score ('' for none). */
  signal: string;
}

const CHAIN = /\b(?:sebar(?:kan|luaskan)|viral(?:kan)?|bagikan|teruskan|share|forward(?:kan)?|jangan berhenti di (?:anda|kamu)|kirim(?:kan)? ke \d+ (?:orang|grup|group))\b/giu;
const CHAIN_THREAT = /\b(?:(?:jika|kalau|klo|bila) (?:tidak|tdk|gak|nggak) (?:di)?(?:sebar|share|bagi|terus)\w*|akan (?:celaka|sial|mendapat (?:musibah|sial))|dosa (?:jika|kalau) (?:tidak|diam))\b/iu;
const URGENT = /\b(?:segera|secepatnya|sekarang juga|hari ini juga|malam ini juga|sebelum (?:dihapus|terlambat|hangus|diblokir)|batas (?:waktu|akhir)|hanya (?:hari ini|berlaku)|jangan sampai terlambat|mendesak|darurat|breaking news|1x24 jam|detik ini)\b/giu;
const ALARM = /\b(?:waspada|awas|hati-hati|hati2|bahaya|berbahaya|gawat|mengerikan|mematikan|kiamat|azab|ngeri|merenggut nyawa)\b/giu;
const SHORTENER = /\b(?:bit\.ly|s\.id|tinyurl\.com|goo\.gl|t\.co|cutt\.ly|shorturl\.at|rebrand\.ly|ow\.ly|is\.gd|v\.gd|linktr\.ee|wa\.me)\//iu;
const LINK_HOST = /\b(?:https?:\/\/)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:com|id|co|net|org|ly|me|gl|at|io|xyz|site|online|top|club|info|app))(?:\/\S*)?/giu;
const AUTHORITY = /\b(?:kemenkes|kementerian|menteri|presiden|pemerintah|polri|kapolri|mabes|polda|polres|bmkg|bnpb|who|kominfo|komdigi|diskominfo|dinkes|dinas kesehatan|mui|bpjs|bpom|pln|pertamina|bank indonesia|ojk|kpu|tni|istana|bupati|gubernur|bansos|blt|prakerja)\b/iu;
// "Speaking in the name of": the authority is given as the sender or source of the message itself.
const IMPERSONATION = /\b(?:(?:info|pesan|himbauan|imbauan|pengumuman|instruksi|perintah|edaran|surat|berita) (?:resmi )?(?:dari )?(?:kemenkes|menteri|presiden|pemerintah|polri|kapolri|mabes polri|bmkg|who|kominfo|mui|bpjs|bin|tni|istana|polda|polres|dinkes)|(?:resmi|langsung) dari (?:kemenkes|menteri|presiden|pemerintah|polri|kapolri|bmkg|who|kominfo|istana|mabes)|(?:kemenkes|kapolri|presiden|menteri kesehatan|who|bmkg|mabes polri) (?:menghimbau|mengimbau|menginstruksikan|memerintahkan|meminta (?:seluruh|semua)))\b/iu;
const MIRACLE = /\b(?:(?:me)?nyembuhkan (?:segala|berbagai|kanker|diabetes|stroke|jantung|asam urat|covid|corona|hipertensi|darah tinggi|tumor|ginjal)|sembuh (?:total|seketika|dalam \d+ (?:hari|menit|jam))|obat (?:ampuh|mujarab|alami|herbal) (?:untuk|penyakit|segala)|ramuan (?:ajaib|ampuh)|tanpa (?:operasi|obat kimia|ke dokter)|dokter (?:tidak mau|merahasiakan|menyembunyikan)|membunuh (?:virus|sel kanker|kanker)|(?:air|rebusan|jus) \w+ (?:bisa|dapat|ampuh) (?:menyembuhkan|mengobati|membunuh|mencegah))\b/iu;
const CONSPIRACY = /\b(?:dirahasiakan|ditutup-tutupi|ditutupi|disembunyikan|konspirasi|elit global|agenda (?:tersembunyi|asing|terselubung)|media (?:tidak|tak|gak) (?:memberitakan|berani|mau)|tidak (?:diberitakan|diliput)|antek asing|rencana jahat|depopulasi|chip (?:di|dalam) vaksin)\b/iu;
const LURE = /\b(?:(?:dapat(?:kan)?|klaim|ambil) (?:hadiah|uang|saldo|kuota|bantuan)|hadiah (?:langsung|uang)|kuota gratis|bantuan (?:tunai|langsung tunai|dana|uang) (?:rp|sebesar|senilai|\d)|cair(?:kan)? (?:dana|bantuan)|gratis (?:untuk semua|bagi seluruh)|rp ?\d+(?:[.,]\d+)* (?:per orang|untuk setiap|bagi setiap))\b/iu;
const PHONE = /(?:\+?62|\b0)8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}/u;
const ACCOUNT = /\b(?:rek(?:ening)?|no\.?\s?rek|a\.?n\.?|atas nama|transfer|tf)\b[^\n]{0,40}?\d(?:[\s.-]?\d){8,17}/iu;
const SOURCE_CLAIM = /\b(?:dari (?:grup|group) sebelah|copas|copy paste|info (?:a1|valid|akurat)|sumber (?:terpercaya|orang dalam|terpercaya)|kata (?:teman|kawan|saudara|tetangga) (?:saya|sy)|dari (?:teman|kawan|saudara) (?:yang|yg) (?:kerja|bekerja|anggota))\b/iu;
const EXCLAIM_RUN = /[!?]{2,}/gu;
// Talking about a hoax is not spreading one: fact-checks and clarifications name the hoax and deny it.
const DEBUNK = /\b(?:hoa(?:x|ks)|klarifikasi|faktanya|fakta(?:nya)? (?:sebenarnya|yang benar)|(?:tidak|tdk|gak|nggak|bukan) (?:benar|fakta|valid)|disinformasi|misinformasi|berita (?:bohong|palsu)|informasi (?:palsu|keliru|menyesatkan|bohong)|dibantah|membantah|bantahan|meluruskan|diluruskan|dikonfirmasi|mengonfirmasi|cek fakta|turnbackhoax)\b/giu;
// Reported speech of a news item: "…," kata Kapolres; ujarnya; menurut BMKG.
const REPORTED = /\b(?:mengatakan|menjelaskan|menegaskan|menyampaikan|mengungkapkan|ujar(?:nya)?|katanya|tuturnya|jelasnya|menurut(?:nya)?|dalam keterangan(?:nya)?|kepada wartawan|saat dikonfirmasi|dilansir|dikutip)\b/giu;
const QUOTE = /["“”]/gu;
const ENGLISH = /\b(?:the|and|is|are|of|to|this|that|with|for|you|your|will|be|have|from|please)\b/giu;

/** A link whose host is not under .go.id, in a message that speaks of a government body or programme. */
function nonGovLink(text: string): boolean {
  if (!AUTHORITY.test(text)) return false;
  for (const m of text.matchAll(LINK_HOST)) {
    const host = (m[1] ?? '').toLowerCase();
    if (host && !host.endsWith('.go.id') && !/\.(?:jpg|png|jpeg|pdf)$/u.test(host)) return true;
  }
  return false;
}

export function handFeatures(raw: string): HandFeature[] {
  const text = String(raw ?? '').slice(0, MAX_INPUT_CHARS);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const capsWords = text.match(/\b\p{Lu}{4,}\b/gu)?.length ?? 0;
  const words = Math.max(1, text.match(/\S+/gu)?.length ?? 0);
  const capsRatio = letters >= 20 ? upper / letters : 0;
  const chain = text.match(CHAIN)?.length ?? 0;
  const urgent = text.match(URGENT)?.length ?? 0;
  const alarm = text.match(ALARM)?.length ?? 0;
  const exclaim = text.match(EXCLAIM_RUN)?.length ?? 0;
  const bangs = text.match(/!/gu)?.length ?? 0;
  const debunk = text.match(DEBUNK)?.length ?? 0;
  const reported = text.match(REPORTED)?.length ?? 0;
  const quotes = text.match(QUOTE)?.length ?? 0;
  const english = text.match(ENGLISH)?.length ?? 0;
  const caps = capsRatio > 0.3 || capsWords / words > 0.2 ? Math.min(1, capsRatio * 1.5 + capsWords / words) : 0;
  const shout = Math.min(1, (exclaim + bangs / 4) / 3);
  return [
    { name: 'chain', value: Math.min(1, chain / 2), signal: 'ajakan menyebarkan' },
    { name: 'chainThreat', value: CHAIN_THREAT.test(text) ? 1 : 0, signal: 'ancaman bila tidak disebarkan' },
    // Capitals and exclamation marks are one habit of chain letters: one reason, two features.
    { name: 'exclaim', value: shout, signal: 'huruf kapital dan tanda seru berlebihan' },
    { name: 'caps', value: caps, signal: 'huruf kapital dan tanda seru berlebihan' },
    { name: 'urgent', value: Math.min(1, urgent / 2), signal: 'desakan waktu' },
    { name: 'alarm', value: Math.min(1, alarm / 2), signal: 'kata menakut-nakuti' },
    { name: 'impersonation', value: IMPERSONATION.test(text) ? 1 : 0, signal: 'mengatasnamakan instansi' },
    { name: 'nonGovLink', value: nonGovLink(text) ? 1 : 0, signal: 'tautan bukan .go.id' },
    { name: 'miracle', value: MIRACLE.test(text) ? 1 : 0, signal: 'klaim kesehatan ajaib' },
    { name: 'conspiracy', value: CONSPIRACY.test(text) ? 1 : 0, signal: 'klaim ada yang ditutupi' },
    { name: 'lure', value: LURE.test(text) ? 1 : 0, signal: 'iming-iming hadiah atau bantuan' },
    { name: 'shortener', value: SHORTENER.test(text) ? 1 : 0, signal: 'tautan pemendek' },
    { name: 'phone', value: PHONE.test(text) ? 1 : 0, signal: 'meminta menghubungi nomor pribadi' },
    { name: 'account', value: ACCOUNT.test(text) ? 1 : 0, signal: 'nomor rekening' },
    { name: 'source', value: SOURCE_CLAIM.test(text) ? 1 : 0, signal: 'sumber tidak jelas ("grup sebelah")' },
    // These lower the score when they fire; their signal is shown only if a model ever learned otherwise.
    { name: 'debunk', value: Math.min(1, debunk / 2), signal: '' },
    { name: 'reported', value: Math.min(1, (reported + (quotes >= 2 ? 1 : 0)) / 2), signal: '' },
    // Length alone is no reason to show a moderator (empty signal); it lets long news-style articles sit lower.
    { name: 'long', value: words >= 60 ? Math.min(1, Math.log(words / 60) / Math.log(20)) : 0, signal: '' },
    { name: 'english', value: words >= 8 && english / words > 0.12 ? 1 : 0, signal: '' },
  ];
}
