import type { DbOrTx } from '../db/client.js';
import type { OutboundButton, OutboundRow } from '../db/schema/index.js';
import type { Platform } from '../domain/inbound.js';
import type { ServiceDeps } from './deps.js';

export interface StageMessage {
  key: string;
  platform: Platform;
  chatId: number;
  purpose: string;
  body: string;
  buttons?: OutboundButton[][];
  replyToMessageId?: string;
  /** The bot waits for an answer to this message (a moderator's prompt). */
  forceReply?: boolean;
  reportId?: number;
  broadcastId?: number;
}

/**
 * Sending is two steps: stage a ledger row inside the caller's transaction, then dispatch it to the
 * outbound queue after commit. A crash between the two leaves a queued row the reconciler re-sends.
 */
export function createOutbox(deps: Pick<ServiceDeps, 'repos' | 'producers' | 'logger'>) {
  return {
    async stage(msg: StageMessage, tx?: DbOrTx): Promise<OutboundRow> {
      const { row } = await deps.repos.outbound.insertOnce(
        {
          idempotencyKey: msg.key,
          platform: msg.platform,
          chatId: msg.chatId,
          purpose: msg.purpose,
          body: msg.body,
          buttons: msg.buttons ?? null,
          replyToMessageId: msg.replyToMessageId ?? null,
          ...(msg.forceReply ? { forceReply: true } : {}),
          reportId: msg.reportId ?? null,
          broadcastId: msg.broadcastId ?? null,
        },
        tx,
      );
      return row;
    },

    async dispatch(rows: OutboundRow[]): Promise<void> {
      const jobs = rows.filter((r) => r.state === 'queued').map((r) => ({ outboundId: r.id, key: r.idempotencyKey }));
      if (jobs.length === 1) await deps.producers.outbound(jobs[0]!);
      else if (jobs.length > 1) await deps.producers.outboundBulk(jobs);
    },

    async send(msg: StageMessage): Promise<OutboundRow> {
      const row = await this.stage(msg);
      await this.dispatch([row]);
      return row;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
