import type { Repositories } from '../db/repositories/index.js';
import type { ClaimRow, VerdictRow } from '../db/schema/index.js';
import { canReviewClaim, type Actor } from '../domain/access.js';
import type { ClaimCatalog } from './claim-catalog.js';

export interface SimilarClaim {
  id: number;
  similarity: number;
  text: string;
  regionCode: string | null;
  reportCount: number;
  verdict: VerdictRow['verdict'] | null;
  verdictKind: VerdictRow['kind'] | null;
  /** Which way a one-tap merge goes: the claim that keeps the reports is the decided one, else the older one. */
  keep: 'other' | 'this';
}

/** Lower than MATCH_SUGGEST on purpose: a moderator decides, so showing a near miss costs one glance. */
const MIN_SIMILARITY = 0.35;

/**
 * Claims the matcher finds close to this one (the same index the analyze worker and `saring check`
 * use), that the caller may merge: open (not merged away) and in the caller's region.
 */
export function createSimilarClaims(deps: { repos: Pick<Repositories, 'claims'> }, parts: { catalog: ClaimCatalog }) {
  return {
    async of(claim: ClaimRow, hasVerdict: boolean, actor: Actor, limit = 5): Promise<SimilarClaim[]> {
      if (claim.mergedIntoId) return [];
      const hits = parts.catalog.index.query(claim.text, { limit: limit * 3, minSimilarity: MIN_SIMILARITY });
      const out: SimilarClaim[] = [];
      for (const hit of hits) {
        const id = Number(hit.id);
        if (id === claim.id || !Number.isSafeInteger(id)) continue;
        const other = await deps.repos.claims.findById(id);
        if (!other || other.mergedIntoId || !canReviewClaim(actor, other)) continue;
        const verdict = await deps.repos.claims.currentVerdict(id);
        const keep = verdict && !hasVerdict ? 'other' : hasVerdict && !verdict ? 'this' : other.id < claim.id ? 'other' : 'this';
        out.push({
          id,
          similarity: hit.similarity,
          text: other.text,
          regionCode: other.regionCode,
          reportCount: other.reportCount,
          verdict: verdict?.verdict ?? null,
          verdictKind: verdict?.kind ?? null,
          keep,
        });
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

export type SimilarClaims = ReturnType<typeof createSimilarClaims>;
