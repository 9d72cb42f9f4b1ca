import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { claims, verdicts, type ClaimRow, type VerdictRow } from '../schema/index.js';

export function createClaimsRepository(db: DbOrTx) {
  return {
    /**
     * One claim per distinct normalised text; concurrent first reports of the same text race on the
     * unique index and all land on the same row.
     */
    async findOrCreateByHash(
      input: {
        text: string;
        sourceReportId?: number | null;
        basicText: string;
        basicHash: string;
        normalizedText: string | null;
        regionCode: string | null;
        score?: number | null;
        scoreBand?: string | null;
        signals?: string[];
        scamCandidate?: boolean;
      },
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

    async findByExternalId(externalId: string, tx: DbOrTx = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.externalId, externalId));
      return row;
    },

    async upsertImported(
      input: { externalId: string; text: string; summary: string; basicText: string; basicHash: string; normalizedText: string; regionCode: string | null },
      tx: DbOrTx = db,
    ): Promise<{ claim: ClaimRow; created: boolean }> {
      const existing = await this.findByExternalId(input.externalId, tx);
      if (existing) {
        const [row] = await tx
          .update(claims)
          .set({ ...input, status: 'verified', updatedAt: sql`clock_timestamp()` })
          .where(eq(claims.id, existing.id))
          .returning();
        return { claim: row!, created: false };
      }
      const [row] = await tx.insert(claims).values({ ...input, status: 'verified' }).returning();
      return { claim: row!, created: true };
    },

    async findByHash(basicHash: string, tx: DbOrTx = db): Promise<ClaimRow | undefined> {
      const [row] = await tx
        .select()
        .from(claims)
        .where(and(eq(claims.basicHash, basicHash), isNull(claims.externalId)));
      return row;
    },

    /** Reports' own claims (see findByHash) for many cluster keys at once. */
    async findByHashes(basicHashes: string[], tx: DbOrTx = db): Promise<ClaimRow[]> {
      if (basicHashes.length === 0) return [];
      return tx
        .select()
        .from(claims)
        .where(and(inArray(claims.basicHash, basicHashes), isNull(claims.externalId)));
    },

    async findById(id: number, tx: DbOrTx = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id));
      return row;
    },

    async lockById(id: number, tx: DbOrTx): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).for('update');
      return row;
    },

    async setStatus(id: number, status: ClaimRow['status'], tx: DbOrTx = db): Promise<void> {
      await tx.update(claims).set({ status }).where(eq(claims.id, id));
    },

    /** The public summary approved with a verdict; null keeps the claim off the public page and feed. */
    async setSummary(id: number, summary: string | null, tx: DbOrTx = db): Promise<void> {
      await tx.update(claims).set({ summary }).where(eq(claims.id, id));
    },

    async recordReport(claimId: number, tx: DbOrTx = db): Promise<ClaimRow> {
      const [row] = await tx
        .update(claims)
        .set({ reportCount: sql`${claims.reportCount} + 1`, lastSeenAt: sql`now()` })
        .where(eq(claims.id, claimId))
        .returning();
      return row!;
    },

    /**
     * A batch's reports counted once per claim (`counts`: claim id → reports gained); returns each claim's new
     * count, the version its review card is re-rendered for.
     */
    async recordReports(counts: Map<number, number>, tx: DbOrTx = db): Promise<Map<number, number>> {
      if (counts.size === 0) return new Map();
      const rows = await tx.execute<{ id: number; report_count: number }>(sql`
        update claims c set report_count = c.report_count + x.n, last_seen_at = now()
        from jsonb_to_recordset(${JSON.stringify([...counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => ({ id, n })))}::jsonb) as x(id int, n int)
        where c.id = x.id
        returning c.id, c.report_count`);
      return new Map([...rows].map((r) => [Number(r.id), Number(r.report_count)]));
    },

    /** Claims changed after `since`, with their verdict in force: the matching index's feed. */
    async forgetReport(claimId: number, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(claims)
        .set({ reportCount: sql`greatest(${claims.reportCount} - 1, 0)` })
        .where(eq(claims.id, claimId));
    },

    async listForIndex(since: Date | null, tx: DbOrTx = db): Promise<{ rows: IndexedClaim[]; now: Date }> {
      const [clock] = await tx.execute<{ ms: string }>(sql`select (extract(epoch from now()) * 1000)::bigint::text as ms`);
      const rows = await tx
        .select({
          id: claims.id,
          externalId: claims.externalId,
          text: claims.text,
          updatedAt: claims.updatedAt,
          verdict: verdicts.verdict,
          verdictKind: verdicts.kind,
        })
        .from(claims)
        .leftJoin(verdicts, and(eq(verdicts.claimId, claims.id), eq(verdicts.current, true)))
        .where(since ? gt(claims.updatedAt, since) : undefined)
        .orderBy(asc(claims.updatedAt));
      return { rows, now: new Date(Number(clock!.ms)) };
    },

    async touch(claimId: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(claims).set({ updatedAt: sql`clock_timestamp()` }).where(eq(claims.id, claimId));
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

export interface IndexedClaim {
  id: number;
  externalId: string | null;
  text: string;
  updatedAt: Date;
  verdict: VerdictRow['verdict'] | null;
  verdictKind: VerdictRow['kind'] | null;
}
