import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { regions, type RegionRow } from '../schema/index.js';
import type { DesaMatch } from '../../domain/desa-search.js';

/** How many desa one search may return: enough for the most common names (66 "Sukamaju"), bounded for "jaya". */
export const DESA_SEARCH_LIMIT = 400;

/** A name as people type it: lower case, single spaces (the Kemendagri list has stray spaces). */
const normName = sql`regexp_replace(lower(btrim(d.name)), '\\s+', ' ', 'g')`;

type Row = { code: string; name: string; kecamatan: string | null; kabupaten: string | null; provinsi: string | null };

const withParents = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>, limit: number) => sql`
  select d.code, btrim(d.name) as name, btrim(k.name) as kecamatan, btrim(b.name) as kabupaten, btrim(p.name) as provinsi
  from regions d
  left join regions k on k.code = d.parent_code
  left join regions b on b.code = k.parent_code
  left join regions p on p.code = b.parent_code
  where d.level = 4 and ${where}
  order by ${order}
  limit ${limit}`;

export function createRegionSearchRepository(db: DbOrTx) {
  let trigram: boolean | undefined;

  async function hasTrigram(tx: DbOrTx): Promise<boolean> {
    if (trigram === undefined) {
      const rows = await tx.execute<{ on: boolean }>(sql`select exists (select 1 from pg_extension where extname = 'pg_trgm') as on`);
      trigram = Boolean(rows[0]?.on);
    }
    return trigram;
  }

  return {
    /**
     * pg_trgm makes typos findable ("Simpang Limbor"). It is a trusted extension in PostgreSQL ≥ 13; where it
     * cannot be created (a restricted role, a PGlite without it) the search keeps to word matching.
     */
    async enableTrigram(tx: DbOrTx = db): Promise<void> {
      trigram = undefined;
      await tx.execute(sql`create extension if not exists pg_trgm`);
    },

    /** Desa/kelurahan whose whole name is one of `names` (already lower-cased, single-spaced). */
    async desaNamed(names: string[], tx: DbOrTx = db): Promise<DesaMatch[]> {
      if (names.length === 0) return [];
      const list = sql.join(names.map((n) => sql`${n}`), sql`, `);
      return (await tx.execute<Row>(withParents(sql`${normName} in (${list})`, sql`d.code`, DESA_SEARCH_LIMIT))).map(toMatch);
    },

    /**
     * Desa/kelurahan whose name contains every word typed (in any place), or — with pg_trgm — is close to
     * the phrase as a whole. Closest first.
     */
    async desaLike(phrase: string, tx: DbOrTx = db): Promise<DesaMatch[]> {
      const words = phrase.split(' ').filter((w) => w.length > 0);
      if (words.length === 0) return [];
      const contains = sql.join(
        words.map((w) => sql`${normName} like ${`%${w.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`),
        sql` and `,
      );
      if (await hasTrigram(tx)) {
        const rows = await tx.execute<Row>(
          withParents(sql`((${contains}) or similarity(${normName}, ${phrase}) > 0.45)`, sql`similarity(${normName}, ${phrase}) desc, d.code`, DESA_SEARCH_LIMIT),
        );
        return rows.map(toMatch);
      }
      return (await tx.execute<Row>(withParents(sql`(${contains})`, sql`length(d.name), d.code`, DESA_SEARCH_LIMIT))).map(toMatch);
    },

    /** The regions directly under `parent` (provinsi when null), by name: for browsing without a name. */
    async children(parent: string | null, tx: DbOrTx = db): Promise<Array<Pick<RegionRow, 'code' | 'name' | 'level'>>> {
      const rows = await tx
        .select({ code: regions.code, name: regions.name, level: regions.level })
        .from(regions)
        .where(parent === null ? eq(regions.level, 1) : eq(regions.parentCode, parent))
        .orderBy(regions.name);
      return rows.map((r) => ({ ...r, name: r.name.trim() }));
    },

    async findByCode(code: string, tx: DbOrTx = db): Promise<RegionRow | undefined> {
      const [row] = await tx.select().from(regions).where(eq(regions.code, code));
      return row;
    },
  };
}

function toMatch(r: Row): DesaMatch {
  return { code: r.code, name: r.name, kecamatan: r.kecamatan, kabupaten: r.kabupaten, provinsi: r.provinsi };
}
