/**
 * Web addresses that dress up as a government site: a ministry's or programme's name, or "go.id" itself,
 * in a domain that is not under .go.id (`kemensos-bansos.id-daftar.xyz`, `kemenkes.go.id.xyz`). Real
 * Indonesian government sites all live under .go.id, so a name like that elsewhere is how phishing pages for
 * "bansos" and "BLT" registrations look. Pure; the scam detector uses it.
 */
import { domainToUnicode } from 'node:url';

/** Shown to moderators among a claim's signs and to residents in the warning. */
export const LOOKALIKE_REASON = 'tautan meniru situs pemerintah';

/** Names long and specific enough to be found inside a longer label (`kemensosbansos`). */
const NAMES_INSIDE = [
  'kemensos', 'kemenkes', 'kemkes', 'kemenkeu', 'kemendagri', 'kemendikbud', 'kemdikbud', 'kemdiktisaintek',
  'kemenag', 'kemnaker', 'kemenaker', 'kemenhub', 'kementan', 'kemenkumham', 'kemenpan', 'kemenpora',
  'kemenparekraf', 'kemenkominfo', 'kominfo', 'komdigi', 'diskominfo', 'dukcapil', 'disdukcapil', 'dinsos',
  'prakerja', 'bpjskesehatan', 'bpjsketenagakerjaan', 'setneg', 'setkab', 'presidenri', 'pemprov', 'pemkab',
  'pemkot', 'bapenda', 'esamsat', 'imigrasi', 'bansos', 'kartuprakerja', 'cekbansos',
];
/**
 * Agency acronyms: only a whole label or hyphen-separated part (`bpjs-daftar.com`, not `bkntl.com`). Common
 * words that private sites use too (pajak, samsat, blt) are left out: precision first.
 */
const NAMES_WHOLE = new Set(['bpjs', 'djp', 'bkn', 'bpom', 'bnpb', 'bmkg', 'polri', 'kpu', 'bawaslu', 'kemenpu', 'pupr']);

/** Cyrillic and Greek letters that look Latin in a domain name (`kemensоs` with a Cyrillic о). */
const CONFUSABLE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i',
  ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', ɡ: 'g', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};

/** An internationalised (`xn--`) host as the Latin letters it imitates. */
function unmasked(host: string): string {
  if (!host.includes('xn--')) return host;
  const unicode = domainToUnicode(host) || host;
  return [...unicode.normalize('NFKC').toLowerCase()].map((ch) => CONFUSABLE[ch] ?? ch).join('');
}

/** `kemenkes.go.id` and its subdomains are the real thing; so is anything else under .go.id. */
function isGovernmentDomain(host: string): boolean {
  return host === 'go.id' || host.endsWith('.go.id');
}

/** A host (no scheme, no path) that carries a government name or "go.id" outside .go.id. */
export function isGovernmentLookalike(hostname: string): boolean {
  const host = unmasked(hostname.toLowerCase().replace(/\.$/, '').replace(/:\d+$/, ''));
  if (!host.includes('.') || isGovernmentDomain(host)) return false;
  const labels = host.split('.');
  // "go.id" (or go-id, goid) inside a host that does not end there: kemenkes.go.id.xyz, kemenkes-go-id.com.
  if (/(?:^|[.-])go[.-]?id(?:[.-])/.test(host)) return true;
  const parts = labels.flatMap((l) => l.split('-')).filter(Boolean);
  if (parts.some((p) => NAMES_WHOLE.has(p))) return true;
  return labels.some((l) => NAMES_INSIDE.some((name) => l.replace(/-/g, '').includes(name)));
}

/** The host of a normalised link (`host/path?query`, as extract.ts gives them) or of an absolute URL. */
export function hostOfLink(link: string): string {
  const noScheme = link.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return (noScheme.split(/[/?#]/)[0] ?? '').replace(/^.*@/, '');
}
