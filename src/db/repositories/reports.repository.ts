import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { reports, type ReportRow } from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';
import { createReportAnalysisRepository } from './report-analysis.repository.js';

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

/** A report as it arrives from a private chat: who and where by their pseudonymous keys, not by row id. */
export interface ArrivingReport extends Omit<NewReport, 'residentId' | 'chatId'> {
  pseudonym: string;
  chatKey: string;
  /** Only used when the chat is new (the encrypted address is stored once). */
  addressEnc: string;
}

export interface StoredReport {
  reportId: number;
  residentId: number;
  chatId: number;
  status: ReportRow['status'];
  created: boolean;
}

/**
 * Reports: intake, lookups and moderators' decisions here; the analysis pipeline's batch statements, locks and
 * merges in report-analysis.repository.ts. Callers see one `repos.reports` with both.
 */
export function createReportsRepository(db: DbOrTx) {
  return {
    ...createReportAnalysisRepository(db),

    /**
     * The resident, their private chat and the report in one statement (one round trip on the intake path).
     * Existing rows are read, not rewritten; a redelivered message returns the report stored the first time.
     * Undefined in the one case a single statement cannot see: the resident or chat was inserted by another
     * transaction that committed after this statement's snapshot (a first message racing its own redelivery).
     * The caller then takes the step-by-step path, which can.
     */
    async storeFromPrivateChat(input: ArrivingReport, tx: DbOrTx = db): Promise<StoredReport | undefined> {
      const rows = await tx.execute<{ id: number; resident_id: number; chat_id: number; status: ReportRow['status']; created: boolean }>(sql`
        with r_new as (
          insert into residents (pseudonym, platform) values (${input.pseudonym}, ${input.platform})
          on conflict (pseudonym) do nothing returning id
        ), r as (
          select id from r_new union all select id from residents where pseudonym = ${input.pseudonym} limit 1
        ), c_new as (
          insert into chats (platform, kind, chat_key, address_enc, resident_id)
          select ${input.platform}, 'private', ${input.chatKey}, ${input.addressEnc}, r.id from r
          on conflict (platform, chat_key) do nothing returning id
        ), c as (
          select id from c_new union all select id from chats where platform = ${input.platform} and chat_key = ${input.chatKey} limit 1
        ), ins as (
          insert into reports (dedupe_key, platform, resident_id, chat_id, platform_message_id, raw_text, basic_text,
                               media_kind, media_fingerprint, forwarded, truncated, received_at)
          select ${input.dedupeKey}, ${input.platform}, r.id, c.id, ${input.platformMessageId}, ${input.rawText},
                 ${input.basicText ?? null}, ${input.mediaKind ?? null}, ${input.mediaFingerprint ?? null},
                 ${input.forwarded}, ${input.truncated ?? false}, ${input.receivedAt.toISOString()}::timestamptz
          from r, c
          on conflict (dedupe_key) do nothing
          returning id, resident_id, chat_id, status
        )
        select id, resident_id, chat_id, status, true as created from ins
        union all
        select id, resident_id, chat_id, status, false from reports
        where dedupe_key = ${input.dedupeKey} and not exists (select 1 from ins)`);
      const row = [...rows][0];
      if (!row) return undefined;
      return { reportId: Number(row.id), residentId: Number(row.resident_id), chatId: Number(row.chat_id), status: row.status, created: row.created };
    },

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

    async findMany(ids: number[], tx: DbOrTx = db): Promise<ReportRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(reports).where(inArray(reports.id, ids)).orderBy(asc(reports.id));
    },

    /** Row lock for a moderator acting on one report (confirm or detach a suggestion): two taps never both move it. */
    async lockById(id: number, tx: DbOrTx): Promise<ReportRow | undefined> {
      const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
      return row;
    },

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
