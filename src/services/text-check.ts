import { analyzeText, type Nlp, type ScoreBand, type TextAnalysis } from '../nlp/index.js';
import type { VerdictCode } from '../domain/verdict.js';
import type { ClaimCatalog } from './claim-catalog.js';

export interface CheckMatch {
  claimId: string;
  externalId: string | null;
  similarity: number;
  level: 'auto' | 'suggest';
  verdict: VerdictCode | null;
}

export interface CheckResult {
  hoaxScore: number;
  label: 'hoaks' | 'valid';
  /** What moderators see instead of the bare score. */
  band: ScoreBand;
  match: CheckMatch | null;
  signals: string[];
  analysis: TextAnalysis;
}

const HOAX_LIKE: ReadonlySet<VerdictCode> = new Set(['hoaks', 'penipuan', 'menyesatkan']);

/**
 * One text against the known claims: the function both the analyze worker and `saring check` run.
 * A confident match to a claim with a verdict outweighs the scorer: a known hoax is a hoax, a
 * claim verified as true is not, whatever its wording looks like.
 */
export function checkText(nlp: Nlp, catalog: ClaimCatalog, text: string, thresholds: { auto: number; suggest: number }): CheckResult {
  const analysis = analyzeText(nlp, catalog.index, text, thresholds);
  let { hoaxScore, label, band } = analysis;
  let match: CheckMatch | null = null;
  if (analysis.match) {
    const meta = catalog.meta(analysis.match.id);
    match = {
      claimId: analysis.match.id,
      externalId: meta?.externalId ?? null,
      similarity: analysis.match.similarity,
      level: analysis.match.level,
      verdict: meta?.verdict ?? null,
    };
    ({ hoaxScore, label, band } = verdictWeighs(match, hoaxScore, label, band));
  }
  return { hoaxScore: round3(hoaxScore), label, band, match, signals: analysis.signals, analysis };
}

type Weighed = { hoaxScore: number; label: 'hoaks' | 'valid'; band: ScoreBand };

function verdictWeighs(match: CheckMatch, hoaxScore: number, label: 'hoaks' | 'valid', band: ScoreBand): Weighed {
  if (match.level !== 'auto' || !match.verdict) return { hoaxScore, label, band };
  if (HOAX_LIKE.has(match.verdict)) return { label: 'hoaks', hoaxScore: Math.max(hoaxScore, match.similarity), band: 'tinggi' };
  if (match.verdict === 'benar') return { label: 'valid', hoaxScore: Math.min(hoaxScore, 1 - match.similarity), band: 'rendah' };
  return { hoaxScore, label, band };
}

/**
 * A picture that is a copy of one with a verdict (src/media/picture-match.ts) counts as an auto match,
 * unless the text (caption + text read from the picture) already matched confidently.
 */
export function withPictureMatch(catalog: ClaimCatalog, result: CheckResult, picture: { claimId: number; similarity: number } | null): CheckResult {
  if (!picture || result.match?.level === 'auto') return result;
  const meta = catalog.meta(String(picture.claimId));
  const match: CheckMatch = {
    claimId: String(picture.claimId),
    externalId: meta?.externalId ?? null,
    similarity: picture.similarity,
    level: 'auto',
    verdict: meta?.verdict ?? null,
  };
  const weighed = verdictWeighs(match, result.hoaxScore, result.label, result.band);
  return { ...result, ...weighed, hoaxScore: round3(weighed.hoaxScore), match, signals: [...result.signals, 'gambar sama dengan yang sudah diperiksa'] };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * A report as the analyze worker checks it, and `saring check` with it: the caption and the text read from
 * its pictures are one text (a picture and its caption are one report), then a picture that is a copy of
 * a verified one counts as an auto match. Null when there is nothing at all to check.
 */
export function checkMessage(
  nlp: Nlp,
  catalog: ClaimCatalog,
  input: { text: string; ocrTexts: string[]; pictureMatch: { claimId: number; similarity: number } | null },
  thresholds: { auto: number; suggest: number },
): { check: CheckResult | null; text: string } {
  const text = [input.text, ...input.ocrTexts].filter((x) => x.trim()).join('\n');
  if (!text && !input.pictureMatch) return { check: null, text };
  return { check: withPictureMatch(catalog, checkText(nlp, catalog, text, thresholds), input.pictureMatch), text };
}
