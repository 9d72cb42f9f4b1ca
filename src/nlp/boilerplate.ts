/**
 * Chain-letter wrapping and residents' question wrappers. They say nothing about the claim itself, yet they
 * differ between two forwards of the same hoax, so they are cut before matching. Patterns run on lower-cased
 * NFKC text; each removes only the phrase, never the rest of its line (the claim often follows on that line).
 */

const PHRASES: readonly RegExp[] = [
  // Forward headers.
  /-{2,}\s*forwarded message\s*-{2,}/g,
  /\b(?:fwd|fw)\s*:/g,
  /\[?\b(?:diteruskan|forwarded|terusan|forward)(?: (?:berkali-kali|many times|dari \S+(?: \S+)?))?\b\]?/g,
  // Provenance: "copas dari grup sebelah", "info dari grup WA keluarga".
  /\b(?:copas|copy ?paste|kopas|repost|info|berita|pesan|kiriman|share|dapat|dapet|dpt)\s+(?:dari|dr)\s+(?:grup|group|grp|wag|wa|whatsapp)(?:\s+(?:wa|whatsapp|sebelah|tetangga|keluarga|alumni|kantor|rt|rw|kampung|arisan))*\b/g,
  /\b(?:dari|dr)\s+(?:grup|group|grp|wag)\s+(?:wa|whatsapp|sebelah|tetangga|keluarga|alumni|kantor|rt|rw)(?:\s+(?:sebelah|keluarga))?\b/g,
  /\bgrup sebelah\b/g,
  /\bcopas\b|\bcopy paste\b/g,
  // Calls to spread.
  /\b(?:mohon|tolong|harap|ayo|yuk|silakan|silahkan|please|pls|plis|wajib|segera)?\s*(?:di)?(?:bantu|bantuin)?\s*(?:di)?(?:share|sebar(?:kan|luaskan|in)?|viral(?:kan|in)?|bagikan|teruskan|forward(?:kan)?)(?:\s+(?:ke|kpd|kepada)\s+(?:semua|seluruh|teman|keluarga|saudara|grup|group|orang|wag)\S*(?:\s+(?:anda|kita|kalian|lain|lainnya|yang lain|grup|group|teman|keluarga|saudara|kontak))*)?\b\s*!*/g,
  /\bjangan berhenti di (?:anda|kamu|sini)\b/g,
  /\bsebelum (?:dihapus|di-?take ?down|di ?hapus)\b/g,
  // Residents' wrappers around the forward.
  /\b(?:apakah|apa|ini|itu)\s+(?:benar|bener|betul|hoaks|hoax|hoaxs|asli|valid)\s*(?:atau|apa|ato)?\s*(?:tidak|nggak|ngga|gak|ga|enggak|hoaks|hoax|bukan)?\s*(?:ya|yah|sih|kah|min|dong|nih)?\s*\?*/g,
  /\b(?:benarkah|betulkah|hoakskah|hoaxkah|beneran)\b\s*\?*/g,
  /\b(?:tolong|mohon|minta|coba|bisa)?\s*(?:di)?(?:cek|cekin|check|periksa)(?:kan)?\s*(?:dong|donk|ya|yah|min|kak|gan|nih|kebenarannya|kebenaran(?:nya)?|benar tidak(?:nya)?)?\b\s*\?*/g,
  /\b(?:hoaks|hoax)\s+(?:ya|yah|ga|gak|nggak|tidak|bukan)\s*(?:sih|ya|min)?\s*\?+/g,
];

export function stripBoilerplate(lower: string): string {
  let s = lower;
  for (const re of PHRASES) s = s.replace(re, ' ');
  return s;
}
