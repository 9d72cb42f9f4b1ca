import { classifyInbound } from '../domain/conversation.js';
import { id as t } from '../domain/messages/id.js';
import type { InboundMessage } from '../domain/inbound.js';
import { jobIdOf } from '../queues/queues.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { IdentityService } from './identity.service.js';
import type { createCommandsService } from './commands.service.js';

/**
 * The first stop of every chat message: decide what it is, store it, and only then let the adapter
 * acknowledge it. A report is durable in Postgres before anything is queued.
 */
export function createIntakeService(
  deps: ServiceDeps,
  parts: { outbox: Outbox; identity: IdentityService; commands: ReturnType<typeof createCommandsService> },
) {
  const { outbox, identity, commands } = parts;
  const log = deps.logger.child({ svc: 'intake' });

  return {
    async handleMessage(msg: InboundMessage): Promise<void> {
      const intent = classifyInbound(msg);
      if (intent.kind === 'ignore') {
        log.debug({ platform: msg.platform, reason: intent.reason }, 'ignored inbound message');
        return;
      }
      const { resident, chat } = await identity.resolve(msg);
      // Replies are keyed by the message they answer: a redelivered update cannot produce a second reply.
      const replyKey = jobIdOf('reply', msg.platform, chat.chatKey, msg.messageId);

      if (intent.kind === 'reply') {
        await outbox.send({ key: replyKey, platform: msg.platform, chatId: chat.id, purpose: intent.key, body: t[intent.key] });
        return;
      }
      if (intent.kind === 'command') {
        const body = await commands.run(intent.name, intent.args, resident);
        await outbox.send({ key: replyKey, platform: msg.platform, chatId: chat.id, purpose: `command:${intent.name}`, body });
        return;
      }

      const dedupeKey = `${msg.platform}:${chat.chatKey}:${msg.messageId}`;
      const { report, created } = await deps.repos.reports.insertOnce({
        dedupeKey,
        platform: msg.platform,
        residentId: resident.id,
        chatId: chat.id,
        platformMessageId: msg.messageId,
        rawText: intent.text,
        basicText: null,
        mediaKind: msg.media?.kind ?? null,
        mediaFingerprint: msg.media?.fingerprint ?? null,
        forwarded: msg.forwarded,
        receivedAt: msg.receivedAt,
      });
      log.info({ reportId: report.id, platform: msg.platform, created }, 'report stored');
      if (report.status === 'received') {
        await deps.producers.inbound({ reportId: report.id }, jobIdOf(dedupeKey));
      }
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
