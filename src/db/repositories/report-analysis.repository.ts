/**
 * The analysis pipeline's statements on reports (prepare.service and analyze.service, behind their workers): normalised texts, bursts of parts
 * sent one after another and their merging, the batch's row locks and results. createReportsRepository spreads
 * these into `repos.reports`, so callers reach them there.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { reports, type ReportRow } from '../schema/index.js';

/** What analysis concluded about one report (see markAnalyzedMany). */
export interface AnalyzedReport {
  id: number;
  claimId: number | null;
  normalizedText: string | null;
  matchLevel: string;
  similarity: number | null;
}

export function createReportAnalysisRepository(db: DbOrTx) {
  return {
    async setBasicText(id: number, basicText: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(reports).set({ basicText }).where(eq(reports.id, id));
    },

    /** A batch's normalised texts in one statement. */
    async setBasicTextMany(rows: Array<{ id: number; basicText: string }>, tx: DbOrTx = db): Promise<void> {
      if (rows.length === 0) return;
      await tx.execute(sql`
        update reports r set basic_text = x.basic_text
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, basic_text: r.basicText })))}::jsonb) as x(id int, basic_text text)
        where r.id = x.id`);
    },

    /**
     * Which of these reports have an earlier one of the same resident and chat within `windowMs` (the
     * candidates `previousInBurst` may find something for), in one statement for a whole batch.
     */
    async withEarlierInBurst(batch: ReportRow[], windowMs: number, tx: DbOrTx = db): Promise<Set<number>> {
      if (batch.length === 0) return new Set();
      const rows = await tx.execute<{ id: number }>(sql`
        select b.id from reports b
        where b.id in (select jsonb_array_elements_text(${JSON.stringify(batch.map((r) => r.id))}::jsonb)::int)
          and exists (
            select 1 from reports p
            where p.chat_id = b.chat_id and p.resident_id = b.resident_id and p.id < b.id
              and p.received_at >= b.received_at - make_interval(secs => ${windowMs / 1000})
              and p.status <> 'deleted' and coalesce(p.match_level, '') <> 'merged')`);
      return new Set([...rows].map((r) => Number(r.id)));
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

    /**
     * Row locks for a batch's analysis transaction, taken in id order: two batches that share reports (a job
     * delivered twice) wait for each other instead of deadlocking, and the second sees them analysed.
     */
    async lockMany(ids: number[], tx: DbOrTx): Promise<ReportRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(reports).where(inArray(reports.id, ids)).orderBy(asc(reports.id)).for('update');
    },

    /** A batch's results in one statement; parts merged into a report follow it into its claim. */
    async markAnalyzedMany(rows: AnalyzedReport[], tx: DbOrTx = db): Promise<void> {
      if (rows.length === 0) return;
      await tx.execute(sql`
        update reports r set
          claim_id = x.claim_id,
          normalized_text = case when r.id = x.id then x.normalized_text else r.normalized_text end,
          match_level = case when r.id = x.id then x.match_level else r.match_level end,
          similarity = case when r.id = x.id then x.similarity else r.similarity end,
          status = case when r.id = x.id then 'analyzed'::report_status else r.status end,
          analyzed_at = case when r.id = x.id then now() else r.analyzed_at end
        from jsonb_to_recordset(${JSON.stringify(rows.map((a) => ({ id: a.id, claim_id: a.claimId, normalized_text: a.normalizedText, match_level: a.matchLevel, similarity: a.similarity })))}::jsonb)
          as x(id int, claim_id int, normalized_text text, match_level text, similarity float8)
        where r.id = x.id or r.merged_into_id = x.id`);
    },
  };
}
