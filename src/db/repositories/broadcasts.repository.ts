import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { broadcasts, kimGroups, outboundMessages, type BroadcastRow, type OutboundRow } from '../schema/index.js';
import type { NewOutbound } from './outbound.repository.js';

export interface DeliveryCounts {
  total: number;
  sent: number;
  failed: number;
  pending: number;
}

export function createBroadcastsRepository(db: DbOrTx) {
  return {
    async create(input: { claimId: number; regions: string[]; platforms: string[]; createdBy: number | null }, tx: DbOrTx = db): Promise<BroadcastRow> {
      const [row] = await tx.insert(broadcasts).values(input).returning();
      return row!;
    },

    async findById(id: number, tx: DbOrTx = db): Promise<BroadcastRow | undefined> {
      const [row] = await tx.select().from(broadcasts).where(eq(broadcasts.id, id));
      return row;
    },

    /**
     * One ledger row per target in a single statement: the fan-out is all-or-nothing. The rows go in in the
     * order given, so their ids follow the fan-out: `fanOutPlaces` gives each row back its index.
     */
    async stageDeliveries(rows: NewOutbound[], tx: DbOrTx = db): Promise<OutboundRow[]> {
      const out: OutboundRow[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        out.push(...(await tx.insert(outboundMessages).values(rows.slice(i, i + 1000)).onConflictDoNothing({ target: outboundMessages.idempotencyKey }).returning()));
      }
      return out;
    },

    /**
     * Each of these deliveries' place in its broadcast's fan-out (0 for the first target): the index the start
     * composed its body with (WhatsApp greeting and closing). Counted among the broadcast's own rows in id
     * order, so ids other writers took in between do not shift it; no target is skipped at staging, as every
     * target is a different chat.
     */
    async fanOutPlaces(outboundIds: number[], tx: DbOrTx = db): Promise<Map<number, number>> {
      if (!outboundIds.length) return new Map();
      const ranked = tx
        .select({
          id: outboundMessages.id,
          place: sql<number>`(row_number() over (partition by ${outboundMessages.broadcastId} order by ${outboundMessages.id}) - 1)::int`.as('place'),
        })
        .from(outboundMessages)
        .where(inArray(outboundMessages.broadcastId, tx.select({ id: outboundMessages.broadcastId }).from(outboundMessages).where(inArray(outboundMessages.id, outboundIds))))
        .as('ranked');
      const rows = await tx.select().from(ranked).where(inArray(ranked.id, outboundIds));
      return new Map(rows.map((r) => [r.id, r.place]));
    },

    async counts(broadcastId: number, tx: DbOrTx = db): Promise<DeliveryCounts> {
      const [row] = await tx
        .select({
          total: sql<number>`count(*)::int`,
          sent: sql<number>`count(*) filter (where ${outboundMessages.state} = 'sent')::int`,
          failed: sql<number>`count(*) filter (where ${outboundMessages.state} = 'failed')::int`,
          pending: sql<number>`count(*) filter (where ${outboundMessages.state} in ('queued', 'unconfirmed'))::int`,
        })
        .from(outboundMessages)
        .where(eq(outboundMessages.broadcastId, broadcastId));
      return row ?? { total: 0, sent: 0, failed: 0, pending: 0 };
    },

    async failures(broadcastId: number, tx: DbOrTx = db): Promise<Array<{ outboundId: number; chatId: number; reason: string | null }>> {
      return tx
        .select({ outboundId: outboundMessages.id, chatId: outboundMessages.chatId, reason: outboundMessages.lastError })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.broadcastId, broadcastId), eq(outboundMessages.state, 'failed')));
    },

    async markDone(id: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(broadcasts).set({ status: 'done' }).where(eq(broadcasts.id, id));
    },

    /** Failed deliveries go back to the queue — except to groups that blocked or removed the bot. */
    async requeueFailed(broadcastId: number, tx: DbOrTx = db): Promise<OutboundRow[]> {
      await tx.update(broadcasts).set({ status: 'running' }).where(eq(broadcasts.id, broadcastId));
      return tx
        .update(outboundMessages)
        .set({ state: 'queued', attempts: 0, lastError: null })
        .where(
          and(
            eq(outboundMessages.broadcastId, broadcastId),
            eq(outboundMessages.state, 'failed'),
            sql`not exists (select 1 from ${kimGroups} g where g.chat_id = ${outboundMessages.chatId} and not g.active)`,
          ),
        )
        .returning();
    },
  };
}

export type BroadcastsRepository = ReturnType<typeof createBroadcastsRepository>;
