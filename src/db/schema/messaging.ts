import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { broadcastStatusEnum, outboundStateEnum, platformEnum } from './enums.js';
import { chats, staff } from './people.js';
import { claims } from './claims.js';

export const broadcasts = pgTable('broadcasts', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  claimId: integer('claim_id')
    .notNull()
    .references(() => claims.id),
  regions: jsonb('regions').$type<string[]>().notNull(),
  platforms: jsonb('platforms').$type<string[]>().notNull(),
  status: broadcastStatusEnum('status').notNull().default('running'),
  createdBy: integer('created_by').references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface OutboundButton {
  text: string;
  data: string;
}

/**
 * Every message the bot sends has a row here before it is queued: the idempotency key is also the
 * BullMQ job id, so a crash or a lost Redis re-queues from here and never sends twice.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    platform: platformEnum('platform').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    purpose: text('purpose').notNull(),
    body: text('body').notNull(),
    buttons: jsonb('buttons').$type<OutboundButton[][]>(),
    replyToMessageId: text('reply_to_message_id'),
    /** A question whose answer the bot waits for: sent so the answer comes as a reply (Telegram `force_reply`). */
    forceReply: boolean('force_reply').notNull().default(false),
    state: outboundStateEnum('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    /** What the platform last said about it (WhatsApp message_ack): server, device, read, played or error. */
    delivery: text('delivery'),
    /** A worker sending this row holds it until then: a second job for the same row (after a Redis loss) waits. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /**
     * After a transient failure (network, 5xx, 429) the row stays queued with the time of its next try: the
     * reconciler puts it back on the queue when it is due, for as long as the retry horizon allows.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    reportId: integer('report_id'),
    /** Set → a picture (or other file) from the media store, sent with `body` as its caption. */
    mediaId: integer('media_id'),
    /**
     * Set → the clarification card of this verdict goes with the message (photo, `body` as its caption; a body
     * longer than a caption allows goes as the card with a short caption, then the text). Rendered at send
     * time from the public card cache; a card that cannot be had never holds the text back.
     */
    cardVerdictId: integer('card_verdict_id'),
    /** The card's part is settled (sent before the text, or given up): a retry sends only what is left. */
    cardDone: boolean('card_done').notNull().default(false),
    broadcastId: integer('broadcast_id').references(() => broadcasts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbound_state_idx').on(t.state),
    index('outbound_broadcast_idx').on(t.broadcastId),
    // Acks name the message by the platform's id.
    index('outbound_platform_message_idx').on(t.platform, t.platformMessageId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

export type OutboundRow = typeof outboundMessages.$inferSelect;
export type BroadcastRow = typeof broadcasts.$inferSelect;
