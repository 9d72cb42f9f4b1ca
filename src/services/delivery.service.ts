import type { DeliveryUpdate } from '../domain/chat-adapter.js';
import type { ServiceDeps } from './deps.js';

/**
 * What a platform says later about a message it took (WhatsApp `message_ack`): the ledger keeps the
 * delivery state, turns an `unconfirmed` row into `sent` once the server accepted it, and puts it back on
 * the queue when the platform reports an error.
 */
export function createDeliveryService(deps: Pick<ServiceDeps, 'repos' | 'producers' | 'logger'>) {
  return {
    /** False when no sent message has that id yet (the adapter tries again a little later). */
    async record(update: DeliveryUpdate): Promise<boolean> {
      const row = await deps.repos.outbound.recordDelivery(update.platform, update.messageId, update.status);
      if (!row) return false;
      if (row.requeued) {
        deps.logger.warn({ outboundId: row.id, platform: update.platform }, 'platform refused a message; queued again');
        await deps.producers.outboundRetry([{ outboundId: row.id, key: row.idempotencyKey }]);
      }
      return true;
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
