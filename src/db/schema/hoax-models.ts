import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { verdictCodeEnum } from './enums.js';
import { claims, reports } from './claims.js';

/**
 * The scorer's local memory: every report of a claim with a published hoaks-like or `benar` verdict, with the
 * label that verdict gives it. The text is not copied: it is read from `reports.raw_text` when the memory is
 * loaded, so erasing or purging a report takes it out of the memory too.
 */
export const verdictMemory = pgTable(
  'verdict_memory',
  {
    reportId: integer('report_id')
      .primaryKey()
      .references(() => reports.id),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    verdict: verdictCodeEnum('verdict').notNull(),
    /** 1: hoaks, penipuan or menyesatkan; 0: benar. */
    label: smallint('label').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verdict_memory_claim_idx').on(t.claimId)],
);

/**
 * Hoax models made by `saring retrain` (and the nightly job): the live one, the ones it replaced (kept, so a
 * rollback is one update), and refused candidates (their check only, no model). No row: the shipped model is live.
 */
export const hoaxModels = pgTable(
  'hoax_models',
  {
    version: text('version').primaryKey(),
    /** live | previous | refused */
    status: text('status').notNull(),
    /** The model file (JSON), null for a refused candidate. */
    model: text('model'),
    /** Held-out check of this candidate and of the model live at the time, and the decision. */
    check: jsonb('check').$type<Record<string, unknown>>().notNull(),
    localCount: integer('local_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('hoax_models_live_uq').on(t.status).where(sql`${t.status} = 'live'`)],
);

export type HoaxModelRow = typeof hoaxModels.$inferSelect;
