import { analyzeText, type Nlp, type TextAnalysis } from '../nlp/index.js';
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
  let { hoaxScore, label } = analysis;
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
    if (match.level === 'auto' && match.verdict) {
      if (HOAX_LIKE.has(match.verdict)) {
        label = 'hoaks';
        hoaxScore = Math.max(hoaxScore, match.similarity);
      } else if (match.verdict === 'benar') {
        label = 'valid';
        hoaxScore = Math.min(hoaxScore, 1 - match.similarity);
      }
    }
  }
  return { hoaxScore: round3(hoaxScore), label, match, signals: analysis.signals, analysis };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
