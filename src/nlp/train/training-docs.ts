/**
 * The first stage of training (trainer.ts): the training documents and their folds. `train` split rows of the
 * hoax corpus, the fact-checker titles of messages rows, the `normal` and `promo` SMS, the generated everyday
 * messages (everyday.ts) and, on retrain, the local verdicts not held out for the check. Folds are fixed by id
 * hash, so the same inputs always give the same folds.
 */
import { hash32 } from '../fingerprint.js';
import { rawFeatures, type RawFeatures } from '../hoax-features.js';
import type { CorpusReader, CorpusRow } from './corpus.js';
import { everydayMessages } from './everyday.js';

export const SEED = 20240917;
export const FOLDS = 5;

export interface LocalExample {
  /** Stable id (e.g. `report-123`): decides the fold and whether it is held out for the check. */
  id: string;
  text: string;
  /** 1 hoaks-like verdict, 0 `benar`. */
  label: number;
}

/** Where the training documents come from (part of TrainOptions). */
export interface DocSources {
  /** The hoax corpus's rows (src/services/hoax-corpus.ts reads the folder; src/nlp does no file I/O). */
  corpus: CorpusReader;
  local?: LocalExample[];
  /** Leave out the SMS and everyday rows (to measure what they change). */
  withoutChat?: boolean;
  /** Keep only the first N train rows of each corpus file (tests). */
  maxRowsPerSource?: number;
}

export interface TrainDoc {
  id: string;
  kind: string;
  label: number;
  fold: number;
  features: RawFeatures;
}

/** Whether a local example is held out of training for the retrain check (about one in five, by id). */
export function isLocalHeldOut(id: string): boolean {
  return hash32(id, SEED) % 5 === 0;
}

export function trainingDocs(opts: DocSources): TrainDoc[] {
  const limit = (rows: CorpusRow[]): CorpusRow[] => (opts.maxRowsPerSource ? rows.slice(0, opts.maxRowsPerSource) : rows);
  const rows: CorpusRow[] = [];
  for (const name of ['messages', 'news', 'tweets', 'hoax2024'] as const) rows.push(...limit(opts.corpus(name).filter((r) => r.split === 'train')));
  const sms = opts.withoutChat ? [] : limit(opts.corpus('sms').filter((r) => r.split === 'train' && r.label !== 'penipuan'));
  const items: Array<{ id: string; kind: string; label: number; text: string; group: string }> = [
    ...rows.map((r) => ({ id: r.id, kind: r.source as string, label: r.label === 'hoaks' ? 1 : 0, text: r.text, group: `${r.source}|${r.label}` })),
    ...sms.map((r) => ({ id: r.id, kind: 'sms', label: 0, text: r.text, group: `sms|${r.label}` })),
    ...everydayMessages()
      .filter((m) => m.split === 'train' && !opts.withoutChat)
      .slice(0, opts.maxRowsPerSource ?? Infinity)
      .map((m) => ({ id: m.id, kind: 'everyday', label: 0, text: m.text, group: 'everyday' })),
    ...(opts.local ?? []).filter((l) => !isLocalHeldOut(l.id)).map((l) => ({ id: l.id, kind: 'local', label: l.label, text: l.text, group: `local|${l.label}` })),
  ];
  // Stratified folds: within each (source, label) group, rows ordered by a hash of their id. Everyday messages
  // are folded by template, so out-of-fold values measure wording the model has not seen (as the held-out does).
  const fold = new Map<string, number>();
  const groups = new Map<string, string[]>();
  for (const it of items) groups.set(it.group, [...(groups.get(it.group) ?? []), it.id]);
  for (const [g, ids] of groups) {
    if (g === 'everyday') {
      for (const id of ids) fold.set(id, hash32(id.replace(/-\d+$/u, ''), SEED) % FOLDS);
      continue;
    }
    ids.sort((a, b) => hash32(a, SEED) - hash32(b, SEED) || (a < b ? -1 : 1));
    ids.forEach((id, j) => fold.set(id, j % FOLDS));
  }
  const docs: TrainDoc[] = items.map((it) => ({ id: it.id, kind: it.kind, label: it.label, fold: fold.get(it.id) as number, features: rawFeatures(it.text) }));
  for (const r of rows) {
    const title = r.title?.trim();
    if (r.source !== 'messages' || !title || title.toLowerCase() === r.text.trim().toLowerCase()) continue;
    docs.push({ id: r.id, kind: 'title', label: r.label === 'hoaks' ? 1 : 0, fold: fold.get(r.id) as number, features: rawFeatures(title) });
  }
  return docs;
}

/** Positions of the documents whose kind passes. */
export const indicesOf = (docs: TrainDoc[], kinds: (k: string) => boolean): number[] => docs.map((d, i) => (kinds(d.kind) ? i : -1)).filter((i) => i >= 0);
