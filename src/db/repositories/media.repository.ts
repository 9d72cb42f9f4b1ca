import { and, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claimMedia, mediaObjects, reportMedia, reports, type MediaObjectRow, type ReportMediaRow } from '../schema/index.js';

export interface NewReportMedia {
  reportId: number;
  kind: string;
  mediaId?: number | null;
  sourceRef?: string | null;
  mime?: string | null;
  declaredBytes?: number | null;
  status: string;
}

export interface PictureReadingRow {
  width: number;
  height: number;
  mime: string;
  phash: bigint;
  ocrText: string;
  ocrConfidence: number;
  ocrWords: number;
}

/** Match levels whose report's picture stands for its claim: the claim's own, copies, and what moderators confirmed. */
const VOUCHED_LEVELS = ['new', 'exact', 'auto', 'confirmed', 'merged'];

export function createMediaRepository(db: DbOrTx) {
  return {
    async attach(input: NewReportMedia, tx: DbOrTx = db): Promise<void> {
      await tx.insert(reportMedia).values(input).onConflictDoNothing({ target: reportMedia.reportId });
    },

    /** The content row for these bytes, created on first sight. */
    async upsertObject(input: { sha256: string; kind: string; mime: string | null; sizeBytes: number }, tx: DbOrTx = db): Promise<MediaObjectRow> {
      const [created] = await tx.insert(mediaObjects).values(input).onConflictDoNothing({ target: mediaObjects.sha256 }).returning();
      if (created) return created;
      const [row] = await tx.select().from(mediaObjects).where(eq(mediaObjects.sha256, input.sha256));
      return row!;
    },

    async saveReading(mediaId: number, r: PictureReadingRow, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(mediaObjects)
        .set({ ...r, phash: BigInt.asIntN(64, r.phash), readAt: sql`now()` })
        .where(eq(mediaObjects.id, mediaId));
    },

    async setStatus(id: number, status: string, mediaId?: number, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(reportMedia)
        .set({ status, ...(mediaId !== undefined ? { mediaId } : {}) })
        .where(eq(reportMedia.id, id));
    },

    /** The files of a report and of the fragments merged into it (a caption sent after its photo). */
    async ofReport(reportId: number, tx: DbOrTx = db): Promise<Array<ReportMediaRow & { object: MediaObjectRow | null }>> {
      const rows = await tx
        .select({ link: reportMedia, object: mediaObjects })
        .from(reportMedia)
        .innerJoin(reports, eq(reports.id, reportMedia.reportId))
        .leftJoin(mediaObjects, eq(mediaObjects.id, reportMedia.mediaId))
        .where(or(eq(reports.id, reportId), eq(reports.mergedIntoId, reportId)))
        .orderBy(reportMedia.id);
      return rows.map((r) => ({ ...r.link, object: r.object }));
    },

    async findObject(id: number, tx: DbOrTx = db): Promise<MediaObjectRow | undefined> {
      const [row] = await tx.select().from(mediaObjects).where(eq(mediaObjects.id, id));
      return row;
    },

    /**
     * Pictures of claims with a verdict in force whose hash lies within `maxDistance` bits: those imported
     * with the claim and those of its own reports (not mere suggestions, which no one has checked).
     */
    async knownPictures(phash: bigint, maxDistance: number, tx: DbOrTx = db): Promise<Array<{ claimId: number; phash: bigint; ocrText: string | null }>> {
      const rows = await tx.execute<{ claim_id: number; phash: string; ocr_text: string | null }>(sql`
        with links as (
          select cm.claim_id, cm.media_id from claim_media cm
          union
          select r.claim_id, rm.media_id from report_media rm join reports r on r.id = rm.report_id
          where rm.media_id is not null and r.claim_id is not null and r.status <> 'deleted'
            and r.match_level in (${sql.join(VOUCHED_LEVELS.map((l) => sql`${l}`), sql`, `)})
        )
        select l.claim_id, m.phash::text as phash, m.ocr_text
        from links l
        join media_objects m on m.id = l.media_id
        join verdicts v on v.claim_id = l.claim_id and v.current
        where m.phash is not null and bit_count((m.phash # ${BigInt.asIntN(64, phash).toString()}::bigint)::bit(64)) <= ${maxDistance}
        limit 200`);
      return [...rows].map((r) => ({ claimId: Number(r.claim_id), phash: BigInt(r.phash), ocrText: r.ocr_text }));
    },

    /** Pictures (and other files) moderators of a claim may see: its reports' and those imported with it. */
    async ofClaim(claimId: number, tx: DbOrTx = db): Promise<MediaObjectRow[]> {
      const viaReports = tx
        .select({ id: reportMedia.mediaId })
        .from(reportMedia)
        .innerJoin(reports, eq(reports.id, reportMedia.reportId))
        .where(and(eq(reports.claimId, claimId), isNotNull(reportMedia.mediaId), sql`${reports.status} <> 'deleted'`));
      const viaClaim = tx.select({ id: claimMedia.mediaId }).from(claimMedia).where(eq(claimMedia.claimId, claimId));
      const ids = [...(await viaReports), ...(await viaClaim)].map((r) => r.id).filter((id): id is number => id !== null);
      if (ids.length === 0) return [];
      return tx.select().from(mediaObjects).where(inArray(mediaObjects.id, [...new Set(ids)])).orderBy(mediaObjects.id);
    },

    async linkClaim(claimId: number, mediaId: number, source: 'import' | 'verdict', tx: DbOrTx = db): Promise<void> {
      await tx.insert(claimMedia).values({ claimId, mediaId, source }).onConflictDoNothing();
    },

    /**
     * Forget which files these reports carried; content no report or claim still uses is deleted too.
     * Returns the SHA-256 of the deleted content, whose bytes the caller removes from the store.
     */
    async unlinkReports(reportIds: number[], tx: DbOrTx = db): Promise<string[]> {
      if (reportIds.length === 0) return [];
      const gone = await tx.delete(reportMedia).where(inArray(reportMedia.reportId, reportIds)).returning({ mediaId: reportMedia.mediaId });
      const candidates = [...new Set(gone.map((g) => g.mediaId).filter((id): id is number => id !== null))];
      if (candidates.length === 0) return [];
      const deleted = await tx
        .delete(mediaObjects)
        .where(
          and(
            inArray(mediaObjects.id, candidates),
            sql`not exists (select 1 from report_media rm where rm.media_id = ${mediaObjects.id})`,
            sql`not exists (select 1 from claim_media cm where cm.media_id = ${mediaObjects.id})`,
          ),
        )
        .returning({ sha256: mediaObjects.sha256 });
      // A picture the bot already sent to moderators keeps its ledger row; the row stops pointing at it.
      return deleted.map((d) => d.sha256);
    },

    /** A page of content rows in id order, for walking all of them without holding them all (`saring move-media`). */
    async objectsAfter(afterId: number, limit: number, tx: DbOrTx = db): Promise<Array<{ id: number; sha256: string; mime: string | null }>> {
      return tx
        .select({ id: mediaObjects.id, sha256: mediaObjects.sha256, mime: mediaObjects.mime })
        .from(mediaObjects)
        .where(gt(mediaObjects.id, afterId))
        .orderBy(mediaObjects.id)
        .limit(limit);
    },

    async objectExists(sha256: string, tx: DbOrTx = db): Promise<boolean> {
      // KEY SHARE waits for an erasure that has deleted the row but not yet committed (it removes the bucket copy
      // before committing): read without it, the row still looked named and a copy put meanwhile would stay.
      const [row] = await tx.select({ id: mediaObjects.id }).from(mediaObjects).where(eq(mediaObjects.sha256, sha256)).limit(1).for('key share');
      return row !== undefined;
    },

  };
}

export type MediaRepository = ReturnType<typeof createMediaRepository>;
