import type { DbOrTx } from '../db/client.js';
import type { NewOutbound } from '../db/repositories/outbound.repository.js';
import type { OutboundButton, OutboundRow } from '../db/schema/index.js';
import type { Platform } from '../domain/inbound.js';
import type { ServiceDeps } from './deps.js';
import { settleWithin } from '../queues/bounded.js';
import { createThrottledLog } from '../observability/throttled-log.js';

/** How long an answer on the intake path waits for Redis before the ledger row is left to the reconciler. */
export const ENQUEUE_WAIT_MS = 750;

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
  /** A file from the media store sent with `body` as its caption (exactly once, like a text). */
  mediaId?: number;
  /** The clarification card of this verdict goes with the message (see domain/answer-card.ts). */
  cardVerdictId?: number;
}

/**
 * Sending is two steps: stage a ledger row inside the caller's transaction, then dispatch it to the
 * outbound queue after commit. A crash between the two leaves a queued row the reconciler re-sends.
 */
export function createOutbox(deps: Pick<ServiceDeps, 'repos' | 'producers' | 'logger'>) {
  const slow = createThrottledLog(deps.logger.child({ svc: 'outbox' }));
  return {
    async stage(msg: StageMessage, tx?: DbOrTx): Promise<OutboundRow> {
      const { row } = await deps.repos.outbound.insertOnce(ledgerRow(msg), tx);
      return row;
    },

    /** stage() for a batch: one statement (plus one read when some keys already had their row). */
    async stageMany(msgs: StageMessage[], tx?: DbOrTx): Promise<OutboundRow[]> {
      return deps.repos.outbound.insertManyOnce(msgs.map(ledgerRow), tx);
    },

    async dispatch(rows: OutboundRow[]): Promise<void> {
      const jobs = rows.filter((r) => r.state === 'queued').map((r) => ({ outboundId: r.id, key: r.idempotencyKey }));
      if (jobs.length === 1) await deps.producers.outbound(jobs[0]!);
      else if (jobs.length > 1) await deps.producers.outboundBulk(jobs);
    },

    /**
     * Stage and dispatch at once — the intake path (webhook, chat commands). The row is committed
     * first; a Redis that does not answer in time leaves it queued for the reconciler (same job id),
     * so the platform's call is acknowledged instead of hanging through an outage.
     */
    async send(msg: StageMessage): Promise<OutboundRow> {
      const row = await this.stage(msg);
      await settleWithin(this.dispatch([row]), ENQUEUE_WAIT_MS, (err) =>
        slow.warn('dispatch', { err: String(err) }, 'outbound queue unavailable; the reconciler will send the stored reply'),
      );
      return row;
    },
  };
}

function ledgerRow(msg: StageMessage): NewOutbound {
  return {
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
    mediaId: msg.mediaId ?? null,
    cardVerdictId: msg.cardVerdictId ?? null,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
