import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

export interface RegionHit {
  code: string;
  name: string;
  level: number;
  /** 0 exact name, 1 name starts with the words, 2 a word starts with them, 3 contains them. */
  rank: number;
}

/** "Kabupaten Merangin" and "Kota Jambi" are found as "Merangin" and "Jambi" too. */
const BARE_NAME = sql.raw(`regexp_replace(lower(name), '^(kabupaten|kota administrasi|kota|kab\\.) ', '')`);

/**
 * Regions by name for people typing one (dashboard pickers): exact names first, then names that
 * start with the words typed, then names containing them; within a region prefix and levels.
 */
export function createRegionLookupRepository(db: DbOrTx) {
  return {
    async search(q: { words: string; prefix: string | null; levels: readonly number[]; limit: number }, tx: DbOrTx = db): Promise<RegionHit[]> {
      const words = q.words.toLowerCase();
      const escaped = words.replace(/[%_\\]/g, (c) => `\\${c}`);
      const scope = q.prefix ? sql`and (code = ${q.prefix} or code like ${`${q.prefix}.%`})` : sql``;
      const rows = await tx.execute(sql`
        select code, name, level,
          case when lower(name) = ${words} or ${BARE_NAME} = ${words} then 0
               when lower(name) like ${`${escaped}%`} or ${BARE_NAME} like ${`${escaped}%`} then 1
               when lower(name) like ${`% ${escaped}%`} then 2
               else 3 end as rank
        from regions
        where lower(name) like ${`%${escaped}%`} and level in (${sql.join(q.levels.map((l) => sql`${l}`), sql`, `)}) ${scope}
        order by rank, level, name, code
        limit ${q.limit}`);
      return (rows as unknown as Array<Record<string, unknown>>).map((r) => ({ code: String(r.code), name: String(r.name), level: Number(r.level), rank: Number(r.rank) }));
    },
  };
}

export type RegionLookupRepository = ReturnType<typeof createRegionLookupRepository>;
