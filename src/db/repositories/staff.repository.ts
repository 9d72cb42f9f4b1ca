import { and, asc, eq, gt, inArray, isNull, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { staff, type StaffRow } from '../schema/index.js';

export type NewStaff = typeof staff.$inferInsert;
export type StaffPlatform = 'telegram' | 'whatsapp';

/** Staff accounts, looked up only by hashes and keys: tokens, codes and chat ids never reach the database in clear. */
export function createStaffRepository(db: DbOrTx) {
  return {
    async create(values: NewStaff, tx: DbOrTx = db): Promise<StaffRow> {
      const [row] = await tx.insert(staff).values(values).returning();
      return row!;
    },

    async findById(id: number, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx.select().from(staff).where(eq(staff.id, id));
      return row;
    },

    /** Every account (disabled ones too), oldest first; `prefix` keeps those whose region lies in it. */
    async list(prefix: string | null, tx: DbOrTx = db): Promise<StaffRow[]> {
      const where = prefix ? or(eq(staff.regionCode, prefix), like(staff.regionCode, `${prefix}.%`)) : undefined;
      return tx.select().from(staff).where(where).orderBy(asc(staff.id));
    },

    /** A new API token hash for an enabled account: the old token stops matching in the same statement. */
    async replaceTokenHash(id: number, tokenHash: string, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx.update(staff).set({ tokenHash }).where(and(eq(staff.id, id), isNull(staff.disabledAt))).returning();
      return row;
    },

    /** A new one-time link code for an enabled account (replacing any unused one). */
    async replaceLinkCode(id: number, linkCodeHash: string, expiresAt: Date, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx
        .update(staff)
        .set({ linkCodeHash, linkCodeExpiresAt: expiresAt })
        .where(and(eq(staff.id, id), isNull(staff.disabledAt)))
        .returning();
      return row;
    },

    /** Disables an account; its unused link code goes too. Undefined when there is no such enabled account. */
    async disable(id: number, now: Date, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx
        .update(staff)
        .set({ disabledAt: now, linkCodeHash: null, linkCodeExpiresAt: null })
        .where(and(eq(staff.id, id), isNull(staff.disabledAt)))
        .returning();
      return row;
    },

    /** An enabled account by the hash of its API token. */
    async findActiveByTokenHash(tokenHash: string, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx
        .select()
        .from(staff)
        .where(and(eq(staff.tokenHash, tokenHash), isNull(staff.disabledAt)));
      return row;
    },

    /** An enabled account by the key of its chat account on `platform`. */
    async findActiveByUserKey(platform: StaffPlatform, userKey: string, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx
        .select()
        .from(staff)
        .where(and(eq(platform === 'telegram' ? staff.telegramUserKey : staff.whatsappUserKey, userKey), isNull(staff.disabledAt)));
      return row;
    },

    /** An enabled account by any of the keys of one chat account (WhatsApp: its phone-form id and its lid). */
    async findActiveByUserKeys(platform: StaffPlatform, userKeys: string[], tx: DbOrTx = db): Promise<StaffRow | undefined> {
      if (userKeys.length === 0) return undefined;
      const match = platform === 'telegram' ? inArray(staff.telegramUserKey, userKeys) : or(inArray(staff.whatsappUserKey, userKeys), inArray(staff.whatsappLidKey, userKeys));
      const [row] = await tx
        .select()
        .from(staff)
        .where(and(match, isNull(staff.disabledAt)))
        .limit(1);
      return row;
    },

    /**
     * Links the chat account `userKey` to the enabled account whose unexpired link code hashes to
     * `codeHash`, clearing the code in the same statement so it works once; undefined when none matches.
     */
    async linkByCode(
      platform: StaffPlatform,
      codeHash: string,
      userKey: string | { key: string; lidKey?: string | undefined },
      now: Date,
      tx: DbOrTx = db,
    ): Promise<StaffRow | undefined> {
      const { key, lidKey } = typeof userKey === 'string' ? { key: userKey, lidKey: undefined } : userKey;
      const keys = platform === 'telegram' ? { telegramUserKey: key } : { whatsappUserKey: key, whatsappLidKey: lidKey ?? null };
      const [row] = await tx
        .update(staff)
        .set({ ...keys, linkCodeHash: null, linkCodeExpiresAt: null })
        .where(and(eq(staff.linkCodeHash, codeHash), gt(staff.linkCodeExpiresAt, now), isNull(staff.disabledAt)))
        .returning();
      return row;
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
