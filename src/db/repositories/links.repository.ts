import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claimLinks, linkPreviews } from '../schema/index.js';
import type { LinkCache, LinkPreview } from '../../media/links/link-previewer.js';
import type { LinkStatus } from '../../media/links/link-resolver.js';

/** The link-preview cache and the claim ↔ final-address evidence. */
export function createLinksRepository(db: DbOrTx) {
  const cache: LinkCache = {
    async find(url) {
      const [row] = await db.select().from(linkPreviews).where(eq(linkPreviews.url, url));
      if (!row) return undefined;
      return { ...row, status: row.status as LinkStatus } satisfies LinkPreview;
    },
    async save(p) {
      const values = { url: p.url, finalUrl: p.finalUrl, status: p.status, title: p.title, description: p.description, hops: p.hops, fetchedAt: p.fetchedAt };
      await db.insert(linkPreviews).values(values).onConflictDoUpdate({ target: linkPreviews.url, set: values });
    },
  };
  return {
    cache,
    /** Claims whose reports' links ended at one of these addresses. */
    async claimsWithFinalUrls(finalUrls: string[], tx: DbOrTx = db): Promise<number[]> {
      if (finalUrls.length === 0) return [];
      const rows = await tx.selectDistinct({ claimId: claimLinks.claimId }).from(claimLinks).where(inArray(claimLinks.finalUrl, finalUrls));
      return rows.map((r) => r.claimId);
    },
    async linkClaim(claimId: number, finalUrls: string[], tx: DbOrTx = db): Promise<void> {
      if (finalUrls.length === 0) return;
      await tx
        .insert(claimLinks)
        .values(finalUrls.map((finalUrl) => ({ claimId, finalUrl })))
        .onConflictDoNothing();
    },
  };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
