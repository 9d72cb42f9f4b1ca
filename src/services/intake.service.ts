import { classifyInbound, type CommandName } from '../domain/conversation.js';
import type { ChatterKind } from '../domain/small-talk.js';
import { id } from '../domain/messages/id.js';
import { messagesFor } from '../domain/messages/index.js';
import type { GroupJoin, InboundCallback, InboundMessage } from '../domain/inbound.js';
import type { ChatRow, ResidentRow } from '../db/schema/index.js';
import { jobIdOf } from '../queues/queues.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { IdentityService } from './identity.service.js';
import type { createCommandsService } from './commands.service.js';
import type { ModerationService } from './moderation.service.js';
import type { GroupsService } from './groups.service.js';
import type { RegionPicker } from './region-picker.service.js';
import type { StaffService } from './staff.service.js';
import { BURST_WINDOW_MS, isFragment } from './prepare.service.js';
import { ENQUEUE_WAIT_MS } from './outbox.service.js';
import { settleWithin } from '../queues/bounded.js';
import { createThrottledLog } from '../observability/throttled-log.js';
import type { MediaService } from './media.service.js';
import type { DigestService } from './digest.service.js';

/** A question or greeting this soon after a report refers to it. */
const CHATTER_CONTEXT_MS = 10 * 60_000;

type Reply = { text: string; buttons?: Array<Array<{ text: string; data: string }>> };

/**
 * The first stop of every chat message: decide what it is, store it, and only then let the adapter
 * acknowledge it. A report is durable in Postgres before anything is queued; every answer goes
 * through the outbox keyed by the message it answers, so a redelivered update cannot answer twice.
 */
export function createIntakeService(
  deps: ServiceDeps,
  parts: {
    outbox: Outbox;
    identity: IdentityService;
    commands: ReturnType<typeof createCommandsService>;
    moderation: ModerationService;
    groups: GroupsService;
    picker: RegionPicker;
    staff: StaffService;
    media?: MediaService;
    digest: DigestService;
  },
) {
  const { outbox, identity, commands, moderation, groups, picker, media } = parts;
  const log = deps.logger.child({ svc: 'intake' });
  const slow = createThrottledLog(log);

  async function runCommand(name: CommandName, args: string, msg: InboundMessage, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
    // Group texts stay in Bahasa Indonesia (many readers); in private the resident's own language.
    const t = msg.chat.kind === 'group' ? id : messagesFor(resident.lang);
    switch (name) {
      case 'start':
      case 'bantuan':
        // In a group the people reading are its members and admins: say what the admins can do.
        if (msg.chat.kind === 'group') return { text: t.groupHelp };
        if (name === 'bantuan' && (await parts.staff.byChatUser(msg.platform, msg.sender.id))) return { text: `${t.help}\n\n${t.staffHelp}` };
        return { text: await commands.run(name, args, resident) };
      case 'status':
        return { text: await commands.run(name, args, resident) };
      case 'desa':
        return picker.desa(args, resident, chat);
      case 'masuk':
        return { text: await moderation.masuk(msg, args) };
      case 'moderasi':
        return { text: await moderation.moderasi(msg, chat) };
      case 'daftar':
        return picker.daftar(msg, args, resident, chat);
      case 'berhenti':
        return { text: await groups.berhenti(msg, chat, t) };
      case 'langganan':
        return { text: await groups.langganan(resident, chat, t) };
      case 'mode':
        return { text: await groups.mode(msg, chat, args) };
      case 'ringkasan':
        return { text: await parts.digest.ringkasan(msg, chat, args) };
      case 'hapus':
        return { text: await commands.hapus(args, resident) };
      case 'bahasa':
        return { text: (await commands.bahasa(args, resident)).text };
    }
  }

  /** Past the limit in a window: the first extra message gets one notice, the rest nothing. */
  async function flooded(key: string, limit: number): Promise<'ok' | 'notice' | 'silent'> {
    if (!deps.flood) return 'ok';
    const count = await deps.flood.hit(key, deps.config.flood.windowSec);
    return count <= limit ? 'ok' : count === limit + 1 ? 'notice' : 'silent';
  }

  /**
   * Talk is answered briefly and never stored as a report. A question or a greeting right after a report is
   * about that report; on its own, a bare question is answered by asking for the message itself.
   */
  async function chatterReply(topic: ChatterKind, msg: InboundMessage, resident: ResidentRow, chat: ChatRow): Promise<string> {
    const t = messagesFor(resident.lang);
    if (topic === 'thanks') return t.chatter.thanks;
    const since = new Date(msg.receivedAt.getTime() - CHATTER_CONTEXT_MS);
    const recent = await deps.repos.reports.reportedSince(chat.id, resident.id, since);
    if (recent && topic !== 'ack') return t.chatter.afterReport;
    return topic === 'question' ? t.chatter.askForMessage : topic === 'greeting' ? t.chatter.greeting : t.chatter.ack;
  }

  const dedupeKeyOf = (msg: InboundMessage, chatKey: string) => `${msg.platform}:${chatKey}:${msg.messageId}`;
  const reportRow = (msg: InboundMessage, text: string, truncated: boolean, dedupeKey: string) => ({
    dedupeKey,
    platform: msg.platform,
    platformMessageId: msg.messageId,
    rawText: text,
    basicText: null,
    mediaKind: msg.media?.kind ?? null,
    mediaFingerprint: msg.media?.fingerprint ?? null,
    forwarded: msg.forwarded,
    truncated,
    receivedAt: msg.receivedAt,
  });

  async function storeReport(msg: InboundMessage, text: string, truncated: boolean, resident: ResidentRow, chat: ChatRow): Promise<void> {
    const dedupeKey = dedupeKeyOf(msg, chat.chatKey);
    const { report, created } = await deps.repos.reports.insertOnce({ ...reportRow(msg, text, truncated, dedupeKey), residentId: resident.id, chatId: chat.id });
    await afterStored(msg, text, dedupeKey, { id: report.id, status: report.status, created });
  }

  /**
   * A report from a private chat — nearly every report — is stored in one statement with its resident and
   * chat (found or created by their pseudonymous keys). False when that statement could not see a row a
   * concurrent transaction just created: the caller then stores it step by step.
   */
  async function storePrivateReport(msg: InboundMessage, text: string, truncated: boolean, keys: ReturnType<IdentityService['privateKeys']>): Promise<boolean> {
    const dedupeKey = dedupeKeyOf(msg, keys.chatKey);
    const stored = await deps.repos.reports.storeFromPrivateChat({ ...reportRow(msg, text, truncated, dedupeKey), ...keys });
    if (!stored) return false;
    await afterStored(msg, text, dedupeKey, { id: stored.reportId, status: stored.status, created: stored.created });
    return true;
  }

  async function afterStored(msg: InboundMessage, text: string, dedupeKey: string, report: { id: number; status: string; created: boolean }): Promise<void> {
    // The file too is stored before the platform is acknowledged (its bytes, or the reference to fetch it by).
    if (msg.media && media) await media.attach(report.id, msg.media);
    log.info({ reportId: report.id, platform: msg.platform, created: report.created }, 'report stored');
    // A bare photo waits a moment for the caption or link that usually follows it as a separate message.
    const delayMs = isFragment(text) && msg.media ? BURST_WINDOW_MS : 0;
    // Store first: the report is committed above. Queueing it is bounded — during a Redis outage the
    // resident's message is acknowledged and the reconciler queues the stored report once Redis is back.
    if (report.status === 'received') {
      await settleWithin(deps.producers.inbound({ reportId: report.id }, jobIdOf(dedupeKey), delayMs), ENQUEUE_WAIT_MS, (err) =>
        slow.warn('enqueue', { err: String(err) }, 'inbound queue unavailable; the stored report waits for the reconciler'),
      );
    }
  }

  return {
    async handleMessage(msg: InboundMessage): Promise<void> {
      // A moderator answering the bot's prompt in their chat is giving a clarification, not chatting.
      if (msg.chat.kind === 'group' && !msg.command && !msg.sender.isBot && (await moderation.handleStaffText(msg))) return;
      const intent = classifyInbound(msg);
      if (intent.kind === 'ignore') {
        if (msg.chat.kind === 'group') await groups.watch(msg);
        log.debug({ platform: msg.platform, reason: intent.reason }, 'ignored inbound message');
        return;
      }
      // The common case — a report in a private chat — takes one statement and no lookups: the flood window
      // is keyed by the resident's pseudonym, and resident, chat and report are stored together.
      if (intent.kind === 'report' && msg.chat.kind === 'private') {
        const keys = identity.privateKeys(msg);
        const gate = await flooded(`resident:${keys.pseudonym}`, deps.config.flood.maxReports);
        if (gate === 'silent') return void log.warn({ platform: msg.platform }, 'report flood: ignored');
        if (gate === 'ok' && (await storePrivateReport(msg, intent.text, intent.truncated, keys))) return;
        if (gate === 'notice') {
          const { resident, chat } = await identity.resolve(msg);
          const key = jobIdOf('reply', msg.platform, chat.chatKey, msg.messageId);
          return void (await outbox.send({ key, platform: msg.platform, chatId: chat.id, purpose: 'flood', body: messagesFor(resident.lang).flood }));
        }
        const { resident, chat } = await identity.resolve(msg);
        return storeReport(msg, intent.text, intent.truncated, resident, chat);
      }
      const { resident, chat } = await identity.resolve(msg);
      const t = msg.chat.kind === 'group' ? id : messagesFor(resident.lang);
      const replyKey = jobIdOf('reply', msg.platform, chat.chatKey, msg.messageId);
      const reply = async (r: Reply, purpose: string) =>
        outbox.send({ key: replyKey, platform: msg.platform, chatId: chat.id, purpose, body: r.text, ...(r.buttons ? { buttons: r.buttons } : {}) });

      if (msg.chat.kind === 'group') {
        const gate = await flooded(`group:${chat.id}`, deps.config.flood.maxGroupCommands);
        if (gate !== 'ok') return void log.warn({ chatId: chat.id }, 'group command flood: ignored');
      }
      // Private commands and replies (/status, /hapus, /masuk, help…) each cost a database lookup and an
      // answer: one window per resident, like reports; past it one notice, then silence.
      if (msg.chat.kind === 'private' && intent.kind !== 'report') {
        const gate = await flooded(`private:${resident.id}`, deps.config.flood.maxGroupCommands);
        if (gate === 'notice') return void (await reply({ text: t.floodCommands }, 'flood'));
        if (gate === 'silent') return void log.warn({ residentId: resident.id }, 'private command flood: ignored');
      }
      if (intent.kind === 'report') {
        const gate = await flooded(`resident:${resident.pseudonym}`, deps.config.flood.maxReports);
        if (gate === 'notice') return void (await reply({ text: t.flood }, 'flood'));
        if (gate === 'silent') return void log.warn({ residentId: resident.id }, 'report flood: ignored');
      }
      if (intent.kind === 'reply') return void (await reply({ text: t[intent.key] }, intent.key));
      if (intent.kind === 'chatter') return void (await reply({ text: await chatterReply(intent.topic, msg, resident, chat) }, `chatter:${intent.topic}`));
      if (intent.kind === 'command') {
        return void (await reply(await runCommand(intent.name, intent.args, msg, resident, chat), `command:${intent.name}`));
      }
      await storeReport(msg, intent.text, intent.truncated, resident, chat);
    },

    async handleCallback(cb: InboundCallback): Promise<void> {
      if (cb.sender.isBot) return;
      await moderation.handleCallback(cb);
    },

    /** The bot was added to a group. */
    async handleJoin(event: GroupJoin): Promise<void> {
      await groups.welcome(event);
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
