/**
 * Hand-made marks of a chain letter, each with the short Indonesian reason shown to moderators. They feed the
 * hoax model as features and are reported as signals when they fire.
 */
import { MAX_INPUT_CHARS } from './normalize.js';

export interface HandFeature {
  name: string;
  /** Value in [0, 1]. */
  value: number;
  /** Reason shown to moderators when the feature fires ('' for none). */
  signal: string;
}

const CHAIN = /\b(?:sebar(?:kan|luaskan)|viral(?:kan)?|bagikan|teruskan|share|forward(?:kan)?|jangan berhenti di (?:anda|kamu))\b/giu;
const URGENT = /\b(?:segera|penting|darurat|waspada|awas|hati-hati|hati2|mendesak|breaking|gawat|bahaya|terkini|sekarang juga|hari ini juga|jangan sampai|innalillahi)\b/giu;
const SHORTENER = /\b(?:bit\.ly|s\.id|tinyurl\.com|goo\.gl|t\.co|cutt\.ly|shorturl\.at|rebrand\.ly|ow\.ly|is\.gd|v\.gd|linktr\.ee|wa\.me)\//iu;
const PHONE = /(?:\+?62|\b0)8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}/u;
const ACCOUNT = /\b(?:rek(?:ening)?|no\.?\s?rek|a\.?n\.?|atas nama|transfer|tf)\b[^\n]{0,40}?\d(?:[\s.-]?\d){8,17}/iu;
const SOURCE_CLAIM = /\b(?:dari (?:grup|group) sebelah|copas|info (?:a1|valid|akurat)|sumber (?:terpercaya|orang dalam)|kata (?:teman|kawan|saudara) (?:saya|sy))\b/iu;
const EXCLAIM_RUN = /[!?]{2,}/gu;
// Talking about a hoax is not spreading one: fact-checks and clarifications name the hoax and deny it.
const DEBUNK = /\b(?:hoa(?:x|ks)|klarifikasi|faktanya|fakta(?:nya)? (?:sebenarnya|yang benar)|(?:tidak|tdk|gak|nggak|bukan) (?:benar|fakta|valid)|disinformasi|misinformasi|berita (?:bohong|palsu)|informasi (?:palsu|keliru|menyesatkan|bohong)|dibantah|membantah|bantahan|meluruskan|diluruskan|dikonfirmasi|mengonfirmasi|cek fakta|turnbackhoax)\b/giu;
// Reported speech of a news item: "…," kata Kapolres; ujarnya; menurut BMKG.
const REPORTED = /\b(?:mengatakan|menjelaskan|menegaskan|menyampaikan|mengungkapkan|ujar(?:nya)?|katanya|tuturnya|jelasnya|menurut(?:nya)?|dalam keterangan(?:nya)?|kepada wartawan|saat dikonfirmasi|dilansir|dikutip)\b/giu;
const QUOTE = /["“”]/gu;
const ENGLISH = /\b(?:the|and|is|are|of|to|this|that|with|for|you|your|will|be|have|from|please)\b/giu;

export function handFeatures(raw: string): HandFeature[] {
  const text = String(raw ?? '').slice(0, MAX_INPUT_CHARS);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const capsWords = text.match(/\b\p{Lu}{4,}\b/gu)?.length ?? 0;
  const words = Math.max(1, text.match(/\S+/gu)?.length ?? 0);
  const capsRatio = letters >= 20 ? upper / letters : 0;
  const chain = text.match(CHAIN)?.length ?? 0;
  const urgent = text.match(URGENT)?.length ?? 0;
  const exclaim = text.match(EXCLAIM_RUN)?.length ?? 0;
  const bangs = text.match(/!/gu)?.length ?? 0;
  const debunk = text.match(DEBUNK)?.length ?? 0;
  const reported = text.match(REPORTED)?.length ?? 0;
  const quotes = text.match(QUOTE)?.length ?? 0;
  const english = text.match(ENGLISH)?.length ?? 0;
  return [
    { name: 'chain', value: Math.min(1, chain / 2), signal: 'ajakan menyebarkan (SEBARKAN/VIRAL)' },
    { name: 'exclaim', value: Math.min(1, (exclaim + bangs / 4) / 3), signal: 'banyak tanda seru' },
    { name: 'caps', value: capsRatio > 0.3 || capsWords / words > 0.2 ? Math.min(1, capsRatio * 1.5 + capsWords / words) : 0, signal: 'huruf kapital berlebihan' },
    { name: 'urgent', value: Math.min(1, urgent / 2), signal: 'kata mendesak' },
    { name: 'shortener', value: SHORTENER.test(text) ? 1 : 0, signal: 'tautan pemendek' },
    { name: 'phone', value: PHONE.test(text) ? 1 : 0, signal: 'nomor telepon' },
    { name: 'account', value: ACCOUNT.test(text) ? 1 : 0, signal: 'nomor rekening' },
    { name: 'source', value: SOURCE_CLAIM.test(text) ? 1 : 0, signal: 'sumber tidak jelas ("grup sebelah")' },
    { name: 'debunk', value: Math.min(1, debunk / 2), signal: 'bahasa bantahan/klarifikasi ("tidak benar", "hoaks")' },
    { name: 'reported', value: Math.min(1, (reported + (quotes >= 2 ? 1 : 0)) / 2), signal: 'gaya berita: mengutip narasumber' },
    // Length alone is no reason to show a moderator (empty signal); it lets long news-style articles sit lower.
    { name: 'long', value: words >= 60 ? Math.min(1, Math.log(words / 60) / Math.log(20)) : 0, signal: '' },
    { name: 'english', value: words >= 8 && english / words > 0.12 ? 1 : 0, signal: 'teks berbahasa Inggris' },
  ];
}
