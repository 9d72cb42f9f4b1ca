import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claims, verdicts, type ClaimRow, type VerdictRow } from '../schema/index.js';

export function createClaimsRepository(db: DbOrTx) {
  return {
    /**
     * One claim per distinct normalised text; concurrent first reports of the same text race on the
     * unique index and all land on the same row.
     */
    async findOrCreateByHash(
      input: { text: string; basicText: string; basicHash: string; normalizedText: string | null; regionCode: string | null },
      tx: DbOrTx = db,
    ): Promise<ClaimRow> {
      const [row] = await tx
        .insert(claims)
        .values(input)
        .onConflictDoUpdate({
          target: claims.basicHash,
          targetWhere: isNull(claims.externalId),
          set: { lastSeenAt: sql`now()` },
        })
        .returning();
      return row!;
    },

    async findById(id: number, tx: DbOrTx = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id));
      return row;
    },

    async recordReport(claimId: number, tx: DbOrTx = db): Promise<ClaimRow> {
      const [row] = await tx
        .update(claims)
        .set({ reportCount: sql`${claims.reportCount} + 1`, lastSeenAt: sql`now()` })
        .where(eq(claims.id, claimId))
        .returning();
      return row!;
    },

    async currentVerdict(claimId: number, tx: DbOrTx = db): Promise<VerdictRow | undefined> {
      const [row] = await tx
        .select()
        .from(verdicts)
        .where(and(eq(verdicts.claimId, claimId), eq(verdicts.current, true)));
      return row;
    },
  };
}

export type ClaimsRepository = ReturnType<typeof createClaimsRepository>;
