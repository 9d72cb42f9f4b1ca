import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { kimGroups, residents, subscriptions, type KimGroupRow, type SubscriptionRow } from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';

/** region IN prefixes, by Kemendagri nesting: "62.02" matches 62.02 and everything under it. */
function underAny(column: typeof kimGroups.regionCode | typeof subscriptions.regionCode, prefixes: string[]): SQL {
  return or(...prefixes.map((p) => or(eq(column, p), sql`${column} like ${`${p}.%`}`)))!;
}

export function createGroupsRepository(db: DbOrTx) {
  return {
    async register(input: { chatId: number; platform: Platform; name: string | null; regionCode: string }, tx: DbOrTx = db): Promise<KimGroupRow> {
      const [row] = await tx
        .insert(kimGroups)
        .values(input)
        .onConflictDoUpdate({
          target: kimGroups.chatId,
          set: { regionCode: input.regionCode, name: input.name, active: true, inactiveReason: null, registeredAt: sql`now()` },
        })
        .returning();
      return row!;
    },

    async byChat(chatId: number, tx: DbOrTx = db): Promise<KimGroupRow | undefined> {
      const [row] = await tx.select().from(kimGroups).where(eq(kimGroups.chatId, chatId));
      return row;
    },

    async deactivate(chatId: number, reason: string, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(kimGroups)
        .set({ active: false, inactiveReason: reason.slice(0, 300) })
        .where(and(eq(kimGroups.chatId, chatId), eq(kimGroups.active, true)))
        .returning({ id: kimGroups.id });
      return rows.length > 0;
    },

    async setMode(chatId: number, mode: 'diam' | 'waspada', tx: DbOrTx = db): Promise<void> {
      await tx.update(kimGroups).set({ mode }).where(eq(kimGroups.chatId, chatId));
    },

    /** `/ringkasan on|off`: false when the chat is no active KIM group. */
    async setDigest(chatId: number, on: boolean, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(kimGroups)
        .set({ digest: on })
        .where(and(eq(kimGroups.chatId, chatId), eq(kimGroups.active, true)))
        .returning({ id: kimGroups.id });
      return rows.length > 0;
    },

    /** Active KIM groups that asked for the weekly digest. */
    async digestGroups(tx: DbOrTx = db): Promise<Array<{ chatId: number; platform: Platform; regionCode: string }>> {
      const rows = await tx
        .select({ chatId: kimGroups.chatId, platform: kimGroups.platform, regionCode: kimGroups.regionCode })
        .from(kimGroups)
        .where(and(eq(kimGroups.active, true), eq(kimGroups.digest, true)));
      return rows.map((r) => ({ ...r, platform: r.platform as Platform }));
    },

    async list(regionPrefix: string | null, tx: DbOrTx = db): Promise<KimGroupRow[]> {
      return tx
        .select()
        .from(kimGroups)
        .where(regionPrefix ? underAny(kimGroups.regionCode, [regionPrefix]) : undefined)
        .orderBy(kimGroups.regionCode, kimGroups.id);
    },

    async subscribe(input: { residentId: number; chatId: number; platform: Platform; regionCode: string }, tx: DbOrTx = db): Promise<SubscriptionRow> {
      const [row] = await tx
        .insert(subscriptions)
        .values(input)
        .onConflictDoUpdate({ target: subscriptions.chatId, set: { regionCode: input.regionCode, active: true } })
        .returning();
      return row!;
    },

    async unsubscribe(chatId: number, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(subscriptions)
        .set({ active: false })
        .where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.active, true)))
        .returning({ id: subscriptions.id });
      return rows.length > 0;
    },

    /** Every chat a broadcast to these regions and platforms reaches: active KIM groups and subscribers. */
    /** Every chat a broadcast reaches; a subscriber carries their language (`lang`), a group reads Bahasa Indonesia. */
    async targets(prefixes: string[], platforms: Platform[], tx: DbOrTx = db): Promise<Array<{ chatId: number; platform: Platform; kind: 'group' | 'subscriber'; lang: string }>> {
      if (prefixes.length === 0 || platforms.length === 0) return [];
      const groups = await tx
        .select({ chatId: kimGroups.chatId, platform: kimGroups.platform })
        .from(kimGroups)
        .where(and(eq(kimGroups.active, true), inArray(kimGroups.platform, platforms), underAny(kimGroups.regionCode, prefixes)));
      const subs = await tx
        .select({ chatId: subscriptions.chatId, platform: subscriptions.platform, lang: residents.lang })
        .from(subscriptions)
        .innerJoin(residents, eq(residents.id, subscriptions.residentId))
        .where(and(eq(subscriptions.active, true), inArray(subscriptions.platform, platforms), underAny(subscriptions.regionCode, prefixes)));
      return [
        ...groups.map((g) => ({ chatId: g.chatId, platform: g.platform as Platform, kind: 'group' as const, lang: 'id' })),
        ...subs.map((s) => ({ chatId: s.chatId, platform: s.platform as Platform, kind: 'subscriber' as const, lang: s.lang })),
      ];
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
