import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { chats, residents, type ChatRow, type ResidentRow } from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';

export function createPeopleRepository(db: DbOrTx) {
  return {
    async upsertResident(input: { pseudonym: string; platform: Platform }, tx: DbOrTx = db): Promise<ResidentRow> {
      const [row] = await tx
        .insert(residents)
        .values(input)
        // A no-op update makes RETURNING give the existing row in one round trip.
        .onConflictDoUpdate({ target: residents.pseudonym, set: { pseudonym: sql`excluded.pseudonym` } })
        .returning();
      return row!;
    },

    async upsertChat(
      input: {
        platform: Platform;
        kind: 'private' | 'group';
        chatKey: string;
        addressEnc: string;
        residentId?: number | null;
        title?: string | null;
      },
      tx: DbOrTx = db,
    ): Promise<ChatRow> {
      const [row] = await tx
        .insert(chats)
        .values({ ...input, residentId: input.residentId ?? null, title: input.title ?? null })
        .onConflictDoUpdate({
          target: [chats.platform, chats.chatKey],
          set: { title: sql`coalesce(excluded.title, ${chats.title})` },
        })
        .returning();
      return row!;
    },

    async findChat(platform: Platform, chatKey: string, tx: DbOrTx = db): Promise<ChatRow | undefined> {
      const [row] = await tx.select().from(chats).where(and(eq(chats.platform, platform), eq(chats.chatKey, chatKey)));
      return row;
    },

    /** reportOrigin for a batch of reports, in one round trip; keyed `chatId:residentId`. */
    async reportOrigins(pairs: Array<{ chatId: number; residentId: number }>, tx: DbOrTx = db): Promise<Map<string, ReportOrigin>> {
      if (pairs.length === 0) return new Map();
      const rows = await tx.execute<{ chat_id: number; resident_id: number; chat_kind: ChatRow['kind'] | null; chat_region: string | null; resident_region: string | null; blocked: boolean; lang: string }>(sql`
        select x.chat_id, x.resident_id, c.kind as chat_kind, c.region_code as chat_region, r.region_code as resident_region, r.blocked, r.lang
        from jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ chat_id: p.chatId, resident_id: p.residentId })))}::jsonb) as x(chat_id int, resident_id int)
        join residents r on r.id = x.resident_id
        left join chats c on c.id = x.chat_id`);
      const out = new Map<string, ReportOrigin>();
      for (const row of rows) {
        out.set(`${row.chat_id}:${row.resident_id}`, { chatKind: row.chat_kind, chatRegion: row.chat_region, residentRegion: row.resident_region, blocked: row.blocked, lang: row.lang });
      }
      return out;
    },

    /** What analysing a report needs of where it came from, in one round trip. */
    async reportOrigin(
      chatId: number,
      residentId: number,
      tx: DbOrTx = db,
    ): Promise<{ chatKind: ChatRow['kind'] | null; chatRegion: string | null; residentRegion: string | null; blocked: boolean; lang: string }> {
      const [row] = await tx
        .select({ chatKind: chats.kind, chatRegion: chats.regionCode, residentRegion: residents.regionCode, blocked: residents.blocked, lang: residents.lang })
        .from(residents)
        .leftJoin(chats, eq(chats.id, chatId))
        .where(eq(residents.id, residentId));
      return row ?? { chatKind: null, chatRegion: null, residentRegion: null, blocked: false, lang: 'id' };
    },

    async setResidentLang(id: number, lang: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(residents).set({ lang }).where(eq(residents.id, id));
    },

    /** Each resident's language, for texts composed for many residents at once (answers, broadcasts). */
    async languagesOf(ids: number[], tx: DbOrTx = db): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select({ id: residents.id, lang: residents.lang }).from(residents).where(inArray(residents.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, r.lang]));
    },

    async findResidentById(id: number, tx: DbOrTx = db): Promise<ResidentRow | undefined> {
      const [row] = await tx.select().from(residents).where(eq(residents.id, id));
      return row;
    },

    async setResidentRegion(id: number, regionCode: string | null, tx: DbOrTx = db): Promise<void> {
      await tx.update(residents).set({ regionCode }).where(eq(residents.id, id));
    },

    async setChatRegion(id: number, regionCode: string | null, tx: DbOrTx = db): Promise<void> {
      await tx.update(chats).set({ regionCode }).where(eq(chats.id, id));
    },

    async allChats(tx: DbOrTx = db): Promise<ChatRow[]> {
      return tx.select().from(chats).orderBy(chats.id);
    },

    async setChatKey(id: number, chatKey: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(chats).set({ chatKey }).where(eq(chats.id, id));
    },

    /** The chat keeps its row (and every group, moderators' chat and card that points to it) under a new platform id. */
    async moveChat(id: number, to: { chatKey: string; addressEnc: string }, tx: DbOrTx = db): Promise<void> {
      await tx.update(chats).set(to).where(eq(chats.id, id));
    },

    async setResidentPseudonym(id: number, pseudonym: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(residents).set({ pseudonym }).where(eq(residents.id, id));
    },

    async countResidentsWithoutPrivateChat(tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(residents)
        .where(sql`not exists (select 1 from ${chats} c where c.resident_id = ${residents.id} and c.kind = 'private')`);
      return row?.n ?? 0;
    },

    async blockResident(id: number, tx: DbOrTx = db): Promise<void> {
      await tx.update(residents).set({ blocked: true }).where(eq(residents.id, id));
    },

    async findChatById(id: number, tx: DbOrTx = db): Promise<ChatRow | undefined> {
      const [row] = await tx.select().from(chats).where(eq(chats.id, id));
      return row;
    },
  };
}

export interface ReportOrigin {
  chatKind: ChatRow['kind'] | null;
  chatRegion: string | null;
  residentRegion: string | null;
  blocked: boolean;
  /** The resident's language for what the bot tells them (/bahasa). */
  lang: string;
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
