import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { verdicts, type VerdictRow } from '../schema/index.js';
import type { VerdictCode } from '../../domain/verdict.js';

export interface NewVerdict {
  claimId: number;
  verdict: VerdictCode;
  kind: 'community' | 'official';
  clarification: string;
  sources: string[];
  staffId: number | null;
}

export function createVerdictsRepository(db: DbOrTx) {
  return {
    /** The new verdict becomes the one in force; the old one is kept, no longer current. Call inside a transaction. */
    async replaceCurrent(input: NewVerdict, tx: DbOrTx = db): Promise<VerdictRow> {
      await tx
        .update(verdicts)
        .set({ current: false })
        .where(and(eq(verdicts.claimId, input.claimId), eq(verdicts.current, true)));
      const [row] = await tx.insert(verdicts).values({ ...input, current: true }).returning();
      return row!;
    },

    async findById(id: number, tx: DbOrTx = db): Promise<VerdictRow | undefined> {
      const [row] = await tx.select().from(verdicts).where(eq(verdicts.id, id));
      return row;
    },

    async history(claimId: number, tx: DbOrTx = db): Promise<VerdictRow[]> {
      return tx.select().from(verdicts).where(eq(verdicts.claimId, claimId)).orderBy(verdicts.id);
    },
  };
}

export type VerdictsRepository = ReturnType<typeof createVerdictsRepository>;
