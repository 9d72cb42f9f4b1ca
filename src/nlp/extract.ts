/**
 * Pulls the strong identifiers out of a message — links, phone numbers, bank-account-like numbers — in a
 * normalised form, and returns the text with them blanked so they do not pollute word matching (templated
 * scams are reissued with other numbers; the numbers are compared separately).
 */

export interface Extracted {
  text: string;
  urls: string[];
  phones: string[];
  accounts: string[];
}

const TLDS = 'com|id|co\\.id|go\\.id|or\\.id|ac\\.id|net|org|info|ly|me|io|xyz|site|online|link|gl|cc|tk|ml|ga|cf|gq|ws|to|in|club|top|biz|app|ink|page|my\\.id|web\\.id|sch\\.id';
const URL_RE = new RegExp(
  `(?:https?:\\/\\/|www\\.)[^\\s<>"'\`]+|\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})\\b(?:\\/[^\\s<>"'\`]*)?`,
  'giu',
);
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|igshid|igsh|mc_cid|mc_eid|yclid|_ga|ref|ref_src|si|s|feature)$/i;
const TRAILING_PUNCT = /[.,;:!?)\]}'"…]+$/u;

/** `HTTPS://WWW.Kominfo.go.id/berita/?utm_source=wa#x` → `kominfo.go.id/berita` */
export function normalizeUrl(raw: string): string | null {
  let s = raw.replace(TRAILING_PUNCT, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!host.includes('.')) return null;
  const kept = [...url.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
  const query = kept.length ? `?${kept.map(([k, v]) => (v ? `${k}=${v}` : k)).join('&')}` : '';
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${host}${pathname}${query}`;
}

/** The links of a text as written (trailing punctuation dropped), for a resolver to follow. */
export function findUrls(input: string): string[] {
  const found = (input.match(URL_RE) ?? []).map((m) => m.replace(TRAILING_PUNCT, '')).filter((m) => normalizeUrl(m) !== null);
  return unique(found);
}

// Mobile (+62 8xx / 08xx) and landline (0xx / 0xxx area codes), with the separators people type.
const PHONE_RE = /(?<![\d+])(?:\+?62[\s.-]?|0)(?:8\d{1,2}(?:[\s.-]?\d{2,4}){2,4}|\(?[2-79]\d{1,2}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4})(?!\d)/g;
// Digit runs of 8–18 digits, optionally grouped by spaces, dashes or dots (rekening numbers are 10–16).
const ACCOUNT_RE = /(?<![\d.,])\d(?:[\s.-]?\d){7,17}(?![\d,])/g;

function phoneDigits(raw: string): string | null {
  let d = raw.replace(/\D/g, '');
  if (d.startsWith('0')) d = `62${d.slice(1)}`;
  if (!d.startsWith('62') || d.length < 9 || d.length > 15) return null;
  return d;
}

/** A thousands-grouped amount ("1.500.000") or a date-like run is not an account number. */
function looksLikeAmount(raw: string, before: string): boolean {
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(raw)) return true;
  return /(?:rp|idr|usd|\$)\s*\.?\s*$/i.test(before);
}

export function extractIdentifiers(input: string): Extracted {
  const urls: string[] = [];
  let text = input.replace(URL_RE, (m) => {
    const u = normalizeUrl(m);
    if (u) urls.push(u);
    return ' ';
  });
  const phones: string[] = [];
  text = text.replace(PHONE_RE, (m) => {
    const d = phoneDigits(m);
    if (!d) return m;
    phones.push(d);
    return ' ';
  });
  const accounts: string[] = [];
  text = text.replace(ACCOUNT_RE, (m, offset: number) => {
    const before = text.slice(Math.max(0, offset - 6), offset);
    if (looksLikeAmount(m, before)) return m;
    const digits = m.replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 18) return m;
    accounts.push(digits);
    return ' ';
  });
  return { text, urls: unique(urls), phones: unique(phones), accounts: unique(accounts) };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
