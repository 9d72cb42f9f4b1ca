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
  // Chain-letter imperatives. They hold negations ("jangan lupa share", "jgn sampai putus di kamu") that say
  // nothing about the claim, so they go before the negation-aware matcher ever sees them. Slang spellings are
  // listed here because slang is resolved after this step.
  // "jangan lupa (di)share" keeps the claim's polarity when cut ("jangan lupa X" means "do X"); "jangan sampai
  // putus/berhenti" is only about the chain. "jangan sampai <X>" alone is a warning about X and stays.
  /\b(?:jangan|jgn|jngn|jgan)\s+(?:lupa|lupa2)\s*(?:untuk\s+|utk\s+)?(?:(?:di)?(?:share|sebar(?:kan|luaskan|in)?|viral(?:kan|in)?|bagikan|teruskan|terusin|forward(?:kan)?|kirim(?:kan)?)\b)?(?:\s+(?:ya+|yah|guys|bun|gan|kak|semua)\b)?\s*!*/g,
  /\b(?:jangan|jgn|jngn|jgan)\s+(?:(?:sampai|sampe|smpe|smp|sampek)\s+)?(?:putus|berhenti|mandek)(?:\s+(?:di|dari|dr|pada|sama)\s+(?:kamu|anda|km|lu|lo|loe|elo|sini|situ|saya|kita|tangan\s+(?:anda|kamu|km)))?\b(?:\s+(?:ya+|yah|guys|bun|gan|kak)\b)?\s*!*/g,
  /\b(?:sebar(?:kan|luaskan|in)?|share|bagikan|viral(?:kan|in)?|teruskan|forward(?:kan)?|kirim(?:kan)?)\s+(?:ke|kpd|kepada|minimal|min)\s+(?:minimal\s+)?(?:\d+|satu|dua|tiga|lima|sepuluh|seratus)\s*(?:grup|group|grp|wag|orang|org|teman|kontak|kawan|saudara)\b(?:\s+(?:lain|lainnya|anda|kamu|wa|whatsapp))*/g,
  /\b(?:share|sebar(?:kan|luaskan)?|bagikan|viral(?:kan)?)\s+(?:sebanyak[- ]banyaknya|sebanyak mungkin|seluas[- ]luasnya)\b/g,
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
