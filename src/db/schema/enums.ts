import { pgEnum } from 'drizzle-orm/pg-core';

export const platformEnum = pgEnum('platform', ['telegram', 'whatsapp', 'web']);
export const chatKindEnum = pgEnum('chat_kind', ['private', 'group']);
export const reportStatusEnum = pgEnum('report_status', ['received', 'analyzed', 'deleted']);
export const claimStatusEnum = pgEnum('claim_status', ['new', 'in_review', 'verified', 'closed']);
export const verdictCodeEnum = pgEnum('verdict_code', [
  'hoaks',
  'penipuan',
  'menyesatkan',
  'belum_terbukti',
  'benar',
  'di_luar_cakupan',
]);
export const verdictKindEnum = pgEnum('verdict_kind', ['community', 'official']);
export const staffRoleEnum = pgEnum('staff_role', ['admin', 'diskominfo', 'moderator']);
/**
 * `unconfirmed`: handed to the platform, whose server has not accepted it yet (WhatsApp: ack still
 * ACK_PENDING); it becomes `sent` on the server's ack, `queued` again on an error ack. Never re-sent meanwhile.
 */
export const outboundStateEnum = pgEnum('outbound_state', ['queued', 'sent', 'failed', 'unconfirmed']);
export const broadcastStatusEnum = pgEnum('broadcast_status', ['running', 'done']);
