import { count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { regions, type RegionRow } from '../schema/index.js';

export type NewRegion = RegionRow;

export function createRegionsRepository(db: DbOrTx) {
  return {
    /**
     * One multi-row INSERT … ON CONFLICT per batch. The WHERE on the update skips rows that did not
     * change, so a re-import writes nothing (no dead tuples) and the counts tell added from updated:
     * `xmax = 0` is true only for freshly inserted rows.
     */
    async upsertBatch(rows: NewRegion[], tx: DbOrTx = db): Promise<{ added: number; updated: number }> {
      if (rows.length === 0) return { added: 0, updated: 0 };
      const written = await tx
        .insert(regions)
        .values(rows)
        .onConflictDoUpdate({
          target: regions.code,
          set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` },
          setWhere: sql`(${regions.name}, ${regions.level}, ${regions.parentCode}) is distinct from (excluded.name, excluded.level, excluded.parent_code)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      const added = written.filter((r) => r.inserted).length;
      return { added, updated: written.length - added };
    },

    async findByCode(code: string, tx: DbOrTx = db): Promise<RegionRow | undefined> {
      const [row] = await tx.select().from(regions).where(eq(regions.code, code));
      return row;
    },

    async findManyByCode(codes: string[], tx: DbOrTx = db): Promise<RegionRow[]> {
      if (codes.length === 0) return [];
      return tx.select().from(regions).where(inArray(regions.code, codes));
    },

    /** Which of these codes are already stored (for parent checks of an import). */
    async existingCodes(codes: string[], tx: DbOrTx = db): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
      return new Set(rows.map((r) => r.code));
    },

    async count(tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(regions);
      return row?.n ?? 0;
    },
  };
}

export type RegionsRepository = ReturnType<typeof createRegionsRepository>;
