/**
 * Repeating a reported message without re-spreading it. Saring quotes what residents forwarded in
 * broadcasts, group replies, moderators' cards and alerts; a scam quoted as it is would hand every KIM group
 * a clickable link and a WhatsApp number. Everything that repeats a reported message goes through here:
 * - links are defanged the way security teams write them (`hxxps://bansos-kemensos[.]id-daftar[.]xyz`), so no
 *   chat app (Telegram, WhatsApp) turns them into links: no `http`, no `www.`, no bare `domain.tld`;
 * - phone numbers, bank accounts, NIK/KK (16 digits), e-mails and @handles are masked;
 * - the quote is cut at a word boundary with an ellipsis.
 * Pure: no I/O, unit-tested in tests/unit/safe-quote.test.ts.
 */

/** Digits with single spaces, dots or dashes between them, optionally a +country or (area) prefix. */
const NUMBER_RUN = /(?<![\p{L}\p{N}_])(?:\+|\(\+?\d{2,4}\)[ .-]?)?\d(?:[ .-]?\d)*(?![\p{L}\p{N}_])/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A Telegram/Instagram style handle (not an e-mail: nothing word-like right before the @). */
const HANDLE = /(?<![\p{L}\p{N}_.@*])@([A-Za-z0-9_]{3,32})\b/gu;
const SCHEME = /\b(h)(tt)(ps?)(:\/\/|:)/gi;
const OTHER_SCHEME = /\b(ftp|tg|mailto|whatsapp|intent|sms|tel):(\/\/)?/gi;
/** A dot between a letter/digit and a letter: `domain.tld`, `www.x`, `wa.me`, `t.me`. */
const LINK_DOT = /(?<=[\p{L}\p{N}-])\.(?=[\p{L}])/gu;

/** The shapes of numbers that are not personal data: dates, clock ranges, year ranges, money. */
const NOT_PERSONAL = [
  /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/, // 03-12-2026
  /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/, // 2026-12-03
  /^(?:19|20)\d{2} ?- ?(?:19|20)\d{2}$/, // 2020-2024
  /^\d{1,2}[.:]\d{2} ?- ?\d{1,2}[.:]\d{2}$/, // 08.00-12.00
  /^[1-9]\d{0,2}(?:\.\d{3})+$/, // 150.000.000 (rupiah)
];
const MONEY_BEFORE = /(?:rp\.?|idr|rupiah)\s*$/i;

/** Below this many digits a number is a count, an amount or a time, not someone's number. */
const MIN_PERSONAL_DIGITS = 8;

/** Stands for a hidden digit. */
export const MASK = '•';

type NumberKind = 'phone' | 'account' | null;

function classifyNumber(match: string, before: string): NumberKind {
  const digits = match.replace(/\D/g, '');
  if (digits.length < MIN_PERSONAL_DIGITS) return null;
  if (NOT_PERSONAL.some((re) => re.test(match)) || MONEY_BEFORE.test(before)) return null;
  // NIK, KK and card numbers are 16 digits: longer than any phone number; they go entirely.
  if (digits.length >= 15) return 'account';
  if (match.startsWith('+') || match.startsWith('(') || /^(?:0|62)/.test(digits)) return 'phone';
  return 'account';
}

/**
 * Keep the first `keep` digits (the operator prefix says "a Telkomsel number"); the rest become `•`, not a
 * letter: `0812.xxxx` would read as a domain to a linkifier (`.xxx` is a real TLD).
 */
function maskDigits(match: string, keep: number): string {
  let seen = 0;
  return match.replace(/\d/g, (d) => (seen++ < keep ? d : MASK));
}

function maskNumbers(text: string): string {
  return text.replace(NUMBER_RUN, (match: string, offset: number) => {
    const kind = classifyNumber(match, text.slice(Math.max(0, offset - 8), offset));
    if (kind === null) return match;
    if (kind === 'account') return maskDigits(match, 0);
    const digits = match.replace(/\D/g, '');
    return maskDigits(match, digits.startsWith('62') ? 5 : 4);
  });
}

function maskEmails(text: string): string {
  return text.replace(EMAIL, (email) => {
    const [local = '', domain = ''] = email.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  });
}

function maskHandles(text: string): string {
  return text.replace(HANDLE, (_m, name: string) => `@${name.slice(0, 1)}***`);
}

/** Links that no chat app will make clickable; the reader can still see where they pointed. */
export function defangLinks(text: string): string {
  return text
    .replace(SCHEME, (_m, h: string, tt: string, ps: string, sep: string) => `${h}${tt.replace(/t/g, 'x').replace(/T/g, 'X')}${ps}${sep}`)
    .replace(OTHER_SCHEME, (_m, scheme: string, slashes: string | undefined) => `${scheme}[:]${slashes ?? ''}`)
    .replace(LINK_DOT, '[.]');
}

/**
 * Personal data of the people in a message masked: phone numbers (Indonesian 08…/+62… forms, with
 * spaces, dashes or dots), bank account numbers, NIK/KK (16 digits), e-mails and @handles. Used for the
 * public summary's pre-fill and wherever a message is quoted.
 */
export function maskPersonalData(text: string): string {
  return maskHandles(maskNumbers(maskEmails(text)));
}

/** Cut to `maxChars` at a word boundary, with an ellipsis; short texts are left alone. */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = text.slice(0, Math.max(1, maxChars - 1));
  const lastSpace = room.search(/\s\S*$/);
  // A single very long word (a defanged link) is cut inside; it is harmless once defanged.
  const cut = lastSpace > maxChars * 0.5 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s.,;:!?([{"'-]+$/u, '')}…`;
}

/** Blank lines and runs of spaces from forwarded chains are folded, so a quote stays short on a phone. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A reported message as Saring may repeat it anywhere: personal data masked, links defanged, at most
 * `maxChars` characters, cut at a word boundary. A number inside a link (`wa.me/62812…`) is masked too,
 * and the cut comes last so it never reveals half of a token.
 */
export function safeQuote(text: string, maxChars: number): string {
  // E-mails first (defanging would hide them from the pattern), numbers after defanging (so a masked
  // `0812.xxxx` is not read as a domain), then the cut.
  return cutAtWord(maskHandles(maskNumbers(defangLinks(maskEmails(tidy(text))))), maxChars);
}

/**
 * Text a moderator wrote that Saring sends to residents and groups (the clarification): a moderator may
 * name the scam's link or number to warn about it, so links are defanged and mobile numbers masked.
 * Landline and short official numbers (call centres) stay; the source link is shown apart and stays.
 */
export function safeClarification(text: string): string {
  const defanged = defangLinks(text);
  return defanged.replace(NUMBER_RUN, (match: string, offset: number) => {
    const digits = match.replace(/\D/g, '');
    const mobile = /^(?:08|628)/.test(digits) && classifyNumber(match, defanged.slice(Math.max(0, offset - 8), offset)) === 'phone';
    return mobile ? maskDigits(match, digits.startsWith('62') ? 5 : 4) : match;
  });
}

/** Longest public summary of a claim (the ClaimReview `claimReviewed` and the public page). */
export const SUMMARY_MAX = 1000;

/**
 * What the moderator is offered as the public summary of a claim: its text with personal data masked and
 * links defanged. The moderator confirms or replaces it; nothing is published without that.
 */
export function summaryPrefill(claimText: string): string {
  return safeQuote(claimText, SUMMARY_MAX);
}

/**
 * The personal data found in a text, as digits-only strings (numbers) or lower-cased strings (e-mails,
 * handles): what erasure looks for in places that may hold a copy of the text in another shape.
 */
export function personalDataTokens(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(NUMBER_RUN)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 8), m.index ?? 0);
    if (classifyNumber(m[0], before)) found.add(m[0].replace(/\D/g, ''));
  }
  for (const m of text.matchAll(EMAIL)) found.add(m[0].toLowerCase());
  for (const m of text.matchAll(HANDLE)) found.add(m[0].toLowerCase());
  return [...found];
}
