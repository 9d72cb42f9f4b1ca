import { and, eq, sql } from 'drizzle-orm';
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

    /** One ledger row per target in a single statement: the fan-out is all-or-nothing. */
    async stageDeliveries(rows: NewOutbound[], tx: DbOrTx = db): Promise<OutboundRow[]> {
      const out: OutboundRow[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        out.push(...(await tx.insert(outboundMessages).values(rows.slice(i, i + 1000)).onConflictDoNothing({ target: outboundMessages.idempotencyKey }).returning()));
      }
      return out;
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
