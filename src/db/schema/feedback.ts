import { boolean, index, integer, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { claims, verdicts } from './claims.js';
import { residents } from './people.js';

/**
 * "Did it help?" — one tap per resident per verdict answer (👍/👎). The first tap counts; a second changes
 * nothing (unique index). Residents are their pseudonymous row ids, never platform ids.
 */
export const answerFeedback = pgTable(
  'answer_feedback',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    verdictId: integer('verdict_id')
      .notNull()
      .references(() => verdicts.id),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    helpful: boolean('helpful').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('answer_feedback_once_uq').on(t.verdictId, t.residentId), index('answer_feedback_claim_idx').on(t.claimId), index('answer_feedback_created_idx').on(t.createdAt)],
);

export type AnswerFeedbackRow = typeof answerFeedback.$inferSelect;
