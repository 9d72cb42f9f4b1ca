import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { claims, reports } from './claims.js';

/**
 * One file's content, kept once however often it is forwarded: bytes in the media store under their
 * SHA-256, what was read from them here. Pictures get a perceptual hash and their OCR text.
 */
export const mediaObjects = pgTable(
  'media_objects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sha256: text('sha256').notNull().unique(),
    kind: text('kind').notNull(),
    mime: text('mime'),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** 64-bit DCT hash, its bits as a signed bigint (PostgreSQL has no unsigned one). */
    phash: bigint('phash', { mode: 'bigint' }),
    ocrText: text('ocr_text'),
    ocrConfidence: doublePrecision('ocr_confidence'),
    ocrWords: integer('ocr_words'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('media_objects_phash_idx').on(t.phash)],
);

/**
 * A file a report carried. `sourceRef` is how the platform lets us fetch it later (Telegram file_id);
 * `status` what became of it (see src/media/limits.ts MediaStatus) — the resident is told when refused.
 */
export const reportMedia = pgTable(
  'report_media',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    mediaId: integer('media_id').references(() => mediaObjects.id),
    kind: text('kind').notNull(),
    sourceRef: text('source_ref'),
    mime: text('mime'),
    declaredBytes: integer('declared_bytes'),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_media_report_uq').on(t.reportId), index('report_media_media_idx').on(t.mediaId)],
);

/** Pictures a claim is verified for beyond its own reports' (import-claims `images`). */
export const claimMedia = pgTable(
  'claim_media',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    mediaId: integer('media_id')
      .notNull()
      .references(() => mediaObjects.id),
    source: text('source').notNull().default('import'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.mediaId] }), index('claim_media_media_idx').on(t.mediaId)],
);

export type MediaObjectRow = typeof mediaObjects.$inferSelect;
export type ReportMediaRow = typeof reportMedia.$inferSelect;
