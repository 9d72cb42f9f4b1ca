/**
 * What Telegram and WhatsApp turn into something tappable in a plain-text message: URLs with a known
 * scheme, `www.` names, bare `name.tld` (both apps know hundreds of TLDs, so any letters after a dot count
 * here), e-mails, @mentions and phone-like runs of 8 or more digits (dates aside).
 */
export function tappable(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:https?|ftp|tg|mailto|tel|whatsapp):/gi,
    /\bwww\./gi,
    /[\p{L}\p{N}-]+\.[\p{L}]{2,}/gu,
    /[\w.+-]+@[\w-]+\.[\w.]+/g,
    /(?<![\w@*])@[A-Za-z0-9_]{5,}/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[0]);
  for (const m of text.matchAll(/\+?\d(?:[ .()-]?\d)+/g)) {
    if (m[0].replace(/\D/g, '').length >= 8 && !/^\d{2}-\d{2}-\d{4}$/.test(m[0])) found.push(m[0]);
  }
  return found;
}

export const digitsOnly = (s: string) => s.replace(/\D/g, '');
