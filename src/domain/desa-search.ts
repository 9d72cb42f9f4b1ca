import { levelLabel, shortKabupaten } from './region-label.js';

/**
 * Finding a desa by the words a resident types. Pure: the database returns candidates, this decides
 * which name and qualifiers were meant, orders the home region first, and plans the buttons that
 * narrow many matches down (provinsi → kabupaten → kecamatan → desa), a page at a time.
 */
export interface DesaMatch {
  code: string;
  name: string;
  kecamatan: string | null;
  kabupaten: string | null;
  provinsi: string | null;
}

/** Words people put before a name that are not part of it. */
const LEADING = new Set(['desa', 'ds', 'ds.', 'kelurahan', 'kel', 'kel.', 'kampung', 'kp', 'kp.']);
/** Words that only say which kind of area a qualifier is ("Sukamaju Kab. Cianjur"). */
const KINDS = new Set(['kec', 'kec.', 'kecamatan', 'kab', 'kab.', 'kabupaten', 'kota', 'prov', 'prov.', 'provinsi', 'di', 'desa', 'kel', 'kel.', 'kelurahan']);

export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** "Desa Sukamaju, Kab. Cianjur" → ["sukamaju", "kab.", "cianjur"]. */
export function queryWords(raw: string): string[] {
  const words = normalizeName(raw.replace(/[,;/()|]+/g, ' ')).split(' ').filter(Boolean);
  while (words.length > 1 && LEADING.has(words[0]!)) words.shift();
  return words.slice(0, 8);
}

export interface NameSplit {
  /** The desa name as typed (lower case). */
  name: string;
  /** The words after it: names of its kecamatan, kabupaten or provinsi. */
  qualifier: string[];
}

/** Every way to read the words as "NAME [QUALIFIER…]", the longest name first ("Simpang Limbur" before "Simpang"). */
export function nameSplits(words: string[]): NameSplit[] {
  const out: NameSplit[] = [];
  for (let i = words.length; i >= 1; i--) {
    const qualifier = words.slice(i).filter((w) => !KINDS.has(w));
    if (i < words.length && qualifier.length === 0) continue;
    out.push({ name: words.slice(0, i).join(' '), qualifier });
  }
  return out;
}

/** Each qualifier word names (the start of) a word of the desa's kecamatan, kabupaten or provinsi. */
export function fitsQualifier(m: DesaMatch, qualifier: string[]): boolean {
  if (qualifier.length === 0) return true;
  const around = normalizeName(`${m.kecamatan ?? ''} ${m.kabupaten ?? ''} ${m.provinsi ?? ''}`).split(' ');
  return qualifier.every((q) => around.some((w) => w === q || (q.length >= 4 && w.startsWith(q))));
}

export type Certainty = 'exact' | 'prefix' | 'fuzzy';

/** How surely a match is what was typed: the whole name, its first words, or only similar. */
export function certaintyOf(m: DesaMatch, typedName: string): Certainty {
  const name = normalizeName(m.name);
  if (name === typedName) return 'exact';
  return name.startsWith(`${typedName} `) ? 'prefix' : 'fuzzy';
}

export const inRegion = (code: string, region: string | null | undefined): boolean => !!region && (code === region || code.startsWith(`${region}.`));

/** The home region's desa first, then its provinsi's, then the rest; stable otherwise. */
export function homeFirst<T extends { code: string }>(items: T[], home: string | undefined): T[] {
  if (!home) return items;
  const rank = (code: string) => (inRegion(code, home) ? 0 : inRegion(code, home.slice(0, 2)) ? 1 : 2);
  return items.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m.code) - rank(b.m.code) || a.i - b.i).map((x) => x.m);
}

/**
 * A single match is taken without asking only when it is what was typed (the whole name or its first
 * words) and lies in the deployment's provinsi; a match elsewhere in the country is always asked about.
 */
export function takeWithoutAsking(m: DesaMatch, certainty: Certainty, home: string | undefined): boolean {
  if (certainty === 'fuzzy') return false;
  return !home || inRegion(m.code, home.slice(0, 2));
}

/** "Desa Sukamaju, Kec. Sukaresmi, Kab. Cianjur" from a search row. */
export function matchLabel(m: DesaMatch, opts: { province?: boolean } = {}): string {
  const parts = [levelLabel({ code: m.code, name: m.name, level: 4 })];
  if (m.kecamatan) parts.push(`Kec. ${m.kecamatan}`);
  if (m.kabupaten) parts.push(shortKabupaten(m.kabupaten));
  if (opts.province && m.provinsi) parts.push(`Prov. ${m.provinsi}`);
  return parts.join(', ');
}

/** Narrowing choices: an area to look inside, or the desa itself. */
export type Choice = { kind: 'area'; area: string; label: string } | { kind: 'pick'; code: string; label: string };

export interface ChoicePage {
  /** The level the choices are at. */
  level: 'desa' | 'provinsi' | 'kabupaten' | 'kecamatan';
  choices: Choice[];
  total: number;
  page: number;
  pages: number;
}

/** Stands for "everywhere but the home region" in an area choice. */
export const OUTSIDE_HOME = '*';
export const DESA_PER_PAGE = 8;
export const AREAS_PER_PAGE = 20;

const ancestorCode = (code: string, level: number) => code.split('.').slice(0, level).join('.');

function areaName(m: DesaMatch, level: number): string {
  if (level === 1) return m.provinsi ?? ancestorCode(m.code, 1);
  if (level === 2) return shortKabupaten(m.kabupaten ?? ancestorCode(m.code, 2));
  return `Kec. ${m.kecamatan ?? ancestorCode(m.code, 3)}`;
}

/**
 * The choices to show for `matches` inside `area` (null: all; OUTSIDE_HOME: all but the home region's).
 * Few matches → the desa themselves; more → the next level that tells them apart (provinsi, kabupaten,
 * kecamatan), the home region's area first. When the home region has a few of many matches, those desa
 * come first as they are, with one more choice for the rest of the country.
 */
export function planChoices(matches: DesaMatch[], opts: { area: string | null; page: number; home?: string | undefined }): ChoicePage {
  const { area, home } = opts;
  const inArea = area === null ? matches : area === OUTSIDE_HOME ? matches.filter((m) => !inRegion(m.code, home)) : matches.filter((m) => inRegion(m.code, area));
  const sorted = homeFirst(inArea, home);
  const areaLevel = area === null || area === OUTSIDE_HOME ? 0 : area.split('.').length;
  // The provinsi is named only where the choices span several and this one is not the home provinsi.
  const provinces = new Set(sorted.map((m) => m.code.slice(0, 2))).size;
  const pick = (m: DesaMatch): Choice => ({ kind: 'pick', code: m.code, label: matchLabel(m, { province: provinces > 1 && !inRegion(m.code, home?.slice(0, 2)) }) });

  if (sorted.length <= DESA_PER_PAGE) return { level: 'desa', choices: sorted.map(pick), total: sorted.length, page: 0, pages: 1 };

  if (area === null && home) {
    const atHome = sorted.filter((m) => inRegion(m.code, home));
    if (atHome.length > 0 && atHome.length < DESA_PER_PAGE) {
      const elsewhere = sorted.length - atHome.length;
      return {
        level: 'desa',
        choices: [...atHome.map(pick), { kind: 'area', area: OUTSIDE_HOME, label: `Di daerah lain (${elsewhere})` }],
        total: sorted.length,
        page: 0,
        pages: 1,
      };
    }
  }

  for (let level = Math.max(areaLevel + 1, 1); level <= 3; level++) {
    const groups = new Map<string, { label: string; count: number }>();
    for (const m of sorted) {
      const code = ancestorCode(m.code, level);
      const g = groups.get(code) ?? { label: areaName(m, level), count: 0 };
      g.count++;
      groups.set(code, g);
    }
    if (groups.size < 2) continue;
    const ordered = homeFirst(
      [...groups.entries()].map(([code, g]) => ({ code, ...g })).sort((a, b) => a.label.localeCompare(b.label, 'id')),
      home,
    );
    const pages = Math.ceil(ordered.length / AREAS_PER_PAGE);
    const page = Math.min(Math.max(opts.page, 0), pages - 1);
    const choices = ordered.slice(page * AREAS_PER_PAGE, (page + 1) * AREAS_PER_PAGE).map((g): Choice => ({ kind: 'area', area: g.code, label: `${g.label} (${g.count})` }));
    return { level: level === 1 ? 'provinsi' : level === 2 ? 'kabupaten' : 'kecamatan', choices, total: sorted.length, page, pages };
  }

  // All in one kecamatan: the desa themselves, a page at a time.
  const pages = Math.ceil(sorted.length / DESA_PER_PAGE);
  const page = Math.min(Math.max(opts.page, 0), pages - 1);
  return { level: 'desa', choices: sorted.slice(page * DESA_PER_PAGE, (page + 1) * DESA_PER_PAGE).map(pick), total: sorted.length, page, pages };
}
