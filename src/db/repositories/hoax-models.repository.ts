import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { hoaxModels, type HoaxModelRow } from '../schema/index.js';
import type { VerdictCode } from '../../domain/verdict.js';

/** Verdicts that teach the scorer: hoaks-like ones (label 1) and `benar` (label 0); the others say nothing. */
const LABEL_OF: Partial<Record<VerdictCode, number>> = { hoaks: 1, penipuan: 1, menyesatkan: 1, benar: 0 };

/** Replaced models that keep their file. */
const KEEP_PREVIOUS = 5;

const rows = async <T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> => (await db.execute(query)) as unknown as T[];

export interface LocalExampleRow {
  reportId: number;
  text: string;
  label: number;
}

export function createHoaxModelsRepository(db: DbOrTx) {
  return {
    /**
     * The claim's reports enter the scorer's local memory with the label of its published verdict (or leave it,
     * when the verdict teaches nothing). Idempotent; call inside the publishing transaction.
     */
    async rememberVerdict(claimId: number, verdict: VerdictCode, tx: DbOrTx = db): Promise<number> {
      await tx.execute(sql`delete from verdict_memory where claim_id = ${claimId}`);
      const label = LABEL_OF[verdict];
      if (label === undefined) return 0;
      const inserted = await rows<{ report_id: number }>(
        tx,
        sql`insert into verdict_memory (report_id, claim_id, verdict, label)
            select r.id, ${claimId}, ${verdict}, ${label} from reports r
            where r.claim_id = ${claimId} and r.merged_into_id is null and r.raw_text is not null and length(trim(r.raw_text)) > 0
            on conflict (report_id) do update set claim_id = excluded.claim_id, verdict = excluded.verdict, label = excluded.label, updated_at = now()
            returning report_id`,
      );
      return inserted.length;
    },

    /** The memory with its texts (read from the reports now: an erased or purged text is gone from it too). */
    async localExamples(tx: DbOrTx = db): Promise<LocalExampleRow[]> {
      const found = await rows<{ report_id: number; text: string; label: number }>(
        tx,
        sql`select m.report_id, r.raw_text as text, m.label from verdict_memory m join reports r on r.id = m.report_id
            where r.raw_text is not null and r.claim_id = m.claim_id order by m.report_id`,
      );
      return found.map((r) => ({ reportId: Number(r.report_id), text: r.text, label: Number(r.label) }));
    },

    /**
     * Changes when the memory does (rows with a text still there, latest change): workers poll it to reload, so an
     * erased or purged report also leaves the scorers' memory.
     */
    async memoryStamp(tx: DbOrTx = db): Promise<string> {
      const [row] = await rows<{ n: number; at: string | null }>(
        tx,
        sql`select count(*)::int as n, max(m.updated_at)::text as at from verdict_memory m join reports r on r.id = m.report_id
            where r.raw_text is not null and r.claim_id = m.claim_id`,
      );
      return `${row?.n ?? 0}@${row?.at ?? ''}`;
    },

    async liveVersion(tx: DbOrTx = db): Promise<string | null> {
      const [row] = await tx.select({ version: hoaxModels.version }).from(hoaxModels).where(eq(hoaxModels.status, 'live'));
      return row?.version ?? null;
    },

    async live(tx: DbOrTx = db): Promise<HoaxModelRow | undefined> {
      const [row] = await tx.select().from(hoaxModels).where(eq(hoaxModels.status, 'live'));
      return row;
    },

    /** The candidate becomes live; the one it replaces is kept as `previous`. */
    async activate(input: { version: string; model: string; check: Record<string, unknown>; localCount: number }, tx: DbOrTx = db): Promise<void> {
      await tx.update(hoaxModels).set({ status: 'previous' }).where(eq(hoaxModels.status, 'live'));
      await tx
        .insert(hoaxModels)
        .values({ ...input, status: 'live', activatedAt: new Date() })
        .onConflictDoUpdate({ target: hoaxModels.version, set: { status: 'live', model: input.model, check: input.check, activatedAt: new Date() } });
      // A model is ~2 MB: the last KEEP_PREVIOUS replaced ones keep theirs (a rollback is one update), older ones
      // keep only their record.
      await tx.execute(sql`update hoax_models set model = null where status = 'previous' and model is not null and version not in
        (select version from hoax_models where status = 'previous' order by activated_at desc nulls last, created_at desc limit ${KEEP_PREVIOUS})`);
    },

    /** A refused candidate: only its check is kept, for the record. */
    async recordRefused(input: { version: string; check: Record<string, unknown>; localCount: number }, tx: DbOrTx = db): Promise<void> {
      await tx
        .insert(hoaxModels)
        .values({ ...input, status: 'refused', model: null })
        .onConflictDoUpdate({ target: hoaxModels.version, set: { check: input.check } });
    },

    async history(limit = 20, tx: DbOrTx = db): Promise<Array<Omit<HoaxModelRow, 'model'>>> {
      return tx
        .select({ version: hoaxModels.version, status: hoaxModels.status, check: hoaxModels.check, localCount: hoaxModels.localCount, createdAt: hoaxModels.createdAt, activatedAt: hoaxModels.activatedAt })
        .from(hoaxModels)
        .orderBy(desc(hoaxModels.createdAt))
        .limit(limit);
    },
  };
}

export type HoaxModelsRepository = ReturnType<typeof createHoaxModelsRepository>;
