import { and, asc, eq, inArray, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { auditEvents, broadcasts, claims, outboundMessages, reports, verdictDrafts, type ClaimRow, type OutboundRow, type ReportRow } from '../schema/index.js';

/** What may hold a copy of an erased text in another shape: its personal data (digits-only numbers, e-mails) and its opening words. */
export interface TextTraces {
  digits: string[];
  words: string[];
}

/** Digits-only numbers are compared against the digits of a column, so `0812-3456 7890` and `081234567890` both match. */
function tracesMatch(column: SQL, traces: TextTraces): SQL {
  const parts: SQL[] = [sql`false`];
  for (const d of traces.digits) parts.push(sql`regexp_replace(${column}, '[^0-9]', '', 'g') like ${`%${d}%`}`);
  for (const w of traces.words) parts.push(sql`strpos(lower(${column}), ${w.toLowerCase()}) > 0`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Queries behind erasure (`/hapus`) and the retention purge: every place a report's text can have reached. */
export function createErasureRepository(db: DbOrTx) {
  return {
    /** The report and the fragments folded into it, locked: their texts go together. */
    async lockWithParts(reportId: number, tx: DbOrTx): Promise<ReportRow[]> {
      return tx
        .select()
        .from(reports)
        .where(or(eq(reports.id, reportId), eq(reports.mergedIntoId, reportId)))
        .orderBy(asc(reports.id))
        .for('update');
    },

    /** Texts of these reports go; `deleted` also tombstones them (erasure) instead of keeping them for counts (purge). */
    async clearTexts(ids: number[], deleted: boolean, tx: DbOrTx): Promise<void> {
      await tx
        .update(reports)
        .set({ rawText: null, basicText: null, normalizedText: null, ...(deleted ? { status: 'deleted' as const, mediaFingerprint: null } : {}) })
        .where(inArray(reports.id, ids));
    },

    /** Claims whose text came from one of these reports (older claims, without a recorded source: the same text). */
    async claimsTextFrom(parts: ReportRow[], tx: DbOrTx): Promise<ClaimRow[]> {
      const ids = parts.map((p) => p.id);
      const texts = parts.map((p) => p.rawText).filter((t): t is string => Boolean(t));
      const legacy = texts.length ? and(isNull(claims.sourceReportId), inArray(claims.text, texts)) : undefined;
      return tx
        .select()
        .from(claims)
        .where(or(inArray(claims.sourceReportId, ids), legacy))
        .for('update');
    },

    /** The claim's next report that still has a text, confirmed ones before mere suggestions. */
    async nextTextOf(claimId: number, except: number[], tx: DbOrTx): Promise<ReportRow | undefined> {
      const [row] = await tx
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.claimId, claimId),
            ne(reports.status, 'deleted'),
            sql`${reports.rawText} is not null and ${reports.rawText} <> ''`,
            sql`coalesce(${reports.matchLevel}, '') <> 'merged'`,
            notInArray(reports.id, except),
          ),
        )
        .orderBy(sql`(${reports.matchLevel} = 'suggest')`, asc(reports.id))
        .limit(1);
      return row;
    },

    async replaceClaimText(
      claimId: number,
      set: { text: string; basicText: string; normalizedText: string | null; sourceReportId: number | null },
      tx: DbOrTx,
    ): Promise<void> {
      // updated_at moves so every worker's matching index re-reads the claim.
      await tx.update(claims).set({ ...set, updatedAt: sql`clock_timestamp()` }).where(eq(claims.id, claimId));
    },

    /**
     * Ledger rows that carried the text: the reports' own messages, the claims' cards, spike alerts, broadcasts
     * and verdict previews, the late questions about these reports, and any row holding the traces.
     */
    async ledgerRowsQuoting(q: { reportIds: number[]; claimIds: number[]; traces: TextTraces }, tx: DbOrTx): Promise<OutboundRow[]> {
      const linked: SQL[] = [inArray(outboundMessages.reportId, q.reportIds), tracesMatch(sql`${outboundMessages.body}`, q.traces)];
      for (const r of q.reportIds) linked.push(sql`${outboundMessages.idempotencyKey} like ${`suggest-c%-r${r}-m%`}`);
      for (const c of q.claimIds) {
        linked.push(sql`${outboundMessages.idempotencyKey} like ${`card-c${c}-m%`}`, eq(outboundMessages.idempotencyKey, `spike-c${c}`));
      }
      if (q.claimIds.length) {
        linked.push(
          inArray(outboundMessages.broadcastId, tx.select({ id: broadcasts.id }).from(broadcasts).where(inArray(broadcasts.claimId, q.claimIds))),
          sql`exists (select 1 from ${verdictDrafts} d where d.claim_id in (${sql.join(q.claimIds.map((c) => sql`${c}`), sql`, `)})
                and ${outboundMessages.idempotencyKey} like 'draft-' || d.id || '-%')`,
        );
      }
      return tx.select().from(outboundMessages).where(or(...linked)).for('update');
    },

    async draftIdsOf(claimIds: number[], tx: DbOrTx): Promise<number[]> {
      if (!claimIds.length) return [];
      const rows = await tx.select({ id: verdictDrafts.id }).from(verdictDrafts).where(inArray(verdictDrafts.claimId, claimIds));
      return rows.map((r) => r.id);
    },

    async broadcastClaims(broadcastIds: number[], tx: DbOrTx): Promise<Map<number, number>> {
      if (!broadcastIds.length) return new Map();
      const rows = await tx.select({ id: broadcasts.id, claimId: broadcasts.claimId }).from(broadcasts).where(inArray(broadcasts.id, broadcastIds));
      return new Map(rows.map((r) => [r.id, r.claimId]));
    },

    /** Only the delivery facts of a message stay: state, times, chat, purpose. */
    async blankBodies(ids: number[], tx: DbOrTx): Promise<void> {
      if (ids.length) await tx.update(outboundMessages).set({ body: '' }).where(inArray(outboundMessages.id, ids));
    },

    /** Not sent yet and only about the erased text: it will not be sent. */
    async withdraw(ids: number[], tx: DbOrTx): Promise<void> {
      if (!ids.length) return;
      await tx
        .update(outboundMessages)
        .set({ body: '', buttons: null, state: 'failed', lastError: 'withdrawn: the report it quoted was erased', leaseUntil: null })
        .where(and(inArray(outboundMessages.id, ids), eq(outboundMessages.state, 'queued')));
    },

    async setQueuedBody(id: number, body: string, tx: DbOrTx): Promise<void> {
      await tx.update(outboundMessages).set({ body }).where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'queued')));
    },

    /** Audit rows whose data holds the traces keep who did what to which subject, and lose the rest. */
    async scrubAudit(traces: TextTraces, tx: DbOrTx): Promise<number> {
      if (!traces.digits.length && !traces.words.length) return 0;
      const rows = await tx
        .update(auditEvents)
        .set({ data: { scrubbed: true } })
        .where(tracesMatch(sql`${auditEvents.data}::text`, traces))
        .returning({ id: auditEvents.id });
      return rows.length;
    },

    /** Reports the retention purge takes: claim decided, received before the cut-off, text still there. */
    async purgeable(before: Date, limit: number, tx: DbOrTx = db): Promise<number[]> {
      const rows = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(
          and(
            lt(reports.receivedAt, before),
            or(sql`${reports.rawText} is not null`, sql`${reports.basicText} is not null`),
            sql`${reports.claimId} in (select id from claims where status in ('verified', 'closed'))`,
          ),
        )
        .orderBy(asc(reports.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}

export type ErasureRepository = ReturnType<typeof createErasureRepository>;
