import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { claims } from './claims.js';

/**
 * What a link resolved to, per normalised link as residents send it: the same link in a thousand forwards
 * is fetched once per cache lifetime (LINK_CACHE_TTL_HOURS). Holds no reporter data.
 */
export const linkPreviews = pgTable(
  'link_previews',
  {
    /** Normalised link (`bit.ly/abc`): host lower-cased, `www.` and tracking parameters dropped. */
    url: text('url').primaryKey(),
    /** Normalised address the redirect chain ended (or stopped) at. */
    finalUrl: text('final_url').notNull(),
    /** ok | http_error | refused | too_many_redirects | timeout | error */
    status: text('status').notNull(),
    title: text('title'),
    description: text('description'),
    /** Every hop, normalised, first to last: a shortener's detour through a lookalike site stays visible. */
    hops: jsonb('hops').$type<string[]>().notNull().default([]),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('link_previews_final_url_idx').on(t.finalUrl)],
);

/** The final addresses of the links a claim's reports carried: a later link ending there is evidence of the same claim. */
export const claimLinks = pgTable(
  'claim_links',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    finalUrl: text('final_url').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.finalUrl] }), index('claim_links_final_url_idx').on(t.finalUrl)],
);

export type LinkPreviewRow = typeof linkPreviews.$inferSelect;
