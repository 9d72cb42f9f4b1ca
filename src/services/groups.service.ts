import { id as t, type Messages } from '../domain/messages/id.js';
import { VERDICT_LABELS } from '../domain/verdict.js';
import { safeClarification } from '../domain/safe-quote.js';
import { chatKeyOf, encryptAddress } from '../domain/privacy.js';
import { cleanText } from '../domain/conversation.js';
import type { GroupJoin, InboundMessage, Platform } from '../domain/inbound.js';
import type { RegionNames } from './region-names.service.js';
import type { ChatRow, ResidentRow } from '../db/schema/index.js';
import type { Nlp } from '../nlp/index.js';
import { jobIdOf } from '../queues/queues.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { ClaimCatalog } from './claim-catalog.js';
import type { AdapterRegistry } from './outbound.service.js';
import type { AnswerExtrasService } from './answer-extras.js';

/** Shy mode answers only near-identical copies (DESIGN: ≥ 0.95, ≥ 8 content words) of agreed hoaxes. */
export const SHY_MIN_SIMILARITY = 0.95;
export const SHY_MIN_WORDS = 8;
const SHY_VERDICTS = new Set(['hoaks', 'penipuan']);

/**
 * KIM groups: registration by a group admin, subscriptions in private, and the opt-in shy mode in which
 * the bot reads the group and speaks only to correct a copy of a clarified hoax — once per claim per
 * group per day.
 */
export function createGroupsService(
  deps: ServiceDeps,
  parts: { outbox: Outbox; adapters: AdapterRegistry; nlp: Nlp; catalog: ClaimCatalog; names: RegionNames; extras: Pick<AnswerExtrasService, 'dress'> },
) {
  const { groups } = deps.repos;
  const log = deps.logger.child({ svc: 'groups' });

  /**
   * `vouched`: the platform itself says the sender administers the group (a Telegram anonymous admin writes
   * as the group itself), so there is no one to look up.
   */
  async function isAdmin(platform: Platform, chatId: string, userId: string, vouched = false): Promise<boolean> {
    if (vouched) return true;
    const adapter = parts.adapters[platform];
    return Boolean(adapter?.isGroupAdmin && (await adapter.isGroupAdmin(chatId, userId)));
  }

  return {
    isAdmin,

    /**
     * The platform says the bot left or was removed from a group (WhatsApp `group_leave` naming our own
     * number): the KIM group stops receiving broadcasts instead of getting "sent" messages forever.
     */
    async botRemoved(platform: Platform, chatId: string, reason: string): Promise<boolean> {
      const chat = await deps.repos.people.findChat(platform, chatKeyOf(deps.secrets.pseudonymSecret, platform, chatId));
      if (!chat || !(await groups.deactivate(chat.id, reason))) return false;
      await deps.repos.audit.record({ actor: `${platform}-platform`, action: 'group.removed', subject: `chat:${chat.id}`, data: { reason } });
      log.warn({ chatId: chat.id, platform }, 'KIM group deactivated: the bot is no longer a member');
      return true;
    },

    /** Registers a KIM group for a region (the caller has checked that a group admin asked). */
    async register(platform: Platform, chat: ChatRow, code: string, _adminId: string, title?: string): Promise<string> {
      const region = await deps.repos.regionSearch.findByCode(code);
      if (!region) return t.groups.unknownRegion(code.slice(0, 20));
      await groups.register({ chatId: chat.id, platform, name: title ?? chat.title, regionCode: region.code });
      await deps.repos.people.setChatRegion(chat.id, region.code);
      await deps.repos.audit.record({ actor: `${platform}-group-admin`, action: 'group.register', subject: `chat:${chat.id}`, data: { region: region.code } });
      return t.groups.registered((await parts.names.label(region.code)) ?? region.name);
    },

    /** The bot was added to a group: it says once, in two lines, what the group's admins can do. */
    async welcome(event: GroupJoin): Promise<void> {
      const key = chatKeyOf(deps.secrets.pseudonymSecret, event.platform, event.chat.id);
      const chat =
        (await deps.repos.people.findChat(event.platform, key)) ??
        (await deps.repos.people.upsertChat({
          platform: event.platform,
          kind: 'group',
          chatKey: key,
          addressEnc: encryptAddress(deps.secrets.contactKey, event.chat.id),
          residentId: null,
          title: event.chat.title ? cleanText(event.chat.title).slice(0, 200) || null : null,
        }));
      // Keyed by the chat: added, removed and added again, the group hears it once.
      await parts.outbox.send({ key: jobIdOf('welcome', chat.id), platform: event.platform, chatId: chat.id, purpose: 'welcome', body: t.groupHelp });
    },

    /** `m`: the resident's catalogue in private; groups hear Bahasa Indonesia. */
    async berhenti(msg: InboundMessage, chat: ChatRow, m: Messages = t): Promise<string> {
      if (msg.chat.kind === 'private') return (await groups.unsubscribe(chat.id)) ? m.groups.unsubscribed : m.groups.notSubscribed;
      if (!(await isAdmin(msg.platform, msg.chat.id, msg.sender.id, msg.chat.kind === 'group' && msg.sender.groupAdmin === true))) return t.groups.notAdmin;
      if (!(await groups.deactivate(chat.id, 'unregistered by a group admin'))) return t.groups.notRegistered;
      await deps.repos.audit.record({ actor: `${msg.platform}-group-admin`, action: 'group.unregister', subject: `chat:${chat.id}` });
      return t.groups.unregistered;
    },

    async langganan(resident: ResidentRow, chat: ChatRow, m: Messages = t): Promise<string> {
      if (!resident.regionCode) return m.groups.needDesa;
      await groups.subscribe({ residentId: resident.id, chatId: chat.id, platform: chat.platform as Platform, regionCode: resident.regionCode });
      return m.groups.subscribed((await parts.names.label(resident.regionCode)) ?? resident.regionCode);
    },

    async mode(msg: InboundMessage, chat: ChatRow, args: string): Promise<string> {
      const mode = args.trim().toLowerCase();
      if (mode !== 'waspada' && mode !== 'diam') return t.groups.modeUsage;
      if (!(await isAdmin(msg.platform, msg.chat.id, msg.sender.id, msg.chat.kind === 'group' && msg.sender.groupAdmin === true))) return t.groups.notAdmin;
      const group = await groups.byChat(chat.id);
      if (!group?.active) return t.groups.notRegistered;
      // Waspada needs every group message; a Telegram bot in privacy mode only gets commands and replies to it.
      const adapter = parts.adapters[msg.platform];
      if (mode === 'waspada' && adapter?.readsGroupMessages && !(await adapter.readsGroupMessages(msg.chat.id))) return t.groups.cannotReadGroup;
      await groups.setMode(chat.id, mode);
      return t.groups.modeSet(mode);
    },

    /** Group chatter in a shy-mode group: silent unless it is a copy of a clarified hoax. */
    async watch(msg: InboundMessage): Promise<void> {
      if (msg.sender.isBot || msg.command || !msg.text.trim()) return;
      const chat = await deps.repos.people.findChat(msg.platform, chatKey(deps, msg));
      if (!chat) return;
      const group = await groups.byChat(chat.id);
      if (!group?.active || group.mode !== 'waspada') return;
      const normalized = parts.nlp.normalize(msg.text);
      if (normalized.wordCount < SHY_MIN_WORDS) return;
      const best = parts.catalog.index.query(normalized, { limit: 3, minSimilarity: SHY_MIN_SIMILARITY })[0];
      if (!best || best.similarity < SHY_MIN_SIMILARITY) return;
      const meta = parts.catalog.meta(best.id);
      if (!meta?.verdict || !SHY_VERDICTS.has(meta.verdict)) return;
      const claimId = Number(best.id);
      const [verdict, claim] = await Promise.all([deps.repos.claims.currentVerdict(claimId), deps.repos.claims.findById(claimId)]);
      if (!verdict || !claim) return;
      // The group that just saw the hoax gets what it can forward back: the card and the public page's link
      // (no buttons: "did it help?" belongs to a resident's own chat).
      const dressed = await parts.extras.dress({ body: t.shyReply(VERDICT_LABELS[verdict.verdict], safeClarification(verdict.clarification), verdict.sources[0]), claim, verdict });
      const day = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
      const row = await parts.outbox.send({
        // Once per claim per group per day, whatever the number of copies.
        key: jobIdOf('shy', chat.id, best.id, day),
        platform: msg.platform,
        chatId: chat.id,
        purpose: 'shy',
        ...dressed,
        replyToMessageId: msg.messageId,
      });
      log.info({ chatId: chat.id, claimId: best.id, outboundId: row.id }, 'shy mode answered a copy of a clarified hoax');
    },
  };
}

function chatKey(deps: ServiceDeps, msg: InboundMessage): string {
  return chatKeyOf(deps.secrets.pseudonymSecret, msg.platform, msg.chat.id);
}

export type GroupsService = ReturnType<typeof createGroupsService>;
