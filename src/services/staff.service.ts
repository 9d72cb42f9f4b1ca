import { createHash, randomBytes } from 'node:crypto';
import type { StaffRow } from '../db/schema/index.js';
import type { StaffRole } from '../domain/access.js';
import { chatKeyOf } from '../domain/privacy.js';
import type { ServiceDeps } from './deps.js';
import { linkCodeHash, newLinkCode } from './link-code.js';

export const LINK_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Staff accounts: an API token shown once and stored hashed, and a one-time code that links a chat
 * account (`/masuk KODE`). Staff chat accounts are keyed like residents', never stored in clear.
 */
export function createStaffService(deps: Pick<ServiceDeps, 'db' | 'secrets' | 'repos'>) {
  const userKey = (platform: 'telegram' | 'whatsapp', userId: string) => chatKeyOf(deps.secrets.pseudonymSecret, platform, `user:${userId}`);
  return {
    userKey,

    async add(input: { name: string; role: StaffRole; regionCode: string; telegramUserId?: string }): Promise<{ staff: StaffRow; token: string; linkCode: string }> {
      const token = `srg_${randomBytes(24).toString('base64url')}`;
      const linkCode = newLinkCode();
      const row = await deps.repos.staff.create({
        name: input.name,
        role: input.role,
        regionCode: input.regionCode,
        tokenHash: hashSecret(token),
        telegramUserKey: input.telegramUserId ? userKey('telegram', input.telegramUserId) : null,
        linkCodeHash: input.telegramUserId ? null : linkCodeHash(deps.secrets.pseudonymSecret, linkCode),
        linkCodeExpiresAt: input.telegramUserId ? null : new Date(Date.now() + LINK_CODE_TTL_MS),
      });
      await deps.repos.audit.record({ actor: 'cli', action: 'staff.add', subject: `staff:${row.id}`, data: { role: input.role, region: input.regionCode } });
      return { staff: row, token, linkCode };
    },

    async byToken(token: string): Promise<StaffRow | undefined> {
      return deps.repos.staff.findActiveByTokenHash(hashSecret(token));
    },

    /** `aliases`: the same account's other ids (WhatsApp `…@lid`), any of which may be what a group shows. */
    async byChatUser(platform: 'telegram' | 'whatsapp', userId: string, aliases: readonly string[] = []): Promise<StaffRow | undefined> {
      if (aliases.length === 0) return deps.repos.staff.findActiveByUserKey(platform, userKey(platform, userId));
      return deps.repos.staff.findActiveByUserKeys(platform, [userId, ...aliases].map((id) => userKey(platform, id)));
    },

    /**
     * `/masuk KODE`: a valid unused code links the sender's account; the code then stops working. Both of
     * a WhatsApp account's ids are kept, so the moderator is known in a group that shows only the lid.
     */
    async linkWithCode(platform: 'telegram' | 'whatsapp', userId: string, code: string, aliases: readonly string[] = []): Promise<StaffRow | undefined> {
      const lid = platform === 'whatsapp' ? aliases.find((a) => a.endsWith('@lid')) : undefined;
      const keys = { key: userKey(platform, userId), lidKey: lid ? userKey(platform, lid) : undefined };
      const row = await deps.repos.staff.linkByCode(platform, linkCodeHash(deps.secrets.pseudonymSecret, code), keys, new Date());
      if (row) await deps.repos.audit.record({ actor: `staff:${row.id}`, action: 'staff.link', subject: `staff:${row.id}`, data: { platform } });
      return row;
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
