import { index, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/** Kemendagri codes: PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export type RegionRow = typeof regions.$inferSelect;
