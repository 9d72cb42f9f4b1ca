/**
 * Builds, at run time and from the corpus, the kinds of copies residents actually forward: edited, truncated,
 * wrapped in chain boilerplate and emojis, slangified, reordered, with typos, or only a part. All randomness is
 * seeded so every run measures the same set.
 */
import { seededRandom } from '../src/nlp/logistic.js';

export type Rng = () => number;

export const rng = (seed: number): Rng => seededRandom(seed);

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const PREFIXES = [
  'Diteruskan dari grup sebelah:',
  'Forwarded many times\n',
  'copas dari grup sebelah 🙏',
  'Info dari grup WA keluarga...',
  'Apakah benar ini? ',
  'cek dong min, ini hoaks ya? ',
  '*PENTING* ',
  '[Forwarded]\n',
];
const SUFFIXES = [' SEBARKAN!!!', ' viralkan!!', ' Mohon dibantu share ke grup lain 🙏🙏', ' 😱😱😱', ' sebarkan ke semua keluarga anda!!', ' 🇮🇩🔥🔥', ' #viral'];
const EMOJIS = ['😱', '🙏', '🔥', '‼️', '👇👇', '😡', '⚠️'];
const SLANG: Record<string, string[]> = {
  yang: ['yg'], tidak: ['gak', 'tdk', 'nggak'], sudah: ['udh', 'sdh', 'udah'], dengan: ['dgn'], untuk: ['utk'],
  karena: ['krn'], sangat: ['bgt'], saja: ['aja'], jangan: ['jgn'], belum: ['blm'], bisa: ['bs'], dari: ['dr'],
  orang: ['org'], tapi: ['tp'], juga: ['jg'], lagi: ['lg'], sama: ['sm'], harus: ['hrs'], kalau: ['klo', 'kalo'],
};
const FILLERS = ['lho', 'nih', 'dong', 'loh', 'ya', 'guys', 'bun'];

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function typo(r: Rng, w: string): string {
  if (w.length < 4) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const op = r();
  if (op < 0.4) return w.slice(0, i) + w.slice(i + 1); // drop a letter
  if (op < 0.7) return w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2); // swap
  return w.slice(0, i) + (w[i] ?? '') + w.slice(i); // double a letter
}

export type VariantKind = 'edit' | 'truncate' | 'boilerplate' | 'slang' | 'reorder' | 'typos' | 'part' | 'mixed';
export const VARIANT_KINDS: VariantKind[] = ['edit', 'truncate', 'boilerplate', 'slang', 'reorder', 'typos', 'part', 'mixed'];

export function makeVariant(r: Rng, text: string, kind: VariantKind): string {
  const ws = words(text);
  switch (kind) {
    case 'edit': {
      // ~10% of words deleted, replaced by fillers, or fillers inserted.
      const out: string[] = [];
      for (const w of ws) {
        const x = r();
        if (x < 0.04) continue;
        if (x < 0.07) out.push(pick(r, FILLERS));
        else out.push(w);
        if (x > 0.97) out.push(pick(r, FILLERS));
      }
      return out.join(' ');
    }
    case 'truncate':
      return ws.slice(0, Math.max(1, Math.ceil(ws.length * (0.65 + 0.3 * r())))).join(' ');
    case 'boilerplate':
      return `${pick(r, PREFIXES)} ${ws.map((w) => (r() < 0.05 ? `${w} ${pick(r, EMOJIS)}` : w)).join(' ')}${pick(r, SUFFIXES)}`;
    case 'slang':
      return ws
        .map((w) => {
          const s = SLANG[w.toLowerCase()];
          if (s && r() < 0.8) return pick(r, s);
          if (r() < 0.05 && /^[a-z]+[aeiou]$/i.test(w)) return w + (w.at(-1) ?? '').repeat(3); // elongation
          return w;
        })
        .join(' ');
    case 'reorder': {
      const parts = text.split(/(?<=[.!?\n])\s+/).filter(Boolean);
      if (parts.length < 2) return [...ws.slice(Math.floor(ws.length / 2)), ...ws.slice(0, Math.floor(ws.length / 2))].join(' ');
      for (let i = parts.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
      }
      return parts.join('\n');
    }
    case 'typos':
      return ws.map((w) => (r() < 0.1 ? typo(r, w) : w)).join(' ');
    case 'part': {
      const len = Math.max(1, Math.ceil(ws.length * (0.5 + 0.3 * r())));
      const start = Math.floor(r() * (ws.length - len + 1));
      return ws.slice(start, start + len).join(' ');
    }
    case 'mixed': {
      let t = makeVariant(r, text, 'slang');
      t = makeVariant(r, t, 'typos');
      return makeVariant(r, t, 'boilerplate');
    }
  }
}

/** Wrap an unrelated chat message in chain-letter boilerplate (a hard negative). */
export function wrapInChainLetter(r: Rng, text: string): string {
  return makeVariant(r, text, 'boilerplate');
}

/** A fresh synthetic claim for the latency index: words of two corpus texts spliced and edited. */
export function synthesizeClaim(r: Rng, a: string, b: string): string {
  const wa = words(a);
  const wb = words(b);
  const cut = Math.floor(wa.length * (0.3 + 0.4 * r()));
  const mixed = [...wa.slice(0, cut), ...wb.slice(Math.floor(wb.length * r() * 0.5))].join(' ');
  return makeVariant(r, mixed, 'edit');
}

/** Word 4-gram shingle sets of raw lower-cased text: an independent near-duplicate test for labelling. */
export function rawShingles(text: string): Set<string> {
  const ws = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 4 <= ws.length; i++) out.add(ws.slice(i, i + 4).join(' '));
  if (ws.length < 4 && ws.length) out.add(ws.join(' '));
  return out;
}

/**
 * Groups of corpus texts that are the same message by an independent measure (raw word 4-gram containment
 * ≥ 0.5), so that a match to a duplicate of the query's origin is not counted as a false match.
 */
export function duplicateGroups(texts: string[]): number[] {
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const shingles = texts.map(rawShingles);
  const postings = new Map<string, number[]>();
  shingles.forEach((set, i) => {
    for (const s of set) {
      const list = postings.get(s) ?? [];
      list.push(i);
      postings.set(s, list);
    }
  });
  shingles.forEach((set, i) => {
    const counts = new Map<number, number>();
    for (const s of set) {
      const list = postings.get(s) ?? [];
      if (list.length > 200) continue; // boilerplate shingles say nothing
      for (const j of list) if (j > i) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    for (const [j, c] of counts) {
      const small = Math.min(set.size, (shingles[j] as Set<string>).size);
      if (small > 0 && c / small >= 0.5) parent[find(j)] = find(i);
    }
  });
  return texts.map((_, i) => find(i));
}
