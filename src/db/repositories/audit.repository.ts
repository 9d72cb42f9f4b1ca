import type { DbOrTx } from '../client.js';
import { auditEvents } from '../schema/index.js';

export function createAuditRepository(db: DbOrTx) {
  return {
    async record(event: { actor: string; action: string; subject?: string; data?: Record<string, unknown> }, tx: DbOrTx = db) {
      await tx.insert(auditEvents).values({ ...event, data: event.data ?? {} });
    },
  };
}
