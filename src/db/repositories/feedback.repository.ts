import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { answerFeedback } from '../schema/index.js';

export interface FeedbackCounts {
  helpful: number;
  unhelpful: number;
}

/** One tap per resident per verdict answer; counts for the moderators' card, the dashboard and the stats. */
export function createFeedbackRepository(db: DbOrTx) {
  return {
    /** False when this resident already rated this verdict's answer (the first tap stands). */
    async record(input: { verdictId: number; claimId: number; residentId: number; helpful: boolean }, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx.insert(answerFeedback).values(input).onConflictDoNothing({ target: [answerFeedback.verdictId, answerFeedback.residentId] }).returning({ id: answerFeedback.id });
      return rows.length === 1;
    },

    async countsForVerdict(verdictId: number, tx: DbOrTx = db): Promise<FeedbackCounts> {
      const [row] = await tx
        .select({
          helpful: sql<number>`count(*) filter (where ${answerFeedback.helpful})`.mapWith(Number),
          unhelpful: sql<number>`count(*) filter (where not ${answerFeedback.helpful})`.mapWith(Number),
        })
        .from(answerFeedback)
        .where(eq(answerFeedback.verdictId, verdictId));
      return { helpful: row?.helpful ?? 0, unhelpful: row?.unhelpful ?? 0 };
    },
  };
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
