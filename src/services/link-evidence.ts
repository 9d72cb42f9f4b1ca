import type { DbOrTx } from '../db/client.js';
import { findUrls } from '../nlp/extract.js';
import type { Nlp } from '../nlp/index.js';
import { bestLinkMatch, evidenceUrls, LINK_CENTRIC_WORDS, type LinkCandidate, type LinkMatch } from '../media/links/link-match.js';
import type { LinkPreview, LinkPreviewer } from '../media/links/link-previewer.js';
import { textWithLinks } from '../media/links/link-text.js';
import type { ClaimCatalog } from './claim-catalog.js';
import type { ServiceDeps } from './deps.js';
import { checkText, type CheckResult } from './text-check.js';

export interface ReportLinks {
  previews: LinkPreview[];
  /** The resident's text followed by what the links showed: what is matched and scored. */
  analysedText: string;
}

/**
 * A report's links in the analyze step: followed before the report's transaction (network I/O never holds a
 * row lock), read into the analysed text, and — inside the transaction — their final addresses compared with
 * the addresses other claims' links ended at. Built only when link previews are on (LINK_FETCH_ENABLED); when
 * every fetch fails, the report goes on with its own text.
 */
export function createLinkEvidence(
  deps: Pick<ServiceDeps, 'config' | 'repos' | 'logger'>,
  parts: { previewer: LinkPreviewer; catalog: ClaimCatalog; nlp: Nlp },
) {
  const MERGE_HOPS = 5;

  async function candidateOf(claimId: number, linkCentric: boolean, check: CheckResult | null, tx: DbOrTx): Promise<LinkCandidate | null> {
    let claim = await deps.repos.claims.findById(claimId, tx);
    for (let hops = 0; claim?.mergedIntoId && hops < MERGE_HOPS; hops++) claim = await deps.repos.claims.findById(claim.mergedIntoId, tx);
    if (!claim) return null;
    const verdict = await deps.repos.claims.currentVerdict(claim.id, tx);
    const text = check?.analysis.candidates.find((c) => c.id === String(claim.id));
    return {
      claimId: claim.id,
      hasAgreedVerdict: verdict !== undefined,
      official: verdict?.kind === 'official',
      textSimilarity: text?.textSimilarity ?? 0,
      polarityConflict: text?.polarityConflict ?? false,
      linkCentric,
    };
  }

  const rank = (m: CheckResult['match']) => (m ? (m.level === 'auto' ? 2 : 1) + m.similarity / 10 : 0);

  return {
    /**
     * The report's check on its analysed text. Added titles make a text longer, which can lower a reworded
     * copy's similarity: when the resident's own words alone match better, that match stands (the rest of the
     * check — score, scam signs — still reads what the links showed).
     */
    check(ownText: string, links: ReportLinks): CheckResult {
      const withLinks = checkText(parts.nlp, parts.catalog, links.analysedText, deps.config.match);
      if (links.analysedText === ownText || !ownText) return withLinks;
      const own = checkText(parts.nlp, parts.catalog, ownText, deps.config.match);
      // The label and score follow the match that stands (a known hoax is a hoax).
      return rank(own.match) > rank(withLinks.match) ? { ...withLinks, match: own.match, label: own.label, hoaxScore: own.hoaxScore, band: own.band } : withLinks;
    },

    /** Follow the links of a report's text. Never throws. */
    async gather(rawText: string | null): Promise<ReportLinks> {
      const own = rawText ?? '';
      const urls = findUrls(own);
      if (urls.length === 0) return { previews: [], analysedText: own };
      try {
        const previews = await parts.previewer.preview(urls);
        return { previews, analysedText: textWithLinks(own, previews) };
      } catch (err) {
        deps.logger.warn({ err: String(err) }, 'link previews failed; the report goes on with its text');
        return { previews: [], analysedText: own };
      }
    },

    /** The claim whose links ended at the same final address, with the level that evidence earns. */
    async match(links: ReportLinks, ownText: string, check: CheckResult | null, tx: DbOrTx): Promise<LinkMatch | null> {
      const finals = evidenceUrls(links.previews);
      if (finals.length === 0) return null;
      // claim id → whether the link is what that claim is about. Recorded links always are (see record()).
      const ids = new Map<number, boolean>();
      for (const id of await deps.repos.links.claimsWithFinalUrls(finals, tx)) ids.set(id, true);
      // Claims whose own text carries the address (an imported scam link, a report that pasted the long form).
      for (const u of finals) {
        for (const c of parts.catalog.index.claimsWithUrl(u)) ids.set(Number(c.id), (ids.get(Number(c.id)) ?? false) || c.wordCount < LINK_CENTRIC_WORDS);
      }
      const candidates: LinkCandidate[] = [];
      for (const [id, linkCentric] of ids) {
        const c = await candidateOf(id, linkCentric, check, tx);
        const same = c && candidates.find((x) => x.claimId === c.claimId);
        if (same && c) same.linkCentric ||= c.linkCentric;
        else if (c) candidates.push(c);
      }
      return bestLinkMatch(candidates, parts.nlp.normalize(ownText).wordCount, deps.config.match.suggest);
    },

    /**
     * The claim a report confidently joined (or started) now also stands for where its links ended — when the
     * link is the message (a bare link, a few words around it), not a source cited by a longer text: a hoax
     * quoting a real news page must not make that page "the hoax" for everyone who shares it.
     */
    async record(claimId: number, links: ReportLinks, ownText: string, tx: DbOrTx): Promise<void> {
      if (parts.nlp.normalize(ownText).wordCount >= LINK_CENTRIC_WORDS) return;
      await deps.repos.links.linkClaim(claimId, evidenceUrls(links.previews), tx);
    },
  };
}

export type LinkEvidence = ReturnType<typeof createLinkEvidence>;
