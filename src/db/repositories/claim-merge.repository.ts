import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claims, mergeRequests, reports } from '../schema/index.js';

/** Moving the reports of one claim into another, when moderators find they are the same claim. */
export function createClaimMergeRepository(db: DbOrTx) {
  return {
    async request(input: { claimId: number; staffId: number; chatId: number }, tx: DbOrTx = db) {
      await tx
        .update(mergeRequests)
        .set({ state: 'cancelled' })
        .where(and(eq(mergeRequests.staffId, input.staffId), eq(mergeRequests.chatId, input.chatId), eq(mergeRequests.state, 'awaiting_target')));
      const [row] = await tx.insert(mergeRequests).values(input).returning();
      return row!;
    },

    async pending(staffId: number, chatId: number, since: Date, tx: DbOrTx = db) {
      const [row] = await tx
        .select()
        .from(mergeRequests)
        .where(and(eq(mergeRequests.staffId, staffId), eq(mergeRequests.chatId, chatId), eq(mergeRequests.state, 'awaiting_target'), gt(mergeRequests.createdAt, since)))
        .orderBy(desc(mergeRequests.id))
        .limit(1);
      return row;
    },

    async close(id: number, state: 'done' | 'cancelled', tx: DbOrTx = db) {
      await tx.update(mergeRequests).set({ state }).where(eq(mergeRequests.id, id));
    },

    /** All reports of `from` now belong to `into`; `from` is closed and points at `into`. */
    async merge(from: number, into: number, tx: DbOrTx): Promise<number> {
      const moved = await tx.update(reports).set({ claimId: into }).where(eq(reports.claimId, from)).returning({ id: reports.id });
      await tx
        .update(claims)
        .set({ reportCount: sql`${claims.reportCount} + ${moved.length}`, lastSeenAt: sql`now()`, updatedAt: sql`clock_timestamp()` })
        .where(eq(claims.id, into));
      await tx
        .update(claims)
        .set({ status: 'closed', mergedIntoId: into, reportCount: 0, updatedAt: sql`clock_timestamp()` })
        .where(eq(claims.id, from));
      return moved.length;
    },
  };
}
