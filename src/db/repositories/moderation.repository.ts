import { createHmac, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  callbackTokens,
  claimCards,
  moderatorChats,
  verdictDrafts,
  type ClaimCardRow,
  type ModeratorChatRow,
  type VerdictDraftRow,
} from '../schema/index.js';
import type { Platform } from '../../domain/inbound.js';
import type { VerdictCode } from '../../domain/verdict.js';

export type CallbackAction =
  | { kind: 'verdict'; claimId: number; verdict: VerdictCode }
  | { kind: 'same-as'; claimId: number }
  | { kind: 'confirm'; draftId: number }
  | { kind: 'cancel'; draftId: number }
  | { kind: 'edit-summary'; draftId: number }
  | { kind: 'pick-desa'; residentId: number; code: string }
  | { kind: 'report-confirm'; reportId: number }
  | { kind: 'report-detach'; reportId: number }
  /** A resident's 👍/👎 under a verdict answer. */
  | { kind: 'feedback'; verdictId: number; residentId: number; helpful: boolean }
  | RegionAction;

/** Buttons of the desa / group-region picker (region-picker.service). */
export type RegionAction =
  /** Show the choices inside `area` for the search `q` ('' = browse the region tree without a name). */
  | { kind: 'region-area'; purpose: 'desa' | 'daftar'; residentId: number; q: string; area: string | null; page: number }
  | { kind: 'region-pick'; purpose: 'desa' | 'daftar'; residentId: number; code: string }
  /** "Bukan, ganti": put back the desa the resident had before. */
  | { kind: 'region-undo'; residentId: number; previous: string | null };

export function createModerationRepository(db: DbOrTx) {
  async function stableTokensIn(items: Array<{ action: CallbackAction; chatId: number }>, secret: string, tx: DbOrTx = db): Promise<string[]> {
    if (items.length === 0) return [];
    const tokens = items.map(({ action, chatId }) => createHmac('sha256', secret).update(`${chatId}:${JSON.stringify(action)}`).digest('base64url').slice(0, 16));
    await tx
      .insert(callbackTokens)
      .values(items.map(({ action, chatId }, i) => ({ token: tokens[i]!, action, chatId })))
      .onConflictDoNothing();
    return tokens;
  }

  return {
    async setModeratorChat(input: { platform: Platform; chatId: number; regionCode: string; linkedBy: number }, tx: DbOrTx = db): Promise<ModeratorChatRow> {
      const [row] = await tx
        .insert(moderatorChats)
        .values(input)
        // Moved to another chat: that chat has not asked for the weekly digest (yet).
        .onConflictDoUpdate({
          target: [moderatorChats.platform, moderatorChats.regionCode],
          set: { chatId: input.chatId, linkedBy: input.linkedBy, digest: sql`${moderatorChats.digest} and ${moderatorChats.chatId} = excluded.chat_id` },
        })
        .returning();
      return row!;
    },

    async moderatorChatsFor(regionCodes: string[], tx: DbOrTx = db): Promise<ModeratorChatRow[]> {
      if (regionCodes.length === 0) return [];
      return tx.select().from(moderatorChats).where(inArray(moderatorChats.regionCode, regionCodes));
    },

    /** The moderators' chat rows of one chat (one per region it moderates; usually one). */
    async moderatorChatsOfChat(chatId: number, tx: DbOrTx = db): Promise<ModeratorChatRow[]> {
      return tx.select().from(moderatorChats).where(eq(moderatorChats.chatId, chatId));
    },

    async setModeratorDigest(chatId: number, on: boolean, tx: DbOrTx = db): Promise<void> {
      await tx.update(moderatorChats).set({ digest: on }).where(eq(moderatorChats.chatId, chatId));
    },

    /** Moderators' chats that asked for the weekly digest. */
    async digestModeratorChats(tx: DbOrTx = db): Promise<ModeratorChatRow[]> {
      return tx.select().from(moderatorChats).where(eq(moderatorChats.digest, true));
    },

    async moderatorChatById(id: number, tx: DbOrTx = db): Promise<ModeratorChatRow | undefined> {
      const [row] = await tx.select().from(moderatorChats).where(eq(moderatorChats.id, id));
      return row;
    },

    async cardsOf(claimId: number, tx: DbOrTx = db): Promise<ClaimCardRow[]> {
      return tx.select().from(claimCards).where(eq(claimCards.claimId, claimId));
    },

    async insertCard(input: { claimId: number; moderatorChatId: number; regionCode: string; outboundKey: string }, tx: DbOrTx = db): Promise<ClaimCardRow | undefined> {
      const [row] = await tx.insert(claimCards).values(input).onConflictDoNothing().returning();
      return row;
    },

    async setCardMessage(cardId: number, platformMessageId: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(claimCards).set({ platformMessageId, renderedAt: sql`now()` }).where(eq(claimCards.id, cardId));
    },

    /** The card's message is gone (deleted in the chat): the next render posts a new one under `outboundKey`. */
    async replaceCardMessage(cardId: number, outboundKey: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(claimCards).set({ outboundKey, platformMessageId: null, renderedAt: sql`now()` }).where(eq(claimCards.id, cardId));
    },

    /** A random, unguessable token stands for the action; the button carries nothing else. */
    async issueToken(action: CallbackAction, chatId: number | null, tx: DbOrTx = db): Promise<string> {
      const token = randomBytes(12).toString('base64url');
      await tx.insert(callbackTokens).values({ token, action, chatId });
      return token;
    },

    /**
     * Reusable card buttons get stable tokens (an HMAC of the action under a server secret, still
     * unguessable), so re-rendering a card writes nothing new.
     */
    async stableTokens(actions: CallbackAction[], chatId: number, secret: string, tx: DbOrTx = db): Promise<string[]> {
      return stableTokensIn(
        actions.map((action) => ({ action, chatId })),
        secret,
        tx,
      );
    },

    /** stableTokens for buttons in several chats (a batch of tickets), one statement for all. */
    stableTokensIn,

    async findToken(token: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(callbackTokens).where(eq(callbackTokens.token, token));
      return row ? { ...row, action: row.action as unknown as CallbackAction } : undefined;
    },

    /** Single-use tokens (confirm/cancel) are consumed atomically: a replay finds it used. */
    async consumeToken(token: string, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(callbackTokens)
        .set({ usedAt: sql`now()` })
        .where(and(eq(callbackTokens.token, token), isNull(callbackTokens.usedAt)))
        .returning({ token: callbackTokens.token });
      return rows.length === 1;
    },

    async createDraft(input: { claimId: number; staffId: number; chatId: number; verdict: VerdictCode }, tx: DbOrTx = db): Promise<VerdictDraftRow> {
      // One open draft per moderator and chat: a new button press replaces the old one.
      await tx
        .update(verdictDrafts)
        .set({ state: 'cancelled' })
        .where(and(eq(verdictDrafts.staffId, input.staffId), eq(verdictDrafts.chatId, input.chatId), inArray(verdictDrafts.state, ['awaiting_text', 'awaiting_confirm', 'awaiting_summary'])));
      const [row] = await tx.insert(verdictDrafts).values(input).returning();
      return row!;
    },

    /** The draft waiting for this moderator's next message: its clarification, or a new public summary. */
    async pendingDraft(staffId: number, chatId: number, since: Date, tx: DbOrTx = db): Promise<VerdictDraftRow | undefined> {
      const [row] = await tx
        .select()
        .from(verdictDrafts)
        .where(
          and(
            eq(verdictDrafts.staffId, staffId),
            eq(verdictDrafts.chatId, chatId),
            inArray(verdictDrafts.state, ['awaiting_text', 'awaiting_summary']),
            gt(verdictDrafts.createdAt, since),
          ),
        )
        .orderBy(desc(verdictDrafts.id))
        .limit(1);
      return row;
    },

    async draftById(id: number, tx: DbOrTx = db): Promise<VerdictDraftRow | undefined> {
      const [row] = await tx.select().from(verdictDrafts).where(eq(verdictDrafts.id, id));
      return row;
    },

    async updateDraft(id: number, set: Partial<Pick<VerdictDraftRow, 'clarification' | 'source' | 'summary' | 'state'>>, tx: DbOrTx = db): Promise<void> {
      await tx.update(verdictDrafts).set(set).where(eq(verdictDrafts.id, id));
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
