import type { Repositories } from '../db/repositories/index.js';
import type { VerdictCode } from '../domain/verdict.js';

/** DESIGN.md's table: ClaimReview rating per verdict; `di_luar_cakupan` is not a checkable claim and is not exported. */
export const CLAIMREVIEW_RATING: Record<Exclude<VerdictCode, 'di_luar_cakupan'>, { ratingValue: number; alternateName: string }> = {
  hoaks: { ratingValue: 1, alternateName: 'Hoaks' },
  penipuan: { ratingValue: 1, alternateName: 'Penipuan' },
  menyesatkan: { ratingValue: 2, alternateName: 'Menyesatkan' },
  belum_terbukti: { ratingValue: 3, alternateName: 'Belum terbukti' },
  benar: { ratingValue: 5, alternateName: 'Benar' },
};

export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  inLanguage: 'id';
  author: { '@type': 'Organization'; name: 'Diskominfo' | 'KIM' };
  reviewRating: { '@type': 'Rating'; ratingValue: number; bestRating: 5; worstRating: 1; alternateName: string };
}

export interface PublicClaim {
  id: number;
  text: string;
  verdict: VerdictCode;
  kind: 'community' | 'official';
  clarification: string;
  sources: string[];
  publishedAt: Date;
}

export const publicClaimPath = (id: number) => `/klarifikasi/${id}`;

/**
 * What Saring publishes to the open web: claims with a verdict in force and the summary a moderator approved
 * with it (never a report's text; no summary, not published), as schema.org ClaimReview
 * (fact-check aggregators and search engines read this), each pointing at the claim's /klarifikasi page.
 */
export function createClaimReviewService(deps: { repos: Pick<Repositories, 'claimsQuery'> }) {
  const query = deps.repos.claimsQuery;

  return {
    async feed(baseUrl: string, limit = 5000): Promise<ClaimReview[]> {
      const rows = await query.published(limit);
      return rows.map((r) => toClaimReview(r, baseUrl));
    },
  };
}

export function toClaimReview(c: PublicClaim, baseUrl: string): ClaimReview {
  const rating = CLAIMREVIEW_RATING[c.verdict as Exclude<VerdictCode, 'di_luar_cakupan'>];
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${baseUrl.replace(/\/+$/, '')}${publicClaimPath(c.id)}`,
    claimReviewed: c.text.replace(/\s+/g, ' ').trim(),
    datePublished: c.publishedAt.toISOString(),
    inLanguage: 'id',
    author: { '@type': 'Organization', name: c.kind === 'official' ? 'Diskominfo' : 'KIM' },
    reviewRating: { '@type': 'Rating', ratingValue: rating.ratingValue, bestRating: 5, worstRating: 1, alternateName: rating.alternateName },
  };
}

export type ClaimReviewService = ReturnType<typeof createClaimReviewService>;
