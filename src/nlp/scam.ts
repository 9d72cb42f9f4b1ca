/**
 * Conservative scam detection: flags a message only when it combines an ask (transfer, code, click, contact)
 * with a lure or an identity claim, so a plain news item about scams is not itself called a scam.
 */
import type { NormalizedText } from './normalize.js';
import { hostOfLink, isGovernmentLookalike, LOOKALIKE_REASON } from './gov-lookalike.js';

export interface ScamResult {
  isScam: boolean;
  reasons: string[];
}

const OTP = /\b(?:otp|kode (?:verifikasi|otp|aktivasi|keamanan|rahasia)|6 digit|pin (?:anda|atm|m-?banking))\b/iu;
const OTP_ASK = /\b(?:kirim(?:kan)?|berikan|sebutkan|bagikan|infokan|balas|masukkan|kasih)\b/iu;
const TRANSFER = /\b(?:transfer|tf|kirim (?:uang|dana|saldo)|setor|biaya (?:admin|administrasi|pengiriman|pajak|pencairan)|uang muka|top ?up|bayar(?:kan)?)\b/iu;
const PRIZE = /\b(?:selamat[!,.\s]+(?:anda|nomor anda|kamu)|anda (?:terpilih|mendapat(?:kan)?|memenangkan)|pemenang|hadiah|undian|cek tunai|bonus saldo|dapat(?:kan)? (?:uang|saldo|hadiah))\b/iu;
const BANSOS = /\b(?:bansos|bantuan sosial|blt|bpum|subsidi|kartu prakerja|pkh|bantuan (?:tunai|langsung|umkm|pemerintah)|pencairan dana)\b/iu;
const OFFICIAL = /\b(?:saya|ini) (?:adalah )?(?:pak |bu |bapak |ibu )?(?:kapolres|kapolsek|kades|kepala desa|camat|bupati|wali ?kota|gubernur|kadis|kepala dinas|pejabat|direktur|petugas|admin (?:resmi|bank)|cs (?:bank|resmi)|customer service)\b|\bnomor (?:baru|wa) (?:saya|bapak|ibu)\b|\bganti nomor\b/iu;
const LINK = /\b(?:klik|kunjungi|buka|isi|daftar(?:kan)?|login) (?:link|tautan|di|formulir|data)\b|https?:\/\/|\b[a-z0-9-]+\.(?:xyz|site|online|top|club|info|my\.id|web\.app|blogspot\.com|weebly\.com)\b/iu;
const OFFICIAL_DOMAIN = /\.(?:go\.id)\b/iu;
const URGENT = /\b(?:segera|hari ini|batas waktu|terakhir|dalam 1x24 jam|sebelum hangus|hangus|diblokir|dinonaktifkan)\b/iu;

export function detectScam(raw: string, normalized?: Pick<NormalizedText, 'urls' | 'phones' | 'accounts'>): ScamResult {
  const text = String(raw ?? '').slice(0, 20_000).toLowerCase();
  const accounts = normalized?.accounts ?? [];
  const urls = normalized?.urls ?? [];
  const phones = normalized?.phones ?? [];
  const reasons: string[] = [];
  const asksOtp = OTP.test(text) && OTP_ASK.test(text) && !/\bjangan (?:berikan|bagikan|kasih|sebutkan|beri)/iu.test(text);
  const asksTransfer = TRANSFER.test(text);
  const prize = PRIZE.test(text);
  const bansos = BANSOS.test(text);
  const official = OFFICIAL.test(text);
  const link = LINK.test(text) || urls.length > 0;
  const unofficialLink = urls.some((u) => !OFFICIAL_DOMAIN.test(u.split('/')[0] ?? '')) || (LINK.test(text) && !OFFICIAL_DOMAIN.test(text));
  const urgent = URGENT.test(text);

  if (asksOtp) reasons.push('meminta kode OTP/verifikasi');
  // A government name outside .go.id is a phishing page's disguise, whatever the message around it says.
  if (urls.some((u) => isGovernmentLookalike(hostOfLink(u)))) reasons.push(LOOKALIKE_REASON);
  if (asksTransfer && accounts.length > 0) reasons.push('meminta transfer ke nomor rekening');
  if (prize && (asksTransfer || link || phones.length > 0)) reasons.push('iming-iming hadiah dengan permintaan biaya/tautan/kontak');
  if (bansos && unofficialLink && link) reasons.push('tautan bansos/bantuan bukan situs resmi (.go.id)');
  if (official && (asksTransfer || accounts.length > 0)) reasons.push('mengaku pejabat/petugas dan meminta uang');
  if (official && phones.length > 0 && /\b(?:wa|whatsapp|hubungi|chat)\b/iu.test(text) && asksTransfer) {
    reasons.push('mengaku pejabat lewat WhatsApp');
  }
  // Urgency alone is not a scam; it only strengthens a transfer or prize lure.
  if (reasons.length > 0 && urgent) reasons.push('mendesak agar segera bertindak');
  return { isScam: reasons.some((r) => r !== 'mendesak agar segera bertindak'), reasons: [...new Set(reasons)] };
}
