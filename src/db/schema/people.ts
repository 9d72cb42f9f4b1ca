import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { chatKindEnum, platformEnum, staffRoleEnum } from './enums.js';

/**
 * A resident is known only by a pseudonym: HMAC-SHA256(PSEUDONYM_SECRET, platform:userId).
 * No name or phone number is stored; the address needed to answer lives encrypted on `chats`.
 */
export const residents = pgTable('residents', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  pseudonym: text('pseudonym').notNull().unique(),
  platform: platformEnum('platform').notNull(),
  regionCode: text('region_code'),
  blocked: boolean('blocked').notNull().default(false),
  /** The language the bot uses with this resident (`/bahasa id|en`); see src/domain/messages/index.ts. */
  lang: text('lang').notNull().default('id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const chats = pgTable(
  'chats',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: platformEnum('platform').notNull(),
    kind: chatKindEnum('kind').notNull(),
    /** HMAC of platform:chatId, so a chat can be found again without storing its id in clear. */
    chatKey: text('chat_key').notNull(),
    /** AES-256-GCM of the platform chat id under CONTACT_KEY; decrypted only to send. */
    addressEnc: text('address_enc').notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    title: text('title'),
    regionCode: text('region_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chats_platform_key_uq').on(t.platform, t.chatKey), index('chats_region_idx').on(t.regionCode)],
);

export const staff = pgTable('staff', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  role: staffRoleEnum('role').notNull(),
  regionCode: text('region_code').notNull(),
  /** SHA-256 of the API token; the token itself is shown once. */
  tokenHash: text('token_hash').notNull().unique(),
  /** HMAC keys of the staff member's chat accounts (never the ids in clear), one per platform. */
  telegramUserKey: text('telegram_user_key').unique(),
  whatsappUserKey: text('whatsapp_user_key').unique(),
  /** The same WhatsApp account's other id (`…@lid` beside `628…@c.us`), keyed the same way: groups may name them by either. */
  whatsappLidKey: text('whatsapp_lid_key').unique(),
  telegramUserId: bigint('telegram_user_id', { mode: 'number' }),
  /** SHA-256 of the one-time `/masuk KODE` code that links a chat account; cleared once used. */
  linkCodeHash: text('link_code_hash').unique(),
  linkCodeExpiresAt: timestamp('link_code_expires_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ResidentRow = typeof residents.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
