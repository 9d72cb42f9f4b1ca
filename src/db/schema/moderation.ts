import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { platformEnum, verdictCodeEnum } from './enums.js';
import { chats, staff } from './people.js';
import { claims } from './claims.js';

/** The moderators' chat of a region (`/moderasi` sent there by a linked staff member). */
export const moderatorChats = pgTable(
  'moderator_chats',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: platformEnum('platform').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    regionCode: text('region_code').notNull(),
    linkedBy: integer('linked_by').references(() => staff.id),
    /** Opted in (`/ringkasan on` by linked staff) to the weekly digest of its region's clarifications. */
    digest: boolean('digest').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('moderator_chats_region_uq').on(t.platform, t.regionCode)],
);

/** One review card per claim per moderators' chat; later reports edit it instead of posting again. */
export const claimCards = pgTable(
  'claim_cards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    moderatorChatId: integer('moderator_chat_id')
      .notNull()
      .references(() => moderatorChats.id),
    regionCode: text('region_code').notNull(),
    outboundKey: text('outbound_key').notNull(),
    platformMessageId: text('platform_message_id'),
    renderedAt: timestamp('rendered_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claim_cards_claim_chat_uq').on(t.claimId, t.moderatorChatId)],
);

/**
 * Buttons carry only a random token; what it allows is looked up here, server-side. A forged or
 * replayed callback finds nothing (or a used token) and does nothing.
 */
export const callbackTokens = pgTable(
  'callback_tokens',
  {
    token: text('token').primaryKey(),
    action: jsonb('action').$type<Record<string, unknown>>().notNull(),
    chatId: integer('chat_id').references(() => chats.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('callback_tokens_created_idx').on(t.createdAt)],
);

/** A moderator's verdict in the making: button → clarification text + link → preview → confirm. */
export const verdictDrafts = pgTable(
  'verdict_drafts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    verdict: verdictCodeEnum('verdict').notNull(),
    clarification: text('clarification'),
    source: text('source'),
    /** The public summary the moderator replaced the pre-fill with ("Ubah ringkasan"); null keeps the pre-fill. */
    summary: text('summary'),
    state: text('state').notNull().default('awaiting_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verdict_drafts_staff_idx').on(t.staffId, t.state)],
);

export type ModeratorChatRow = typeof moderatorChats.$inferSelect;
export type ClaimCardRow = typeof claimCards.$inferSelect;
export type VerdictDraftRow = typeof verdictDrafts.$inferSelect;

/** "Sama dengan klaim lain…": the moderator's next message in that chat names the claim to merge into. */
export const mergeRequests = pgTable('merge_requests', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  claimId: integer('claim_id')
    .notNull()
    .references(() => claims.id),
  staffId: integer('staff_id')
    .notNull()
    .references(() => staff.id),
  chatId: integer('chat_id')
    .notNull()
    .references(() => chats.id),
  state: text('state').notNull().default('awaiting_target'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
