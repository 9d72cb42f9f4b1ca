import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

/**
 * The public clarification pages read only what a moderator approved for publication: the claim's
 * summary and the verdict in force (never reports, never reporters). A claim without an approved
 * summary, or judged "di luar cakupan", is not public.
 */
export interface PublicClarificationRow {
  id: number;
  summary: string;
  verdictId: number;
  verdict: string;
  kind: 'community' | 'official';
  clarification: string;
  sources: string[];
  publishedAt: Date;
  regionCode: string | null;
  /** Region of the staff member who issued the verdict (the issuer shown on the card). */
  issuerRegion: string | null;
}

const SELECT = sql`select c.id, c.summary, v.id as verdict_id, v.verdict::text as verdict, v.kind::text as kind, v.clarification, v.sources,
    v.created_at as published_at, coalesce(c.region_code, c.routed_region) as region_code, s.region_code as issuer_region
  from claims c join verdicts v on v.claim_id = c.id and v.current left join staff s on s.id = v.staff_id
  where c.summary is not null and v.verdict <> 'di_luar_cakupan' and c.merged_into_id is null`;

function toRow(r: Record<string, unknown>): PublicClarificationRow {
  return {
    id: Number(r.id),
    summary: String(r.summary),
    verdictId: Number(r.verdict_id),
    verdict: String(r.verdict),
    kind: r.kind as 'community' | 'official',
    clarification: String(r.clarification),
    sources: (r.sources as string[] | null) ?? [],
    publishedAt: new Date(r.published_at as string),
    regionCode: (r.region_code as string | null) ?? null,
    issuerRegion: (r.issuer_region as string | null) ?? null,
  };
}

export function createPublicClaimsRepository(db: DbOrTx) {
  const run = async (q: SQL) => ((await db.execute(q)) as unknown as Array<Record<string, unknown>>).map(toRow);
  return {
    async byId(id: number): Promise<PublicClarificationRow | undefined> {
      const [row] = await run(sql`${SELECT} and c.id = ${id}`);
      return row;
    },

    /** Newest first; `search` matches words of the summary or the clarification; `prefix` a region. */
    async page(q: { search?: string | undefined; prefix?: string | undefined; before?: { publishedAt: Date; id: number } | undefined; limit: number }): Promise<PublicClarificationRow[]> {
      const where: SQL[] = [];
      if (q.search) {
        const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(sql`(c.summary ilike ${like} or v.clarification ilike ${like})`);
      }
      if (q.prefix) where.push(sql`(coalesce(c.region_code, c.routed_region) = ${q.prefix} or coalesce(c.region_code, c.routed_region) like ${`${q.prefix}.%`})`);
      if (q.before) where.push(sql`(v.created_at, c.id) < (${q.before.publishedAt.toISOString()}::timestamptz, ${q.before.id})`);
      const extra = where.length ? sql` and ${sql.join(where, sql` and `)}` : sql``;
      return run(sql`${SELECT}${extra} order by v.created_at desc, c.id desc limit ${q.limit}`);
    },

    /**
     * The weekly digest: verdicts in force that were published in [from, to) for claims under any of the
     * region prefixes, most reported first; `total` counts them all, `rows` holds at most `limit`.
     */
    async publishedBetween(q: { prefixes: string[]; from: Date; to: Date; limit: number }): Promise<{ rows: Array<PublicClarificationRow & { reportCount: number }>; total: number }> {
      if (q.prefixes.length === 0) return { rows: [], total: 0 };
      const region = sql`coalesce(c.region_code, c.routed_region)`;
      const under = sql.join(
        q.prefixes.map((p) => sql`(${region} = ${p} or ${region} like ${`${p}.%`})`),
        sql` or `,
      );
      const raw = (await db.execute(sql`select d.*, count(*) over () as total from (
          select p.*, c.report_count from (${SELECT} and (${under})
            and v.created_at >= ${q.from.toISOString()}::timestamptz and v.created_at < ${q.to.toISOString()}::timestamptz) p
          join claims c on c.id = p.id) d
        order by d.report_count desc, d.published_at desc, d.id desc limit ${q.limit}`)) as unknown as Array<Record<string, unknown>>;
      return { rows: raw.map((r) => ({ ...toRow(r), reportCount: Number(r.report_count) })), total: raw.length ? Number(raw[0]!.total) : 0 };
    },

    /** Kabupaten that have public clarifications (for the filter). */
    async kabupaten(): Promise<string[]> {
      const rows = (await db.execute(sql`select distinct array_to_string((string_to_array(coalesce(c.region_code, c.routed_region), '.'))[1:2], '.') as kab
        from claims c join verdicts v on v.claim_id = c.id and v.current
        where c.summary is not null and v.verdict <> 'di_luar_cakupan' and coalesce(c.region_code, c.routed_region) is not null order by 1`)) as unknown as Array<{ kab: string }>;
      return rows.map((r) => r.kab).filter((k) => /^\d{2}\.\d{2}$/.test(k));
    },
  };
}

export type PublicClaimsRepository = ReturnType<typeof createPublicClaimsRepository>;
