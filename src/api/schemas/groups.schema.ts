import { REGION_PATTERN } from './claims.schema.js';

/** JSON schemas of the KIM groups API. Responses list no platform chat id: the serializer drops anything not named here. */

export const PLATFORMS = ['telegram', 'whatsapp'] as const;

/** Group chats only: Telegram groups have negative ids, WhatsApp groups end in @g.us. */
export const TELEGRAM_GROUP_ID = /^-\d{1,20}$/;
export const WHATSAPP_GROUP_ID = /^\d{5,40}(-\d{1,20})?@g\.us$/;

export const registerGroupBody = {
  type: 'object',
  required: ['platform', 'chatId', 'name', 'region'],
  additionalProperties: false,
  properties: {
    platform: { type: 'string', enum: PLATFORMS },
    chatId: {
      type: 'string',
      minLength: 2,
      maxLength: 80,
      description: 'the platform chat id of the group: a negative number on Telegram, `…@g.us` on WhatsApp',
    },
    name: { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' },
    region: { type: 'string', pattern: REGION_PATTERN, description: 'Kemendagri code of the group, within your region and present in the regions table' },
  },
} as const;

export const registerGroupResponse = {
  type: 'object',
  required: ['id', 'chatId', 'region', 'active'],
  properties: {
    id: { type: 'integer', description: 'the KIM group id' },
    chatId: { type: 'integer', description: "Saring's internal chat row id (the one broadcast failures name), never the platform id" },
    region: { type: 'string' },
    active: { type: 'boolean' },
  },
} as const;

export const listGroupsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    region: { type: 'string', pattern: REGION_PATTERN, description: 'region code prefix, within your own region' },
  },
} as const;

export const groupViewSchema = {
  type: 'object',
  required: ['id', 'name', 'region', 'platform', 'active', 'mode'],
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    region: { type: 'string' },
    platform: { type: 'string', enum: PLATFORMS },
    active: { type: 'boolean' },
    mode: { type: 'string', enum: ['diam', 'waspada'], description: "'waspada' = shy mode" },
    registeredAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const listGroupsResponse = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: groupViewSchema } },
} as const;
