import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { claimStatusEnum, platformEnum, reportStatusEnum, verdictCodeEnum, verdictKindEnum } from './enums.js';
import { chats, residents, staff } from './people.js';

export const claims = pgTable(
  'claims',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id').unique(),
    status: claimStatusEnum('status').notNull().default('new'),
    text: text('text').notNull(),
    /** Whitespace/case-normalised text; its hash clusters exact repeats. */
    basicText: text('basic_text').notNull(),
    basicHash: text('basic_hash').notNull(),
    normalizedText: text('normalized_text'),
    regionCode: text('region_code'),
    score: doublePrecision('score'),
    /** rendah | sedang | tinggi | tidak_yakin: the band shown instead of the bare score (null: not scored). */
    scoreBand: text('score_band'),
    signals: jsonb('signals').$type<string[]>().notNull().default([]),
    reportCount: integer('report_count').notNull().default(0),
    /** Marks of a scam were found: shown to moderators as a `penipuan` candidate. */
    scamCandidate: boolean('scam_candidate').notNull().default(false),
    /** Region whose moderators currently own the review (desa → kecamatan → kabupaten on escalation). */
    /** Set when moderators found this claim to be the same as another: its reports moved there. */
    mergedIntoId: integer('merged_into_id'),
    routedRegion: text('routed_region'),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    /** The level a claim left unreviewed when its SLA ran out (shown on the card it climbed to). */
    escalatedFrom: text('escalated_from'),
    spikeAlertedAt: timestamp('spike_alerted_at', { withTimezone: true }),
    /**
     * What the open web sees of this claim (/klaim/:id, ClaimReview): written or confirmed by the moderator
     * who gave the verdict, pre-filled with the text's personal data masked. Null: nothing is published.
     */
    summary: text('summary'),
    /** The report whose text became `text`: erasing that report replaces the claim's text too. */
    sourceReportId: integer('source_report_id'),
    /** Bumped on every change that matters to matching (text, verdict); workers poll it to refresh their index. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Only claims born from reports cluster by hash; imported claims may share text with each other.
    uniqueIndex('claims_basic_hash_uq').on(t.basicHash).where(sql`${t.externalId} is null`),
    index('claims_status_idx').on(t.status),
    index('claims_updated_idx').on(t.updatedAt),
  ],
);

export const reports = pgTable(
  'reports',
  {
    /** Also the ticket number shown to residents (T-1000, T-1001, ...). */
    id: integer('id').primaryKey().generatedAlwaysAsIdentity({ startWith: 1000 }),
    /** platform:chatKey:messageId — redelivery of the same platform message is a no-op. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    platform: platformEnum('platform').notNull(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    platformMessageId: text('platform_message_id').notNull(),
    rawText: text('raw_text'),
    basicText: text('basic_text'),
    normalizedText: text('normalized_text'),
    mediaKind: text('media_kind'),
    mediaFingerprint: text('media_fingerprint'),
    forwarded: boolean('forwarded').notNull().default(false),
    /** The text was longer than we keep; the resident is told in the ticket reply. */
    truncated: boolean('truncated').notNull().default(false),
    status: reportStatusEnum('status').notNull().default('received'),
    claimId: integer('claim_id').references(() => claims.id),
    matchLevel: text('match_level'),
    /** A fragment (caption, link) sent right after this report's first part is folded into it. */
    mergedIntoId: integer('merged_into_id'),
    similarity: doublePrecision('similarity'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    analyzedAt: timestamp('analyzed_at', { withTimezone: true }),
  },
  (t) => [
    index('reports_claim_idx').on(t.claimId),
    index('reports_resident_idx').on(t.residentId),
    index('reports_chat_idx').on(t.chatId, t.id),
    index('reports_status_idx').on(t.status),
  ],
);

export const verdicts = pgTable(
  'verdicts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id),
    verdict: verdictCodeEnum('verdict').notNull(),
    kind: verdictKindEnum('kind').notNull(),
    clarification: text('clarification').notNull(),
    sources: jsonb('sources').$type<string[]>().notNull().default([]),
    staffId: integer('staff_id').references(() => staff.id),
    /** The verdict in force for its claim; older ones are kept for the record. */
    current: boolean('current').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('verdicts_current_uq').on(t.claimId).where(sql`${t.current}`)],
);

export type ClaimRow = typeof claims.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type VerdictRow = typeof verdicts.$inferSelect;

