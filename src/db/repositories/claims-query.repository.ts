import { and, asc, desc, eq, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claims, reports, verdicts, type ClaimRow, type ReportRow, type VerdictRow } from '../schema/index.js';

/** A raw row of the review queue, as the driver returns it (snake_case columns); the service shapes it. */
export type QueueRawRow = Record<string, unknown>;
/** A raw row of `officialClaims`: id, text, region_code, verdict, clarification, created_at. */
export type OfficialClaimRawRow = Record<string, unknown>;
/**
 * A raw row of `recentBroadcasts`: id, claim_id, claim_text (the approved summary, else the claim's text), verdict and
 * verdict_kind (the one in force), regions, platforms, status, created_at, total, sent, failed.
 */
export type BroadcastSummaryRawRow = Record<string, unknown>;

/** A report's staff-visible columns. */
export type ClaimReportRow = Pick<ReportRow, 'id' | 'mediaKind' | 'forwarded' | 'receivedAt' | 'matchLevel' | 'similarity'> & { text: ReportRow['rawText'] };

/** A claim with its verdict in force, as published on the open web: its approved summary, never its reports' text. */
export interface PublishedClaimRow {
  id: ClaimRow['id'];
  text: string;
  verdict: VerdictRow['verdict'];
  kind: VerdictRow['kind'];
  clarification: VerdictRow['clarification'];
  sources: VerdictRow['sources'];
  publishedAt: VerdictRow['createdAt'];
}

/** Read-side queries behind the review queue, claim details, broadcast choices and the public ClaimReview feed. */
export function createClaimsQueryRepository(db: DbOrTx) {
  // Claims with a verdict in force, joined once for the feed and the public page. The summary a moderator
  // approved is the only text that leaves; a claim without one is not published.
  const published = (tx: DbOrTx) =>
    tx
      .select({
        id: claims.id,
        text: sql<string>`${claims.summary}`,
        verdict: verdicts.verdict,
        kind: verdicts.kind,
        clarification: verdicts.clarification,
        sources: verdicts.sources,
        publishedAt: verdicts.createdAt,
      })
      .from(claims)
      .innerJoin(verdicts, and(eq(verdicts.claimId, claims.id), eq(verdicts.current, true)));

  return {
    /**
     * One page of the review queue ordered by urgency = hoax score × distinct reporters × (1 + reports
     * in the hour before `asOf`). `prefix` limits it to claims from or routed to that region; `after`
     * is the last (urgency, id) of the previous page.
     */
    async queue(
      q: { prefix?: string | null; status?: ClaimRow['status']; asOf: string; after?: { urgency: number; id: number }; limit: number },
      tx: DbOrTx = db,
    ): Promise<QueueRawRow[]> {
      const where: SQL[] = [sql`true`];
      if (q.prefix) {
        const p = q.prefix;
        where.push(sql`(c.region_code = ${p} or c.region_code like ${`${p}.%`} or c.routed_region = ${p} or c.routed_region like ${`${p}.%`})`);
      }
      if (q.status) where.push(sql`c.status = ${q.status}`);
      const after = q.after ? sql`where (q.urgency < ${q.after.urgency} or (q.urgency = ${q.after.urgency} and q.id < ${q.after.id}))` : sql``;
      const rows = await tx.execute<QueueRawRow>(sql`
        with q as (
          select c.id, c.status, c.text, coalesce(c.normalized_text, c.basic_text) as snippet_src, c.region_code, c.routed_region,
                 c.score, c.score_band, c.signals, c.scam_candidate, c.report_count, c.first_seen_at, c.last_seen_at,
                 v.verdict, v.kind as verdict_kind,
                 coalesce(s.reporters, 0)::int as reporters, coalesce(s.recent, 0)::int as recent, coalesce(s.desa, 0)::int as desa,
                 coalesce(s.suggested, 0)::int as suggested,
                 (coalesce(c.score, 0) * coalesce(s.reporters, 0) * (1 + coalesce(s.recent, 0)))::float8 as urgency
          from claims c
          left join verdicts v on v.claim_id = c.id and v.current
          left join lateral (
            select count(distinct r.resident_id) as reporters,
                   count(*) filter (where r.received_at > ${q.asOf}::timestamptz - interval '1 hour') as recent,
                   count(distinct ch.region_code) filter (where ch.region_code ~ '^[0-9]{2}[.][0-9]{2}[.][0-9]{2}[.][0-9]{4}$') as desa,
                   count(*) filter (where r.match_level = 'suggest') as suggested
            from reports r left join chats ch on ch.id = r.chat_id
            where r.claim_id = c.id and r.status <> 'deleted'
          ) s on true
          where ${sql.join(where, sql` and `)}
        )
        select * from q ${after}
        order by q.urgency desc, q.id desc
        limit ${q.limit}`);
      return [...rows];
    },

    /** A claim's reports, oldest first, at most 500. */
    async reportsOf(claimId: number, tx: DbOrTx = db): Promise<ClaimReportRow[]> {
      // Only the columns that may leave: the select list is the privacy boundary.
      return tx
        .select({
          id: reports.id,
          text: reports.rawText,
          mediaKind: reports.mediaKind,
          forwarded: reports.forwarded,
          receivedAt: reports.receivedAt,
          matchLevel: reports.matchLevel,
          similarity: reports.similarity,
        })
        .from(reports)
        .where(and(eq(reports.claimId, claimId), ne(reports.status, 'deleted')))
        .orderBy(asc(reports.id))
        .limit(500);
    },

    /**
     * Claims whose verdict in force is official, newest verdict first: with `prefix`, those from or routed
     * to that region plus claims with no region; without, all. `include` adds one claim by id whatever its region.
     */
    async officialClaims(q: { prefix: string | null; include?: number; limit: number }, tx: DbOrTx = db): Promise<OfficialClaimRawRow[]> {
      const p = q.prefix;
      const inScope = p
        ? sql`(c.region_code is null or c.region_code = ${p} or c.region_code like ${`${p}.%`} or c.routed_region = ${p} or c.routed_region like ${`${p}.%`})`
        : sql`true`;
      const extra = q.include && Number.isSafeInteger(q.include) ? sql` or c.id = ${q.include}` : sql``;
      const rows = await tx.execute<OfficialClaimRawRow>(sql`
        select c.id, c.text, c.region_code, v.verdict, v.clarification, v.created_at
        from claims c join verdicts v on v.claim_id = c.id and v.current and v.kind = 'official'
        where (${inScope}${extra})
        order by v.created_at desc, c.id desc
        limit ${q.limit}`);
      return [...rows];
    },

    /** The latest broadcasts, newest first, with delivery counts; with `prefix`, only those whose regions all lie in it. */
    async recentBroadcasts(q: { prefix: string | null; limit: number }, tx: DbOrTx = db): Promise<BroadcastSummaryRawRow[]> {
      const p = q.prefix;
      const inScope = p
        ? sql`not exists (select 1 from jsonb_array_elements_text(b.regions) r(code) where not (r.code = ${p} or r.code like ${`${p}.%`}))`
        : sql`true`;
      const rows = await tx.execute<BroadcastSummaryRawRow>(sql`
        select b.id, b.claim_id, coalesce(c.summary, c.text) as claim_text,
               v.verdict, v.kind as verdict_kind,
               b.regions, b.platforms, b.created_at,
               -- The detail page marks a broadcast done when nothing is left to send; the list says the same
               -- without waiting for someone to open it.
               case when b.status = 'running' and not exists (
                 select 1 from outbound_messages o where o.broadcast_id = b.id and o.state in ('queued', 'unconfirmed'))
               then 'done' else b.status::text end as status,
               (select count(*) from outbound_messages o where o.broadcast_id = b.id)::int as total,
               (select count(*) from outbound_messages o where o.broadcast_id = b.id and o.state = 'sent')::int as sent,
               (select count(*) from outbound_messages o where o.broadcast_id = b.id and o.state = 'failed')::int as failed
        from broadcasts b join claims c on c.id = b.claim_id
          left join verdicts v on v.claim_id = b.claim_id and v.current
        where ${inScope}
        order by b.id desc
        limit ${q.limit}`);
      return [...rows];
    },

    /** Claims whose verdict in force is exported (not `di_luar_cakupan`), newest verdict first. */
    async published(limit: number, tx: DbOrTx = db): Promise<PublishedClaimRow[]> {
      return published(tx)
        .where(and(ne(verdicts.verdict, 'di_luar_cakupan'), isNotNull(claims.summary), isNull(claims.mergedIntoId)))
        .orderBy(desc(verdicts.createdAt))
        .limit(limit);
    },
  };
}

export type ClaimsQueryRepository = ReturnType<typeof createClaimsQueryRepository>;
