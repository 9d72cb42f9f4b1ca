import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { platformEnum } from './enums.js';
import { chats, residents } from './people.js';

/** A KIM group registered for broadcasts of its region (`/daftar KODE` by a group admin, or by staff). */
export const kimGroups = pgTable(
  'kim_groups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    platform: platformEnum('platform').notNull(),
    name: text('name'),
    regionCode: text('region_code').notNull(),
    active: boolean('active').notNull().default(true),
    /** Why it stopped receiving: unregistered, or the platform said the bot was blocked/removed. */
    inactiveReason: text('inactive_reason'),
    /** 'diam' (default: broadcasts only) or 'waspada' (shy mode: answers copies of known hoaxes). */
    mode: text('mode').notNull().default('diam'),
    /** Opted in (`/ringkasan on`) to the weekly digest of its kabupaten's clarifications. */
    digest: boolean('digest').notNull().default(false),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('kim_groups_chat_uq').on(t.chatId), index('kim_groups_region_idx').on(t.regionCode)],
);

/** A resident who asked (`/langganan`) to receive their region's broadcasts in private. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    platform: platformEnum('platform').notNull(),
    regionCode: text('region_code').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subscriptions_chat_uq').on(t.chatId)],
);

export type KimGroupRow = typeof kimGroups.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
