import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claims, verdicts, type ClaimRow } from '../schema/index.js';

export interface ClaimStats {
  reportCount: number;
  desaCount: number;
  lastHourReports: number;
  lastHourDesa: number;
  /** Reports the matcher only suggested, not yet confirmed or detached by a moderator. */
  suggested: number;
}

/** Queries behind routing, escalation and spike alerts. */
export function createClaimReviewRepository(db: DbOrTx) {
  return {
    /** Desa are counted from the reporter's own region, or the KIM group's when reported in a group. */
    async stats(claimId: number, now: Date, tx: DbOrTx = db): Promise<ClaimStats> {
      // Raw SQL parameters go to the driver untyped: pass timestamps as ISO text and cast.
      const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
      const until = now.toISOString();
      const rows = await tx.execute<{ report_count: number; desa_count: number; last_hour_reports: number; last_hour_desa: number; suggested: number }>(sql`
        select count(*)::int as report_count,
               count(distinct coalesce(c.region_code, r2.region_code))::int as desa_count,
               count(*) filter (where r.received_at > ${hourAgo}::timestamptz and r.received_at <= ${until}::timestamptz)::int as last_hour_reports,
               count(distinct coalesce(c.region_code, r2.region_code)) filter (where r.received_at > ${hourAgo}::timestamptz and r.received_at <= ${until}::timestamptz)::int as last_hour_desa,
               count(*) filter (where r.match_level = 'suggest')::int as suggested
        from reports r
        join chats c on c.id = r.chat_id
        join residents r2 on r2.id = r.resident_id
        where r.claim_id = ${claimId} and r.status <> 'deleted'`);
      const row = rows[0];
      return {
        reportCount: row?.report_count ?? 0,
        desaCount: row?.desa_count ?? 0,
        lastHourReports: row?.last_hour_reports ?? 0,
        lastHourDesa: row?.last_hour_desa ?? 0,
        suggested: row?.suggested ?? 0,
      };
    },

    async setRouting(claimId: number, region: string, at: Date, escalatedFrom: string | null = null, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(claims)
        .set({ routedRegion: region, routedAt: at, ...(escalatedFrom ? { escalatedFrom } : {}), status: sql`case when ${claims.status} = 'new' then 'in_review'::claim_status else ${claims.status} end` })
        .where(eq(claims.id, claimId));
    },

    /** Claims routed before `before` that still have no verdict: they climb one level. */
    async overdue(before: Date, tx: DbOrTx = db): Promise<ClaimRow[]> {
      return tx
        .select()
        .from(claims)
        .where(
          and(
            inArray(claims.status, ['new', 'in_review']),
            isNotNull(claims.routedRegion),
            lt(claims.routedAt, before),
            sql`not exists (select 1 from ${verdicts} v where v.claim_id = ${claims.id} and v.current)`,
          ),
        )
        .limit(500);
    },

    /** Recent claims that never got a card: their review job may have been lost with Redis. */
    async withoutCard(createdBefore: Date, createdAfter: Date, tx: DbOrTx = db): Promise<number[]> {
      const rows = await tx.execute<{ id: number }>(sql`
        select c.id from claims c
        where c.status in ('new', 'in_review') and (c.region_code is not null or c.routed_region is not null) and c.merged_into_id is null
          and c.first_seen_at < ${createdBefore.toISOString()}::timestamptz and c.first_seen_at > ${createdAfter.toISOString()}::timestamptz
          and not exists (select 1 from claim_cards k where k.claim_id = c.id)
        limit 500`);
      return rows.map((r) => Number(r.id));
    },

    /**
     * A resident who had no desa has just set one: their open claims that had no region take it and are
     * routed again (from the home region to the desa's moderators). Returns the claims to re-route.
     */
    async adoptRegion(residentId: number, regionCode: string, tx: DbOrTx = db): Promise<number[]> {
      const rows = await tx.execute<{ id: number }>(sql`
        update claims c set region_code = ${regionCode}, routed_region = null, routed_at = null, escalated_from = null, updated_at = now()
        where c.region_code is null and c.status in ('new', 'in_review') and c.merged_into_id is null and c.external_id is null
          and exists (select 1 from reports r where r.claim_id = c.id and r.resident_id = ${residentId} and r.status <> 'deleted')
        returning c.id`);
      return rows.map((r) => Number(r.id));
    },

    /**
     * Open claims a new moderators' chat of `region` should see at once: routed to exactly that region, or
     * from inside it and not routed anywhere yet (or routed above it only for want of a chat).
     */
    async openFor(region: string, tx: DbOrTx = db): Promise<number[]> {
      // Claims of this region that went higher only because it had no chat yet (not escalated) come down to it.
      await tx.execute(sql`
        update claims c set routed_region = null, routed_at = null
        where c.status in ('new', 'in_review') and c.merged_into_id is null and c.escalated_from is null
          and (c.region_code = ${region} or c.region_code like ${`${region}.%`})
          and c.routed_region is not null and ${region} like c.routed_region || '.%'`);
      const rows = await tx.execute<{ id: number }>(sql`
        select c.id from claims c
        where c.status in ('new', 'in_review') and c.merged_into_id is null
          and (c.routed_region = ${region} or (c.routed_region is null and (c.region_code = ${region} or c.region_code like ${`${region}.%`})))
          and not exists (select 1 from verdicts v where v.claim_id = c.id and v.current)
        order by c.id
        limit 200`);
      return rows.map((r) => Number(r.id));
    },

    /** Marks the spike alert as sent; false when another worker already did. */
    async markSpikeAlerted(claimId: number, at: Date, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(claims)
        .set({ spikeAlertedAt: at })
        .where(and(eq(claims.id, claimId), sql`${claims.spikeAlertedAt} is null`))
        .returning({ id: claims.id });
      return rows.length === 1;
    },
  };
}
