import { and, asc, eq, lt, sql } from 'drizzle-orm';
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

    /** Row lock for the analysis transaction: two deliveries of one job never both count a report. */
    async lockById(id: number, tx: DbOrTx): Promise<ReportRow | undefined> {
      const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
      return row;
    },

    async markAnalyzed(
      id: number,
      input: { claimId: number; normalizedText: string | null; matchLevel: string; similarity: number | null },
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

    async countByClaim(claimId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(reports).where(eq(reports.claimId, claimId));
      return row?.n ?? 0;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
