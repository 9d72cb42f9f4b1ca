/**
 * Messages that are talk, not something to check: a greeting, thanks, "ok", or a bare question about hoaxes
 * with nothing to check in it ("ini hoax bukan?", "benarkah?", "cek dong"). Stored as a report, such a message
 * would start a claim of its own, or be merged into the report it follows as if it were its caption. Pure:
 * word lists over the folded text, so every rule is unit-tested.
 */

export type ChatterKind = 'greeting' | 'thanks' | 'ack' | 'question';

/** Longer than this, a message is more than chatter even if every word is on a list below. */
const MAX_WORDS = 8;

// Multi-word phrases are joined first so the word lists below stay single words.
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bterima\s*kasih\b|\bterimakasih\b|\bmakasih\b|\bmksh\b|\bmaksih\b/g, ' thanks '],
  [/\bthank\s*(?:you|u)\b|\bthanks\b|\bthx\b|\btq\b|\btengkyu\b|\bmatur\s+(?:nuwun|suwun)\b|\bnuhun\b|\bsuwun\b/g, ' thanks '],
  [/\bassalamu\s*'?\s*alaikum(?:\s+wr\.?\s*wb\.?)?\b|\bassalamualaikum\b|\bass?wr\s*wb\b|\bsalam\b/g, ' greeting '],
  [/\bselamat\s+(?:pagi|siang|sore|malam)\b/g, ' greeting '],
  [/\boh\s+(?:gitu|begitu)\b/g, ' ack '],
];

const GREETING = new Set(['greeting', 'halo', 'hallo', 'helo', 'hello', 'hai', 'hay', 'hi', 'hey', 'pagi', 'siang', 'sore', 'malam', 'permisi', 'ping', 'p', 'tes', 'test', 'woi', 'om', 'swastiastu', 'shalom', 'kabar']);
const THANKS = new Set(['thanks', 'hatur', 'nuhun', 'banyak', 'sekali', 'bgt', 'banget']);
const ACK = new Set(['ack', 'ok', 'oke', 'okay', 'okey', 'okeh', 'okai', 'k', 'sip', 'siap', 'baik', 'baiklah', 'iya', 'iyaa', 'y', 'yoi', 'noted', 'mantap', 'mantab', 'wokeh', 'oh', 'ooh', 'o', 'paham', 'mengerti', 'ngerti', 'setuju', 'betul', 'benar', 'gitu']);
/** Words that make a bare question about a message the resident has not sent (yet). */
const QUESTION = new Set([
  'hoax', 'hoaks', 'hoaxs', 'hoak', 'hoks', 'hox', 'benarkah', 'betulkah', 'benar', 'bener', 'betul', 'beneran', 'asli', 'valid',
  'fakta', 'faktanya', 'cek', 'cekin', 'check', 'periksa', 'periksakan', 'hoakskah', 'hoaxkah', 'bohong', 'palsu', 'kebenarannya',
  'kebenaran', 'nyata',
]);
/** Words that carry no content of their own in a question or a greeting. */
const FILLER = new Set([
  'ini', 'itu', 'ni', 'tu', 'nih', 'tuh', 'apa', 'apakah', 'atau', 'ato', 'tidak', 'tdk', 'nggak', 'ngga', 'gak', 'ga', 'enggak',
  'engga', 'bukan', 'bkn', 'ya', 'yah', 'yaa', 'sih', 'kah', 'dong', 'donk', 'deh', 'kan', 'min', 'mimin', 'admin', 'kak', 'kakak', 'gan',
  'pak', 'bu', 'bapak', 'ibu', 'mas', 'mbak', 'bang', 'om', 'tante', 'semua', 'semuanya', 'tolong', 'mohon', 'minta', 'coba', 'bisa',
  'di', 'dicek', 'yg', 'yang', 'berita', 'info', 'informasi', 'pesan', 'gambar', 'foto', 'video', 'link', 'tautan', 'tadi',
  'barusan', 'tersebut', 'saya', 'aku', 'sy', 'ada', 'mau', 'tanya', 'nanya', 'ingin', 'pengen', 'gimana', 'bagaimana', 'kok', 'lho',
  'loh', 'juga', 'jg', 'lagi', 'lg', 'sudah', 'udah', 'udh', 'sdh', 'ok', 'oke', 'ke', 'kebenarannya', 'nya', 'aja', 'saja', 'dulu',
  'sekali', 'banyak', 'bgt', 'banget', 'ah', 'eh', 'wah', 'hmm', 'hm', 'kalian', 'anda', 'bot', 'saring',
]);
/** Emoji that say thanks or agreement on their own (👍, 🙏, 👌, ❤️…). */
const THANKS_EMOJI =
  /^(?:\u{1F64F}|\u{1F44D}|\u{1F44C}|\u{1F44F}|\u{2764}|\u{1F49A}|\u{1F499}|\u{1F496}|\u{1F60A}|\u{1F642}|\u{1F970}|\u{1F917}|\u{1F91D}|\u{270C}|\u{2705}|\u{FE0F}|\u{200D}|\s|[\u{1F3FB}-\u{1F3FF}])+$/u;

function wordsOf(text: string): string[] {
  let s = text.normalize('NFKC').toLowerCase();
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  // "halooo", "makasiiih", "okee": letters repeated for warmth.
  return (s.match(/[\p{L}\p{N}']+/gu) ?? []).map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1').replace(/(\p{L})\1$/u, '$1'));
}

/** What kind of chatter a text-only message is, or null when it may carry something to check. */
export function classifyChatter(text: string): ChatterKind | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (THANKS_EMOJI.test(trimmed)) return 'thanks';
  // A link, a phone number or an amount is something to check, however short the message around it.
  if (/https?:\/\/|www\.|\.(?:com|id|net|org|ly)\b|\d{3,}/i.test(trimmed)) return null;
  const words = wordsOf(trimmed);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  const known = (w: string) => FILLER.has(w) || QUESTION.has(w) || GREETING.has(w) || THANKS.has(w) || ACK.has(w);
  if (!words.every(known)) return null;
  // A question mark or a hoax word makes it a question, even when it also greets ("halo min, ini hoax?").
  if (words.some((w) => QUESTION.has(w) && !ACK.has(w)) || (/\?/.test(trimmed) && words.some((w) => QUESTION.has(w)))) return 'question';
  if (words.some((w) => w === 'thanks')) return 'thanks';
  if (words.some((w) => GREETING.has(w))) return 'greeting';
  if (words.some((w) => ACK.has(w))) return 'ack';
  return /\?/.test(trimmed) ? 'question' : null;
}
