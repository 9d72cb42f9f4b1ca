import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { reports, type ReportRow } from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';

export interface NewReport {
  dedupeKey: string;
  platform: Platform;
  residentId: number;
  chatId: number;
  platformMessageId: string;
  rawText: string;
  basicText?: string | null;
  mediaKind?: string | null;
  mediaFingerprint?: string | null;
  forwarded: boolean;
  truncated?: boolean;
  receivedAt: Date;
}

export function createReportsRepository(db: DbOrTx) {
  return {
    /** Insert once per platform message: a redelivered update returns the row stored the first time. */
    async insertOnce(input: NewReport, tx: DbOrTx = db): Promise<{ report: ReportRow; created: boolean }> {
      const [created] = await tx.insert(reports).values(input).onConflictDoNothing({ target: reports.dedupeKey }).returning();
      if (created) return { report: created, created: true };
      const [existing] = await tx.select().from(reports).where(eq(reports.dedupeKey, input.dedupeKey));
      return { report: existing!, created: false };
    },

    async findById(id: number, tx: DbOrTx = db): Promise<ReportRow | undefined> {
      const [row] = await tx.select().from(reports).where(eq(reports.id, id));
      return row;
    },

    async setBasicText(id: number, basicText: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ basicText }).where(eq(reports.id, id));
    },

    /**
     * The resident's previous report in the same chat within `windowMs` before this one: photo, caption and
     * link sent as separate messages belong together.
     */
    async previousInBurst(report: ReportRow, windowMs: number, tx: DbOrTx = db): Promise<ReportRow | undefined> {
      const [row] = await tx
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.chatId, report.chatId),
            eq(reports.residentId, report.residentId),
            lt(reports.id, report.id),
            sql`${reports.receivedAt} >= ${new Date(report.receivedAt.getTime() - windowMs).toISOString()}::timestamptz`,
            sql`${reports.status} <> 'deleted'`,
            sql`coalesce(${reports.matchLevel}, '') <> 'merged'`,
          ),
        )
        .orderBy(desc(reports.id))
        .limit(1);
      return row;
    },

    /**
     * Texts moderators confirmed as other wordings of a claim (a ✓ on a suggestion): the matcher's aliases.
     * All claims when `claimIds` is null (start-up). Merged parts are left out: their text is in the report they joined.
     */
    async confirmedTexts(claimIds: number[] | null, tx: DbOrTx = db): Promise<Array<{ id: number; claimId: number; rawText: string }>> {
      if (claimIds && claimIds.length === 0) return [];
      const rows = await tx
        .select({ id: reports.id, claimId: reports.claimId, rawText: reports.rawText })
        .from(reports)
        .where(
          and(
            eq(reports.matchLevel, 'confirmed'),
            sql`${reports.status} <> 'deleted'`,
            sql`${reports.rawText} is not null and ${reports.rawText} <> ''`,
            claimIds ? inArray(reports.claimId, claimIds) : sql`${reports.claimId} is not null`,
          ),
        )
        .orderBy(asc(reports.id));
      return rows.flatMap((r) => (r.claimId !== null && r.rawText ? [{ id: r.id, claimId: r.claimId, rawText: r.rawText }] : []));
    },

    /** Whether this resident reported something in this chat since `since` (what a "makasih" or "benarkah?" refers to). */
    async reportedSince(chatId: number, residentId: number, since: Date, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(
          and(
            eq(reports.chatId, chatId),
            eq(reports.residentId, residentId),
            sql`${reports.receivedAt} >= ${since.toISOString()}::timestamptz`,
            sql`${reports.status} <> 'deleted'`,
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** Fold a later part into the report it completes; the part keeps its row (and the claim) but gets no ticket. */
    async mergeInto(part: ReportRow, into: ReportRow, combined: { rawText: string; basicText: string } | null, tx: DbOrTx = db): Promise<void> {
      if (combined) {
        await tx
          .update(reports)
          .set({ ...combined, mediaKind: into.mediaKind ?? part.mediaKind, mediaFingerprint: into.mediaFingerprint ?? part.mediaFingerprint })
          .where(eq(reports.id, into.id));
      }
      await tx
        .update(reports)
        .set({ status: 'analyzed', matchLevel: 'merged', mergedIntoId: into.id, claimId: into.claimId, analyzedAt: sql`now()` })
        .where(eq(reports.id, part.id));
    },

    /** Row lock for the analysis transaction: two deliveries of one job never both count a report. */
    async lockById(id: number, tx: DbOrTx): Promise<ReportRow | undefined> {
      const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
      return row;
    },

    /** Fragments merged while their report waited follow it into its claim. */
    /** The reports the matcher only suggested for a claim, oldest first (what the moderators' card lists). */
    async suggestedFor(claimId: number, limit: number, tx: DbOrTx = db): Promise<Array<Pick<ReportRow, 'id' | 'rawText' | 'mediaKind'>>> {
      return tx
        .select({ id: reports.id, rawText: reports.rawText, mediaKind: reports.mediaKind })
        .from(reports)
        .where(and(eq(reports.claimId, claimId), eq(reports.matchLevel, 'suggest'), sql`${reports.status} <> 'deleted'`))
        .orderBy(asc(reports.id))
        .limit(limit);
    },

    /** Publishing a verdict with the suggestions in view counts as confirming them (their reporters are answered). */
    async confirmSuggestions(claimId: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ matchLevel: 'confirmed' }).where(and(eq(reports.claimId, claimId), eq(reports.matchLevel, 'suggest')));
    },

    async setMatchLevel(id: number, matchLevel: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ matchLevel }).where(eq(reports.id, id));
    },

    /** The report, and the parts merged into it, now belong to another claim. */
    async moveToClaim(id: number, claimId: number, matchLevel: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ claimId, matchLevel, similarity: null }).where(eq(reports.id, id));
      await tx.update(reports).set({ claimId }).where(eq(reports.mergedIntoId, id));
    },

    async attachMergedParts(reportId: number, claimId: number | null, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ claimId }).where(eq(reports.mergedIntoId, reportId));
    },

    async markAnalyzed(
      id: number,
      input: { claimId: number | null; normalizedText: string | null; matchLevel: string; similarity: number | null },
      tx: DbOrTx = db,
    ): Promise<void> {
      await tx
        .update(reports)
        .set({ ...input, status: 'analyzed', analyzedAt: sql`now()` })
        .where(eq(reports.id, id));
    },

    /** Reports stored but not yet analysed, oldest first: the reconciler re-enqueues these. */
    async listUnanalyzed(olderThan: Date, limit = 1000, tx: DbOrTx = db): Promise<ReportRow[]> {
      return tx
        .select()
        .from(reports)
        .where(and(eq(reports.status, 'received'), lt(reports.receivedAt, olderThan)))
        .orderBy(asc(reports.id))
        .limit(limit);
    },

    async listByClaim(claimId: number, tx: DbOrTx = db): Promise<ReportRow[]> {
      return tx
        .select()
        .from(reports)
        .where(and(eq(reports.claimId, claimId), sql`${reports.status} <> 'deleted'`))
        .orderBy(asc(reports.id));
    },

    async countByClaim(claimId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(reports).where(eq(reports.claimId, claimId));
      return row?.n ?? 0;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
