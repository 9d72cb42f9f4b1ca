/**
 * Same final address as a claim's link: strong evidence that a report is that claim (Cofacts' users asked for
 * it), turned into a match level with the text rules' caution. Pure, like src/nlp/match-decision.ts.
 */
import { MIN_AUTO_WORDS } from '../../nlp/match-decision.js';
import { linkFits, type LinkPreview } from './link-previewer.js';

/** Final pages many unrelated links end at (sign-in walls, blocked-link notices): no evidence of sameness. */
const GENERIC_PAGE = /(?:^|[/_.-])(?:login|signin|signup|auth|oauth|consent|captcha|checkpoint|blocked|warning|interstitial|error|404|notfound)(?:[/_.?=&-]|$)/i;

/**
 * Final addresses specific enough to say "the same page": a finished chain (a page or an error page, not a
 * refusal or a timeout) that ends at a path, not a bare host, and not at a generic wall.
 */
export function evidenceUrls(previews: readonly LinkPreview[]): string[] {
  const urls = previews
    .filter((p) => p.status === 'ok' || p.status === 'http_error')
    .map((p) => p.finalUrl)
    .filter((u) => linkFits(u) && /\/[^/]{2,}/.test(u) && !GENERIC_PAGE.test(u.slice(u.indexOf('/'))));
  return [...new Set(urls)];
}

export interface LinkCandidate {
  claimId: number;
  /** The claim's current verdict is official or a KIM moderator's published (agreed) one. */
  hasAgreedVerdict: boolean;
  official: boolean;
  /** Similarity of the report's analysed text to the claim (0 when not among the text candidates). */
  textSimilarity: number;
  /** One side negates or debunks where the other does not ("link ini hoaks: …"). */
  polarityConflict: boolean;
  /**
   * The link is what the claim is about (a bare forwarded link, or a claim of a few words around it), not a
   * source a longer text happens to cite: only then is the same address enough on its own.
   */
  linkCentric: boolean;
}

export interface LinkMatch {
  claimId: number;
  level: 'auto' | 'suggest';
  similarity: number;
}

/** A text of fewer content words than this around a link is "about the link" (the auto-match word floor). */
export const LINK_CENTRIC_WORDS = MIN_AUTO_WORDS;

/**
 * The level a same-final-URL match earns. Automatic only when the claim has an agreed verdict and is about
 * that link, the two texts do not disagree in polarity, and the resident wrote little of their own (a bare
 * link) or what they wrote agrees with the claim at the suggest threshold; anything else is a suggestion.
 */
export function linkMatchLevel(c: LinkCandidate, ownWords: number, suggestAt: number): 'auto' | 'suggest' {
  if (!c.hasAgreedVerdict || !c.linkCentric || c.polarityConflict) return 'suggest';
  if (ownWords >= MIN_AUTO_WORDS && c.textSimilarity < suggestAt) return 'suggest';
  return 'auto';
}

/** The best claim among those sharing a final address: automatic first, then official, then closer text, then oldest. */
export function bestLinkMatch(candidates: readonly LinkCandidate[], ownWords: number, suggestAt: number): LinkMatch | null {
  const ranked = candidates
    .map((c) => ({ c, level: linkMatchLevel(c, ownWords, suggestAt) }))
    .sort(
      (a, b) =>
        Number(b.level === 'auto') - Number(a.level === 'auto') ||
        Number(b.c.official) - Number(a.c.official) ||
        b.c.textSimilarity - a.c.textSimilarity ||
        a.c.claimId - b.c.claimId,
    );
  const best = ranked[0];
  return best ? { claimId: best.c.claimId, level: best.level, similarity: Math.round(best.c.textSimilarity * 1000) / 1000 } : null;
}
