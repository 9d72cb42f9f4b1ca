/**
 * Builds the runtime word lists of src/nlp/data/ from ../shared/data/ (production has no ../shared/).
 *
 * - stopwords.json: stopwords-id.txt (MIT) minus negations, which flip a claim and must survive.
 * - slang.json: slang → formal map. kamus-alay-mit.csv (MIT) is bundled whole; the Colloquial Indonesian
 *   Lexicon has no stated license, so only *chosen* entries are taken from it: unambiguous ones whose slang
 *   form actually occurs in the training texts. Ambiguous forms that could resolve to a negation are dropped.
 * Run: npm run build:nlp-data
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared/data');
const outDir = path.join(repoRoot, 'src/nlp/data');

const NEGATIONS = new Set(['tidak', 'bukan', 'belum', 'jangan', 'tak', 'tiada', 'tanpa', 'enggak', 'nggak', 'gak']);
/** Every spelling of "not" becomes `tidak`, so "gak benar" and "tidak benar" look the same to the matcher. */
const NEGATION_CANONICAL: Record<string, string> = { enggak: 'tidak', nggak: 'tidak', gak: 'tidak', ga: 'tidak', tak: 'tidak' };
/** Hand decisions that win over both lexicons (e.g. the MIT list rewrites "hoax" as "isu bohong"). */
const OVERRIDES: Record<string, string> = {
  hoax: 'hoaks', hoaxs: 'hoaks', hoak: 'hoaks', hoaxnya: 'hoaks',
  gak: 'tidak', ga: 'tidak', gk: 'tidak', nggak: 'tidak', enggak: 'tidak', ngga: 'tidak', engga: 'tidak', tdk: 'tidak',
  udh: 'sudah', udah: 'sudah', sdh: 'sudah', dah: 'sudah',
  bgt: 'banget', yg: 'yang', klo: 'kalau', kalo: 'kalau',
  wa: 'whatsapp', hp: 'handphone', tlp: 'telepon', telp: 'telepon',
  no: 'nomor', rek: 'rekening', norek: 'nomor rekening', sebarin: 'sebarkan', viralin: 'viralkan',
  // Bank and wallet names that the lexicons read as slang ("bca" → "baca").
  bca: 'bca', bri: 'bri', bni: 'bni', btn: 'btn', bsi: 'bsi', dana: 'dana', ovo: 'ovo',
};
/** Forms too ambiguous to rewrite at all ("g" is also grams: "500 g" must not become "500 tidak"). */
const DROP = ['g'];

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map((c) => c.trim().toLowerCase()));
}

function corpusWords(): Set<string> {
  const words = new Set<string>();
  for (const f of ['messages', 'news', 'tweets', 'hoax2024', 'sms']) {
    for (const line of readFileSync(path.join(shared, 'hoax', `${f}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text: string; split: string };
      if (row.split !== 'train') continue;
      for (const w of row.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) words.add(w);
    }
  }
  return words;
}

const canon = (formal: string): string => NEGATION_CANONICAL[formal] ?? formal;

function buildSlang(): Record<string, string> {
  const mit = new Map<string, string>();
  for (const [slang, formal] of readCsv(path.join(shared, 'slang/kamus-alay-mit.csv'))) {
    if (slang && formal && slang !== formal) mit.set(slang, canon(formal));
  }
  const colloquial = new Map<string, Set<string>>();
  for (const [slang, formal] of readCsv(path.join(shared, 'slang/colloquial-indonesian-lexicon.csv'))) {
    if (!slang || !formal || slang === formal) continue;
    const set = colloquial.get(slang) ?? new Set<string>();
    set.add(canon(formal));
    colloquial.set(slang, set);
  }
  const seen = corpusWords();
  const out = new Map<string, string>();
  for (const [slang, formal] of mit) out.set(slang, formal);
  for (const [slang, formals] of colloquial) {
    const mitFormal = mit.get(slang);
    const all = new Set(formals);
    if (mitFormal) all.add(mitFormal);
    const touchesNegation = [...all].some((f) => f.split(' ').some((w) => NEGATIONS.has(w) || w === 'tidak'));
    if (all.size > 1 && touchesNegation) {
      out.delete(slang); // e.g. "bkn" = bukan / bikin: never guess a negation
      continue;
    }
    if (mitFormal || formals.size !== 1 || !seen.has(slang)) continue;
    out.set(slang, [...formals][0] ?? slang);
  }
  for (const [slang, formal] of Object.entries(OVERRIDES)) out.set(slang, formal);
  for (const slang of DROP) out.delete(slang);
  // Resolve chains such as gk → gak → tidak so one lookup is enough at run time.
  for (const [slang] of out) {
    let value = out.get(slang) ?? slang;
    for (let i = 0; i < 3; i++) {
      const next = value
        .split(' ')
        .map((w) => (w !== slang && out.has(w) ? (out.get(w) ?? w) : w))
        .join(' ');
      if (next === value) break;
      value = next;
    }
    out.set(slang, value);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function buildStopwords(): string[] {
  const words = readFileSync(path.join(shared, 'stopwords/stopwords-id.txt'), 'utf8')
    .split(/\r?\n/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && !NEGATIONS.has(w));
  return [...new Set(words)].sort();
}

mkdirSync(outDir, { recursive: true });
const slang = buildSlang();
const stopwords = buildStopwords();
writeFileSync(path.join(outDir, 'slang.json'), JSON.stringify(slang) + '\n');
writeFileSync(path.join(outDir, 'stopwords.json'), JSON.stringify(stopwords) + '\n');
// Copy contents, not file modes: the shared tree is read-only.
const copyText = (from: string, to: string): void => writeFileSync(path.join(outDir, to), readFileSync(path.join(shared, from)));
copyText('slang/LICENSE-kamus-alay-mit', 'LICENSE-kamus-alay-mit');
copyText('stopwords/LICENSE', 'LICENSE-stopwords-id');
console.log(`slang.json: ${Object.keys(slang).length} entries; stopwords.json: ${stopwords.length} words`);
