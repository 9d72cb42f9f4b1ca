import { createHash, randomBytes } from 'node:crypto';
import type { StaffRow } from '../db/schema/index.js';
import type { Actor, StaffRole } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { canManageStaff, canSeeStaff, mayAddStaff } from '../domain/staff-access.js';
import { chatKeyOf } from '../domain/privacy.js';
import type { ServiceDeps } from './deps.js';
import { linkCodeHash, newLinkCode } from './link-code.js';

export const LINK_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

/** Who asks: a staff member from the dashboard (checked against the rules) or the operator's CLI (may do anything). */
export type StaffManager = Actor | 'cli';

const newToken = () => `srg_${randomBytes(24).toString('base64url')}`;
const actorName = (by: StaffManager) => (by === 'cli' ? 'cli' : `staff:${by.id}`);

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Staff accounts: an API token shown once and stored hashed, and a one-time code that links a chat
 * account (`/masuk KODE`). Staff chat accounts are keyed like residents', never stored in clear.
 */
export function createStaffService(deps: Pick<ServiceDeps, 'db' | 'secrets' | 'repos'>) {
  /** The account `by` may manage; outside what `by` may see it is "not found", like a missing one. */
  async function managed(id: number, by: StaffManager): Promise<StaffRow> {
    const row = Number.isSafeInteger(id) && id > 0 ? await deps.repos.staff.findById(id) : undefined;
    if (!row || (by !== 'cli' && !canSeeStaff(by, row))) throw new AppError('NOT_FOUND', `staff #${id} not found`);
    if (by !== 'cli' && !canManageStaff(by, row)) throw new AppError('FORBIDDEN', `you may not manage staff #${id} (${row.role})`);
    return row;
  }
  const userKey = (platform: 'telegram' | 'whatsapp', userId: string) => chatKeyOf(deps.secrets.pseudonymSecret, platform, `user:${userId}`);
  return {
    userKey,

    async add(
      input: { name: string; role: StaffRole; regionCode: string; telegramUserId?: string },
      by: StaffManager = 'cli',
    ): Promise<{ staff: StaffRow; token: string; linkCode: string }> {
      if (by !== 'cli' && !mayAddStaff(by, input)) throw new AppError('FORBIDDEN', `you may not add a ${input.role} in region ${input.regionCode}`);
      const token = newToken();
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
      await deps.repos.audit.record({ actor: actorName(by), action: 'staff.add', subject: `staff:${row.id}`, data: { role: input.role, region: input.regionCode } });
      return { staff: row, token, linkCode };
    },

    /** The accounts `by` may see: everyone for admins and the CLI, the own region's for Diskominfo. */
    async list(by: StaffManager = 'cli'): Promise<StaffRow[]> {
      if (by === 'cli' || by.role === 'admin') return deps.repos.staff.list(null);
      if (by.role !== 'diskominfo') return [];
      return deps.repos.staff.list(by.regionCode);
    },

    /**
     * Disabling ends everything at once: the token (and so every dashboard session, which resolves
     * through it), the Telegram/WhatsApp link (lookups skip disabled accounts) and any unused code.
     */
    async disable(id: number, by: StaffManager = 'cli'): Promise<StaffRow> {
      await managed(id, by);
      if (by !== 'cli' && by.id === id) throw new AppError('CONFLICT', 'you cannot disable your own account');
      const row = await deps.repos.staff.disable(id, new Date());
      if (!row) throw new AppError('CONFLICT', `staff #${id} is already disabled`);
      await deps.repos.audit.record({ actor: actorName(by), action: 'staff.disable', subject: `staff:${id}` });
      return row;
    },

    /** A new API token; the old one (and the sessions opened with it) stops working at once. */
    async rotateToken(id: number, by: StaffManager = 'cli'): Promise<{ staff: StaffRow; token: string }> {
      await managed(id, by);
      const token = newToken();
      const row = await deps.repos.staff.replaceTokenHash(id, hashSecret(token));
      if (!row) throw new AppError('CONFLICT', `staff #${id} is disabled`);
      await deps.repos.audit.record({ actor: actorName(by), action: 'staff.rotate', subject: `staff:${id}` });
      return { staff: row, token };
    },

    /**
     * THE one place a new one-time `/masuk` code is issued for an existing account (CLI `staff code`
     * and the dashboard both call it), so how codes are made and stored changes here only.
     */
    async issueLinkCode(id: number, by: StaffManager = 'cli'): Promise<{ staff: StaffRow; code: string; expiresAt: Date }> {
      await managed(id, by);
      const code = newLinkCode();
      const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
      const row = await deps.repos.staff.replaceLinkCode(id, linkCodeHash(deps.secrets.pseudonymSecret, code), expiresAt);
      if (!row) throw new AppError('CONFLICT', `staff #${id} is disabled`);
      await deps.repos.audit.record({ actor: actorName(by), action: 'staff.code', subject: `staff:${id}` });
      return { staff: row, code, expiresAt };
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
