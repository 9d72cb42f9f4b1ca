import { and, asc, eq, getTableColumns, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { outboundMessages, type OutboundButton, type OutboundRow } from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';

export interface NewOutbound {
  idempotencyKey: string;
  platform: Platform;
  chatId: number;
  purpose: string;
  body: string;
  buttons?: OutboundButton[][] | null;
  replyToMessageId?: string | null;
  forceReply?: boolean;
  reportId?: number | null;
  broadcastId?: number | null;
  mediaId?: number | null;
  cardVerdictId?: number | null;
}

/** What a lease returns beside the row: the resident's message time and the chat's send details. */
export interface LeaseExtras {
  reportReceivedMs: number | null;
  chatKey: string | null;
  chatKind: 'private' | 'group' | null;
  chatAddressEnc: string | null;
}

export function createOutboundRepository(db: DbOrTx) {
  return {
    /** The ledger row is the message's identity: asking twice for the same key yields the first row. */
    async insertOnce(input: NewOutbound, tx: DbOrTx = db): Promise<{ row: OutboundRow; created: boolean }> {
      const [created] = await tx
        .insert(outboundMessages)
        .values(input)
        .onConflictDoNothing({ target: outboundMessages.idempotencyKey })
        .returning();
      if (created) return { row: created, created: true };
      const [existing] = await tx
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.idempotencyKey, input.idempotencyKey));
      return { row: existing!, created: false };
    },

    /** insertOnce for many rows: one multi-row insert, and one read for the keys that already had a row. */
    async insertManyOnce(inputs: NewOutbound[], tx: DbOrTx = db): Promise<OutboundRow[]> {
      if (inputs.length === 0) return [];
      const created = await tx.insert(outboundMessages).values(inputs).onConflictDoNothing({ target: outboundMessages.idempotencyKey }).returning();
      if (created.length === inputs.length) return created;
      const have = new Set(created.map((r) => r.idempotencyKey));
      const missing = inputs.map((i) => i.idempotencyKey).filter((k) => !have.has(k));
      return [...created, ...(await this.findByKeys(missing, tx))];
    },

    async findByKeys(keys: string[], tx: DbOrTx = db): Promise<OutboundRow[]> {
      if (keys.length === 0) return [];
      return tx.select().from(outboundMessages).where(inArray(outboundMessages.idempotencyKey, keys));
    },

    async findByKey(key: string, tx: DbOrTx = db): Promise<OutboundRow | undefined> {
      const [row] = await tx.select().from(outboundMessages).where(eq(outboundMessages.idempotencyKey, key));
      return row;
    },

    /**
     * Take the row for sending, in the same round trip that reads it; undefined when it is not queued any more
     * or another worker holds it. `reportReceivedMs` is the resident's message time, for the reply-latency metric.
     */
    async lease(id: number, ms: number, tx: DbOrTx = db): Promise<(OutboundRow & LeaseExtras) | undefined> {
      const [row] = await tx
        .update(outboundMessages)
        .set({ leaseUntil: sql`now() + ${`${ms} milliseconds`}::interval` })
        .where(
          and(
            eq(outboundMessages.id, id),
            eq(outboundMessages.state, 'queued'),
            sql`(${outboundMessages.leaseUntil} is null or ${outboundMessages.leaseUntil} < now())`,
          ),
        )
        .returning({
          ...getTableColumns(outboundMessages),
          // Epoch milliseconds: a plain number survives the driver whatever its date parsing. Written out in SQL
          // because drizzle leaves RETURNING columns unqualified, which makes `id` ambiguous in a subquery.
          reportReceivedMs: sql<number | null>`(select extract(epoch from r.received_at) * 1000 from reports r where r.id = outbound_messages.report_id)`.mapWith(
            (v: string | number | null) => (v === null ? null : Number(v)),
          ),
          // What sending needs of the chat, in the same round trip (the service caches it per chat anyway).
          chatKey: sql<string | null>`(select c.chat_key from chats c where c.id = outbound_messages.chat_id)`,
          chatKind: sql<'private' | 'group' | null>`(select c.kind::text from chats c where c.id = outbound_messages.chat_id)`,
          chatAddressEnc: sql<string | null>`(select c.address_enc from chats c where c.id = outbound_messages.chat_id)`,
        });
      return row;
    },

    async release(id: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(outboundMessages).set({ leaseUntil: null }).where(eq(outboundMessages.id, id));
    },

    async recordAttempt(id: number, error: string | null, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ attempts: sql`${outboundMessages.attempts} + 1`, lastError: error?.slice(0, 1000) ?? null, leaseUntil: null })
        .where(eq(outboundMessages.id, id));
    },

    /** A transient failure: the row stays queued, to be tried again at `at`. */
    async scheduleRetry(id: number, error: string, at: Date, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ attempts: sql`${outboundMessages.attempts} + 1`, lastError: error.slice(0, 1000), leaseUntil: null, nextAttemptAt: at })
        .where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'queued')));
    },

    /** The card part of a two-part answer went out (or was given up): only the text is left to send. */
    async markCardDone(id: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(outboundMessages).set({ cardDone: true, leaseUntil: null }).where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'queued')));
    },

    async markSent(id: number, platformMessageId: string, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ state: 'sent', platformMessageId, sentAt: sql`now()`, attempts: sql`${outboundMessages.attempts} + 1`, leaseUntil: null })
        .where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'queued')));
    },

    /** Handed to the platform, not yet accepted by its server: not re-sent, not yet `sent` either. */
    async markUnconfirmed(id: number, platformMessageId: string, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ state: 'unconfirmed', platformMessageId, attempts: sql`${outboundMessages.attempts} + 1`, leaseUntil: null })
        .where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'queued')));
    },

    /**
     * What the platform says about a message it took (WhatsApp message_ack): stored as `delivery`; an
     * unconfirmed row becomes `sent` on any acceptance, or `queued` again on an error. Undefined when no
     * row has that platform message id (yet).
     */
    async recordDelivery(
      platform: Platform,
      platformMessageId: string,
      status: string,
      tx: DbOrTx = db,
    ): Promise<{ id: number; idempotencyKey: string; requeued: boolean } | undefined> {
      const accepted = status !== 'error';
      const rows = await tx.execute<{ id: number; idempotency_key: string; was: string }>(sql`
        with old as (
          select id, state from outbound_messages
          where platform = ${platform} and platform_message_id = ${platformMessageId}
          for update
        )
        update outbound_messages o set
          delivery = ${status},
          state = case when old.state = 'unconfirmed' then (case when ${accepted} then 'sent' else 'queued' end)::outbound_state else o.state end,
          sent_at = case when old.state = 'unconfirmed' and ${accepted} then now() else o.sent_at end,
          last_error = case when ${accepted} then o.last_error else 'the platform did not accept the message' end
        from old where o.id = old.id
        returning o.id, o.idempotency_key, old.state as was`);
      const row = [...rows][0];
      if (!row) return undefined;
      return { id: row.id, idempotencyKey: row.idempotency_key, requeued: row.was === 'unconfirmed' && !accepted };
    },

    async markFailed(id: number, error: string, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ state: 'failed', lastError: error.slice(0, 1000), attempts: sql`${outboundMessages.attempts} + 1`, leaseUntil: null })
        .where(eq(outboundMessages.id, id));
    },

    /** A message not sent yet can still be changed: it will go out with the latest text. */
    async updateQueued(key: string, set: { body: string; buttons: OutboundButton[][] | null }, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(outboundMessages)
        .set(set)
        .where(and(eq(outboundMessages.idempotencyKey, key), eq(outboundMessages.state, 'queued')))
        .returning({ id: outboundMessages.id });
      return rows.length > 0;
    },

    /** Which of these reports were already told something with one of these purposes. */
    async reportsToldWith(reportIds: number[], purposes: string[], tx: DbOrTx = db): Promise<Set<number>> {
      if (reportIds.length === 0) return new Set();
      const rows = await tx
        .select({ reportId: outboundMessages.reportId })
        .from(outboundMessages)
        .where(and(inArray(outboundMessages.purpose, purposes), inArray(outboundMessages.reportId, reportIds)));
      return new Set(rows.map((r) => r.reportId).filter((id): id is number => id !== null));
    },

    async purgeBodies(before: Date, tx: DbOrTx = db): Promise<number> {
      const rows = await tx
        .update(outboundMessages)
        .set({ body: '' })
        .where(and(lt(outboundMessages.createdAt, before), inArray(outboundMessages.state, ['sent', 'failed']), sql`${outboundMessages.body} <> ''`))
        .returning({ id: outboundMessages.id });
      return rows.length;
    },

    /** Messages of `purpose` the platform took since `since` (sent, or handed over and awaiting its ack). */
    async countPlatformSentSince(platform: Platform, purpose: string, since: Date, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(outboundMessages)
        .where(
          and(
            eq(outboundMessages.platform, platform),
            eq(outboundMessages.purpose, purpose),
            or(and(eq(outboundMessages.state, 'sent'), gt(outboundMessages.sentAt, since)), and(eq(outboundMessages.state, 'unconfirmed'), gt(outboundMessages.createdAt, since))),
          ),
        );
      return row?.n ?? 0;
    },

    async listQueued(limit = 1000, tx: DbOrTx = db): Promise<OutboundRow[]> {
      return tx
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.state, 'queued'))
        .orderBy(asc(outboundMessages.id))
        .limit(limit);
    },
  };
}

export type OutboundRepository = ReturnType<typeof createOutboundRepository>;
