import { SOURCE_OPTIONAL_VERDICTS, VERDICT_CODES } from '../../domain/verdict.js';
import { SUMMARY_MAX } from '../../domain/safe-quote.js';

/** JSON schemas of the claims API: fastify validates and serialises with them, and /docs is built from them. */

export const REGION_PATTERN = '^[0-9]{2}([.][0-9]{2}([.][0-9]{2}([.][0-9]{4})?)?)?$';
export const CLAIM_STATUSES = ['new', 'in_review', 'verified', 'closed'] as const;
export const CLARIFICATION_MAX = 700;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;

export const errorResponses = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema } as const;

/** Row ids are PostgreSQL `integer`: anything above this is no id of ours (400, never a database error). */
export const PG_INT_MAX = 2_147_483_647;
export const rowId = { type: 'integer', minimum: 1, maximum: PG_INT_MAX } as const;

export const claimIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: rowId },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: CLAIM_STATUSES },
    region: { type: 'string', pattern: REGION_PATTERN, description: 'region code prefix, within your own region' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;
const verdictCode = { type: ['string', 'null'], enum: [...VERDICT_CODES, null] } as const;
const verdictKind = { type: ['string', 'null'], enum: ['community', 'official', null] } as const;

/** What the queue and the detail view both say about a claim. */
const claimCoreProperties = {
  id: { type: 'integer' },
  status: { type: 'string', enum: CLAIM_STATUSES },
  text: { type: 'string' },
  regionCode: nullableString,
  routedRegion: nullableString,
  score: { type: ['number', 'null'] },
  /** rendah | sedang | tinggi | tidak_yakin: how moderators should read the score (null: not scored). */
  scoreBand: { type: ['string', 'null'], enum: ['rendah', 'sedang', 'tinggi', 'tidak_yakin', null] },
  signals: { type: 'array', items: { type: 'string' } },
  scamCandidate: { type: 'boolean' },
  reportCount: { type: 'integer' },
  firstSeenAt: { type: 'string', format: 'date-time' },
  lastSeenAt: { type: 'string', format: 'date-time' },
} as const;

export const queueItemSchema = {
  type: 'object',
  properties: {
    ...claimCoreProperties,
    snippet: { type: 'string' },
    reporters: { type: 'integer', description: 'distinct residents who reported it' },
    reportsLastHour: { type: 'integer' },
    desaCount: { type: 'integer', description: 'distinct desa/kelurahan of the reporting chats, where known' },
    suggested: { type: 'integer', description: 'reports only suggested as this claim, waiting for a moderator to confirm or detach them' },
    urgency: { type: 'number', description: 'score × reporters × (1 + reports in the last hour)' },
    verdict: verdictCode,
    verdictKind,
  },
} as const;

export const listResponse = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: queueItemSchema }, nextCursor: nullableString },
} as const;

/** Deliberately no resident, chat or platform ids: the serializer drops anything not listed here. */
export const reportViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ticket: { type: 'string' },
    text: nullableString,
    mediaKind: nullableString,
    forwarded: { type: 'boolean' },
    receivedAt: { type: 'string', format: 'date-time' },
    matchLevel: nullableString,
    similarity: { type: ['number', 'null'] },
  },
} as const;

export const claimDetailResponse = {
  type: 'object',
  properties: {
    ...claimCoreProperties,
    externalId: nullableString,
    normalizedText: nullableString,
    mergedIntoId: { type: ['integer', 'null'], description: 'set when this claim was merged into another' },
    summary: { type: ['string', 'null'], description: 'the public summary approved with the verdict; null: not published' },
    summaryPrefill: { type: 'string', description: 'what a verdict without `summary` publishes: the approved summary, else the text with personal data masked' },
    verdict: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'integer' },
        verdict: { type: 'string', enum: VERDICT_CODES },
        kind: { type: 'string', enum: ['community', 'official'] },
        clarification: { type: 'string' },
        sources: { type: 'array', items: { type: 'string' } },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    reports: { type: 'array', items: reportViewSchema },
  },
} as const;

export const verdictBody = {
  type: 'object',
  required: ['verdict', 'clarification', 'sources'],
  additionalProperties: false,
  properties: {
    verdict: { type: 'string', enum: VERDICT_CODES },
    clarification: { type: 'string', minLength: 1, maxLength: CLARIFICATION_MAX, pattern: '\\S' },
    // http(s) only: sources become links on the dashboard and the public claim page.
    sources: {
      type: 'array',
      minItems: 0,
      maxItems: 5,
      items: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
      description: 'at least one, except for belum_terbukti and di_luar_cakupan (which may have none)',
    },
    summary: {
      type: 'string',
      maxLength: SUMMARY_MAX,
      description: 'the claim as the public page and ClaimReview show it; default: the approved one, else the text with phone numbers, NIK/KK, accounts, e-mails and @handles masked',
    },
  },
  // A source is required unless the verdict is "not proven yet" or "not a checkable claim".
  if: { properties: { verdict: { enum: SOURCE_OPTIONAL_VERDICTS } } },
  else: { properties: { sources: { type: 'array', minItems: 1 } } },
} as const;

export const verdictResponse = {
  type: 'object',
  required: ['verdictId', 'kind', 'answered', 'corrected'],
  properties: {
    verdictId: { type: 'integer' },
    kind: { type: 'string', enum: ['community', 'official'] },
    answered: { type: 'integer', description: 'residents who get the clarification now' },
    corrected: { type: 'integer', description: 'residents told an earlier, different verdict who get a correction' },
  },
} as const;

export const mergeBody = {
  type: 'object',
  required: ['into'],
  additionalProperties: false,
  properties: { into: { ...rowId, description: 'the claim that stays; this one is closed and points at it' } },
} as const;

export const mergeResponse = {
  type: 'object',
  required: ['from', 'into', 'moved', 'answered'],
  properties: {
    from: { type: 'integer' },
    into: { type: 'integer' },
    moved: { type: 'integer', description: 'reports moved to the claim that stays' },
    answered: { type: 'integer', description: 'residents newly told the verdict of the claim that stays' },
  },
} as const;
