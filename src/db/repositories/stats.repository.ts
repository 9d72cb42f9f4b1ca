import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

/**
 * Read-only aggregates for the statistics page. A report or claim belongs to a region by its claim's
 * region (where the reporters live), else the region it was routed to (home region for residents
 * without a desa). Days are counted in WIB (Asia/Jakarta), the zone of most Diskominfo offices.
 */
export interface StatsQuery {
  /** Region prefix; null = the whole country (admins). */
  prefix: string | null;
  /** Inclusive start and exclusive end, as instants. */
  from: Date;
  to: Date;
}

export const STATS_TIME_ZONE = 'Asia/Jakarta';

const regionOf = sql`coalesce(c.region_code, c.routed_region)`;

function inScope(prefix: string | null): SQL {
  return prefix === null ? sql`true` : sql`(${regionOf} = ${prefix} or ${regionOf} like ${`${prefix}.%`})`;
}

const rows = async <T>(db: DbOrTx, query: SQL): Promise<T[]> => (await db.execute(query)) as unknown as T[];

export function createStatsRepository(db: DbOrTx) {
  return {
    async reportsPerDay(q: StatsQuery): Promise<Array<{ day: string; reports: number }>> {
      return rows(
        db,
        sql`select to_char((r.received_at at time zone ${STATS_TIME_ZONE})::date, 'YYYY-MM-DD') as day, count(*)::int as reports
            from reports r join claims c on c.id = r.claim_id
            where r.merged_into_id is null and r.received_at >= ${q.from.toISOString()} and r.received_at < ${q.to.toISOString()} and ${inScope(q.prefix)}
            group by 1 order by 1`,
      );
    },

    async reportsByPlatform(q: StatsQuery): Promise<Array<{ platform: string; reports: number }>> {
      return rows(
        db,
        sql`select r.platform::text as platform, count(*)::int as reports
            from reports r join claims c on c.id = r.claim_id
            where r.merged_into_id is null and r.received_at >= ${q.from.toISOString()} and r.received_at < ${q.to.toISOString()} and ${inScope(q.prefix)}
            group by 1 order by 2 desc, 1`,
      );
    },

    /** Claims first seen in the period, by the verdict now in force ('belum' = none yet). */
    async claimsByVerdict(q: StatsQuery): Promise<Array<{ verdict: string; claims: number }>> {
      return rows(
        db,
        sql`select coalesce(v.verdict::text, 'belum') as verdict, count(*)::int as claims
            from claims c left join verdicts v on v.claim_id = c.id and v.current
            where c.merged_into_id is null and c.first_seen_at >= ${q.from.toISOString()} and c.first_seen_at < ${q.to.toISOString()} and ${inScope(q.prefix)}
            group by 1 order by 2 desc, 1`,
      );
    },

    /** The claims most reported within the period. */
    async topClaims(q: StatsQuery, limit: number): Promise<Array<{ id: number; text: string; reports: number; verdict: string | null; region: string | null }>> {
      return rows(
        db,
        sql`select c.id, c.text, count(r.id)::int as reports, v.verdict::text as verdict, ${regionOf} as region
            from claims c join reports r on r.claim_id = c.id and r.merged_into_id is null
              left join verdicts v on v.claim_id = c.id and v.current
            where c.merged_into_id is null and r.received_at >= ${q.from.toISOString()} and r.received_at < ${q.to.toISOString()} and ${inScope(q.prefix)}
            group by c.id, v.verdict order by 3 desc, c.id limit ${limit}`,
      );
    },

    /** Hours from a claim's first report to its first verdict, for first verdicts given in the period. */
    async timeToVerdict(q: StatsQuery): Promise<{ decided: number; medianHours: number | null; p90Hours: number | null }> {
      const [row] = await rows<{ decided: number; median_hours: number | null; p90_hours: number | null }>(
        db,
        sql`with first_verdict as (
              select v.claim_id, min(v.created_at) as decided_at from verdicts v group by v.claim_id
            )
            select count(*)::int as decided,
              percentile_cont(0.5) within group (order by extract(epoch from (f.decided_at - c.first_seen_at)) / 3600) as median_hours,
              percentile_cont(0.9) within group (order by extract(epoch from (f.decided_at - c.first_seen_at)) / 3600) as p90_hours
            from first_verdict f join claims c on c.id = f.claim_id
            where c.external_id is null and f.decided_at >= ${q.from.toISOString()} and f.decided_at < ${q.to.toISOString()} and ${inScope(q.prefix)}`,
      );
      return { decided: row?.decided ?? 0, medianHours: row?.median_hours ?? null, p90Hours: row?.p90_hours ?? null };
    },

    /** Claims of the period that climbed a level because nobody reviewed them in time. */
    async slaBreaches(q: StatsQuery): Promise<number> {
      const [row] = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from claims c
            where c.escalated_from is not null and c.first_seen_at >= ${q.from.toISOString()} and c.first_seen_at < ${q.to.toISOString()} and ${inScope(q.prefix)}`,
      );
      return row?.n ?? 0;
    },

    /**
     * "Did it help?": verdict answers offered the 👍/👎 tap and sent in the period (ledger rows with the card and
     * buttons), and the taps given in the period, by the claim's region.
     */
    async feedback(q: StatsQuery): Promise<{ answered: number; helpful: number; unhelpful: number }> {
      const [sent] = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from outbound_messages o join verdicts v on v.id = o.card_verdict_id join claims c on c.id = v.claim_id
            where o.purpose in ('answer', 'correction', 'ticket+clarification') and o.buttons is not null and o.state = 'sent'
              and o.sent_at >= ${q.from.toISOString()} and o.sent_at < ${q.to.toISOString()} and ${inScope(q.prefix)}`,
      );
      const [taps] = await rows<{ helpful: number; unhelpful: number }>(
        db,
        sql`select count(*) filter (where f.helpful)::int as helpful, count(*) filter (where not f.helpful)::int as unhelpful
            from answer_feedback f join claims c on c.id = f.claim_id
            where f.created_at >= ${q.from.toISOString()} and f.created_at < ${q.to.toISOString()} and ${inScope(q.prefix)}`,
      );
      return { answered: sent?.n ?? 0, helpful: taps?.helpful ?? 0, unhelpful: taps?.unhelpful ?? 0 };
    },

    /** Reports and claims per region one level below the scope (kabupaten → kecamatan, kecamatan → desa). */
    async byRegion(q: StatsQuery, level: number): Promise<Array<{ region: string; reports: number; claims: number; decided: number }>> {
      const cut = sql`array_to_string((string_to_array(${regionOf}, '.'))[1:${level}::int], '.')`;
      return rows(
        db,
        sql`select ${cut} as region, count(r.id)::int as reports, count(distinct c.id)::int as claims,
              count(distinct c.id) filter (where v.id is not null)::int as decided
            from claims c join reports r on r.claim_id = c.id and r.merged_into_id is null
              left join verdicts v on v.claim_id = c.id and v.current
            where c.merged_into_id is null and ${regionOf} is not null and r.received_at >= ${q.from.toISOString()} and r.received_at < ${q.to.toISOString()} and ${inScope(q.prefix)}
            group by 1 order by 2 desc, 1`,
      );
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
