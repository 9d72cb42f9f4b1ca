import { PG_INT_MAX, REGION_PATTERN } from './claims.schema.js';
import { PLATFORMS } from './groups.schema.js';

/** JSON schemas of the broadcasts API (validation, serialisation and /docs). */

export const broadcastBody = {
  type: 'object',
  required: ['claimId', 'regions', 'platforms'],
  additionalProperties: false,
  properties: {
    claimId: { type: 'integer', minimum: 1, maximum: PG_INT_MAX, description: 'a claim with an official (Diskominfo) verdict' },
    regions: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', pattern: REGION_PATTERN },
      description: 'region code prefixes, each within your region (admins: anywhere)',
    },
    platforms: { type: 'array', minItems: 1, maxItems: PLATFORMS.length, uniqueItems: true, items: { type: 'string', enum: PLATFORMS } },
  },
} as const;

export const broadcastIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: PG_INT_MAX } },
} as const;

export const broadcastCreatedResponse = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer' } },
} as const;

export const previewResponse = {
  type: 'object',
  required: ['text', 'groups', 'subscribers'],
  properties: {
    text: { type: 'string', description: 'exactly the message every target will receive' },
    groups: { type: 'integer', description: 'active KIM groups it reaches' },
    subscribers: { type: 'integer', description: 'residents subscribed in private (/langganan) it reaches' },
  },
} as const;

export const broadcastStatusResponse = {
  type: 'object',
  required: ['status', 'total', 'sent', 'failed', 'pending', 'failures'],
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ['running', 'done'] },
    total: { type: 'integer' },
    sent: { type: 'integer' },
    failed: { type: 'integer' },
    pending: { type: 'integer' },
    failures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['chatId', 'reason'],
        properties: {
          chatId: { type: 'integer', description: "Saring's internal chat row id, never the platform id" },
          reason: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

export const retryResponse = {
  type: 'object',
  required: ['requeued'],
  properties: { requeued: { type: 'integer', description: 'failed deliveries queued again (groups that removed the bot are skipped)' } },
} as const;
