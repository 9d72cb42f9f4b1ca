import { and, eq, ilike, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { regions, type RegionRow } from '../schema/index.js';

export function createRegionSearchRepository(db: DbOrTx) {
  return {
    /** Desa/kelurahan whose name contains the words typed, with their kecamatan and kabupaten names for choosing. */
    async searchDesa(name: string, limit = 9, tx: DbOrTx = db): Promise<Array<RegionRow & { kecamatan: string | null; kabupaten: string | null }>> {
      const pattern = `%${name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const rows = await tx
        .select({
          code: regions.code,
          name: regions.name,
          level: regions.level,
          parentCode: regions.parentCode,
          kecamatan: sql<string | null>`(select k.name from regions k where k.code = "regions"."parent_code")`,
          kabupaten: sql<string | null>`(select b.name from regions b where b.code = substring("regions"."code" from 1 for 5))`,
        })
        .from(regions)
        .where(and(eq(regions.level, 4), ilike(regions.name, pattern)))
        .orderBy(regions.code)
        .limit(limit);
      return rows;
    },

    async findByCode(code: string, tx: DbOrTx = db): Promise<RegionRow | undefined> {
      const [row] = await tx.select().from(regions).where(eq(regions.code, code));
      return row;
    },
  };
}
