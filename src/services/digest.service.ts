import { id as t } from '../domain/messages/id.js';
import type { InboundMessage, Platform } from '../domain/inbound.js';
import type { VerdictCode } from '../domain/verdict.js';
import { composeDigest, digestRegionOfGroup, digestWindow, DIGEST_MAX_ITEMS, isoWeekOf } from '../domain/digest.js';
import type { ChatRow } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox, StageMessage } from './outbox.service.js';
import type { GroupsService } from './groups.service.js';
import type { StaffService } from './staff.service.js';
import type { RegionNames } from './region-names.service.js';
import { whatsappBroadcastBody } from './whatsapp-broadcast-policy.js';

const ON = new Set(['on', 'nyala', 'aktif', 'ya']);
const OFF = new Set(['off', 'mati', 'stop', 'tidak']);

/** One chat that gets a digest, with every region it asked for (a chat may be a KIM group and a moderators' chat). */
interface DigestTarget {
  chatId: number;
  platform: Platform;
  prefixes: Set<string>;
}

/**
 * The weekly digest: opted in per KIM group (by a group admin) and per moderators' chat (by linked staff),
 * sent once a week through the outbound ledger under a key per chat and ISO week, so it goes exactly once
 * however often the trigger fires.
 */
export function createDigestService(deps: ServiceDeps, parts: { outbox: Outbox; groups: GroupsService; staff: StaffService; names: RegionNames }) {
  const log = deps.logger.child({ svc: 'digest' });
  const label = async (code: string) => (await parts.names.label(code)) ?? code;

  return {
    /**
     * `/ringkasan [on|off]` in a group. In a moderators' chat, a linked staff member decides; in a registered
     * KIM group, a group admin (as for /mode). Anyone may ask for the state.
     */
    async ringkasan(msg: InboundMessage, chat: ChatRow, args: string): Promise<string> {
      const word = args.trim().toLowerCase().split(/\s+/)[0] ?? '';
      const wanted = ON.has(word) ? true : OFF.has(word) ? false : word === '' ? null : undefined;
      if (wanted === undefined) return t.digest.usage;
      const modChats = (await deps.repos.moderation.moderatorChatsOfChat(chat.id)).filter((m) => m.platform === msg.platform);
      const staff = modChats.length > 0 ? await parts.staff.byChatUser(msg.platform as 'telegram' | 'whatsapp', msg.sender.id, msg.sender.aliases) : undefined;
      if (modChats.length > 0 && (staff || wanted === null)) {
        const region = await label(modChats[0]!.regionCode);
        if (wanted === null) return t.digest.state(modChats[0]!.digest, region);
        await deps.repos.moderation.setModeratorDigest(chat.id, wanted);
        await deps.repos.audit.record({ actor: `staff:${staff!.id}`, action: wanted ? 'digest.on' : 'digest.off', subject: `chat:${chat.id}` });
        return wanted ? t.digest.turnedOn(region) : t.digest.turnedOff;
      }
      const group = await deps.repos.groups.byChat(chat.id);
      if (!group?.active) return modChats.length > 0 ? t.staff.notStaff : t.digest.notRegistered;
      const region = await label(digestRegionOfGroup(group.regionCode));
      if (wanted === null) return t.digest.state(group.digest, region);
      const vouched = msg.chat.kind === 'group' && msg.sender.groupAdmin === true;
      if (!(await parts.groups.isAdmin(msg.platform, msg.chat.id, msg.sender.id, vouched))) return t.groups.notAdmin;
      await deps.repos.groups.setDigest(chat.id, wanted);
      await deps.repos.audit.record({ actor: `${msg.platform}-group-admin`, action: wanted ? 'digest.on' : 'digest.off', subject: `chat:${chat.id}` });
      return wanted ? t.digest.turnedOn(region) : t.digest.turnedOff;
    },

    /**
     * Stages this week's digest for every opted-in chat: the published clarifications of the 7 days before
     * `now` in the chat's region, most reported first, with the card of the most reported one. A chat with
     * nothing that week gets nothing. Returns the opted-in chats and how many of them have a digest this week
     * (staged now, or already by an earlier trigger of the same week: the ledger keeps it to one).
     */
    async sendWeeklyDigests(now: Date): Promise<{ chats: number; digests: number }> {
      const targets = new Map<number, DigestTarget>();
      const add = (chatId: number, platform: Platform, prefix: string) => {
        const target = targets.get(chatId) ?? { chatId, platform, prefixes: new Set<string>() };
        target.prefixes.add(prefix);
        targets.set(chatId, target);
      };
      for (const g of await deps.repos.groups.digestGroups()) add(g.chatId, g.platform, digestRegionOfGroup(g.regionCode));
      for (const m of await deps.repos.moderation.digestModeratorChats()) add(m.chatId, m.platform as Platform, m.regionCode);

      const { from, to } = digestWindow(now);
      const week = isoWeekOf(now);
      const publicUrl = deps.config.http.publicUrl;
      const messages: StageMessage[] = [];
      let index = 0;
      // Most groups of a kabupaten share its prefix: one query per distinct region set, not one per chat.
      const found = new Map<string, ReturnType<typeof deps.repos.publicClaims.publishedBetween>>();
      for (const target of targets.values()) {
        const prefixes = [...target.prefixes].sort();
        const key = prefixes.join(' ');
        if (!found.has(key)) found.set(key, deps.repos.publicClaims.publishedBetween({ prefixes, from, to, limit: DIGEST_MAX_ITEMS }));
        const { rows, total } = await found.get(key)!;
        if (total === 0) continue;
        const items = rows.map((r) => ({ claimId: r.id, verdict: r.verdict as VerdictCode, summary: r.summary }));
        const compose = (closing?: string) => composeDigest({ from, to, items, total, publicUrl, ...(closing ? { closing } : {}) }, t);
        messages.push({
          key: `digest-chat${target.chatId}-${week}`,
          platform: target.platform,
          chatId: target.chatId,
          // Paced and capped like a broadcast (WhatsApp's daily cap and jittered gaps count it too).
          purpose: 'broadcast',
          // WhatsApp: not one identical body to many groups (the bulk pattern that gets numbers banned).
          body: target.platform === 'whatsapp' ? whatsappBroadcastBody(compose, Number(week.slice(-2)), index++) : compose(),
          // The card of the week's most reported claim goes with it (rows are most reported first).
          cardVerdictId: rows[0]!.verdictId,
        });
      }
      // Rows already there (an earlier trigger this week) come back as they are: a sent one is not queued again.
      await parts.outbox.dispatch(await parts.outbox.stageMany(messages));
      log.info({ week, chats: targets.size, digests: messages.length }, 'weekly digest staged');
      return { chats: targets.size, digests: messages.length };
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
