import { AppError } from '../domain/errors.js';
import { canBroadcast, regionCovers, type Actor } from '../domain/access.js';
import type { Platform } from '../domain/inbound.js';
import type { BroadcastRow } from '../db/schema/index.js';
import type { DeliveryCounts } from '../db/repositories/broadcasts.repository.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import { broadcastBodyFor, type BroadcastContent } from './broadcast-body.js';
import type { AnswerExtrasService } from './answer-extras.js';

export interface BroadcastRequest {
  claimId: number;
  regions: string[];
  platforms: Platform[];
  actor: Actor;
}

export interface BroadcastStatus extends DeliveryCounts {
  id: number;
  status: 'running' | 'done';
  failures: Array<{ chatId: number; reason: string | null }>;
}

/**
 * Diskominfo broadcasts an official clarification to the KIM groups of chosen regions. The fan-out is
 * one ledger row per target, written in the same transaction as the broadcast: a crash at any point
 * leaves either nothing or every delivery queued, and the ledger's idempotency keys
 * (broadcast + target) make each group receive it once.
 */
export function createBroadcastService(deps: ServiceDeps, parts: { outbox: Outbox; extras: AnswerExtrasService }) {
  async function prepare(req: BroadcastRequest) {
    if (!canBroadcast(req.actor)) throw new AppError('FORBIDDEN', 'only Diskominfo and admins broadcast');
    const regions = [...new Set(req.regions.map((r) => r.trim()))];
    if (regions.length === 0) throw new AppError('VALIDATION_FAILED', 'choose at least one region');
    if (req.actor.role !== 'admin') {
      const outside = regions.filter((r) => !regionCovers(req.actor.regionCode, r));
      if (outside.length) throw new AppError('FORBIDDEN', `outside your region: ${outside.join(', ')}`);
    }
    const claim = await deps.repos.claims.findById(req.claimId);
    if (!claim) throw new AppError('NOT_FOUND', `claim ${req.claimId} not found`);
    const verdict = await deps.repos.claims.currentVerdict(claim.id);
    if (!verdict || verdict.kind !== 'official') throw new AppError('CONFLICT', 'only a claim with an official verdict can be broadcast');
    const targets = await deps.repos.groups.targets(regions, req.platforms);
    // The summary the moderator approved for the public, when there is one: it has no reporter's details.
    // Every group gets the card with it (sendPhoto / WhatsApp media) and the public page's short link.
    const quoted = claim.summary ?? claim.text;
    // What every delivery says; broadcastBodyFor frames it per reader (language, platform, greeting).
    const content = (broadcastId: number): BroadcastContent => ({ broadcastId, verdict, quoted, shareLine: (t) => parts.extras.shareLine(claim, verdict, t) });
    // The preview is the plain body, as a Telegram group reading Indonesian gets it (WhatsApp's adds a greeting and a closing).
    return { regions, claim, verdict, targets, content, text: broadcastBodyFor(content(0), { platform: 'telegram', lang: 'id', variant: 0 }) };
  }

  return {
    /** What the dashboard shows before sending: the message and how many chats it reaches. */
    async preview(req: BroadcastRequest): Promise<{ text: string; groups: number; subscribers: number }> {
      const p = await prepare(req);
      return { text: p.text, groups: p.targets.filter((t) => t.kind === 'group').length, subscribers: p.targets.filter((t) => t.kind === 'subscriber').length };
    },

    async start(req: BroadcastRequest): Promise<BroadcastRow> {
      const p = await prepare(req);
      const { broadcast, staged } = await deps.db.transaction(async (tx) => {
        const broadcast = await deps.repos.broadcasts.create({ claimId: p.claim.id, regions: p.regions, platforms: req.platforms, createdBy: req.actor.id }, tx);
        const staged = await deps.repos.broadcasts.stageDeliveries(
          p.targets.map((t, i) => ({
            idempotencyKey: `bc${broadcast.id}-chat${t.chatId}`,
            platform: t.platform,
            chatId: t.chatId,
            purpose: 'broadcast',
            // WhatsApp: not one identical body to every group (the bulk pattern that gets numbers banned).
            // A subscriber who chose another language (/bahasa) reads the broadcast's frame in it.
            body: broadcastBodyFor(p.content(broadcast.id), { platform: t.platform, lang: t.lang, variant: i }),
            broadcastId: broadcast.id,
            cardVerdictId: p.verdict.id,
          })),
          tx,
        );
        await deps.repos.audit.record(
          { actor: `staff:${req.actor.id}`, action: 'broadcast.start', subject: `broadcast:${broadcast.id}`, data: { claimId: p.claim.id, regions: p.regions, platforms: req.platforms, targets: staged.length } },
          tx,
        );
        return { broadcast, staged };
      });
      await parts.outbox.dispatch(staged);
      if (staged.length === 0) await deps.repos.broadcasts.markDone(broadcast.id);
      return broadcast;
    },

    async status(id: number, actor: Actor): Promise<BroadcastStatus> {
      const b = await deps.repos.broadcasts.findById(id);
      if (!b) throw new AppError('NOT_FOUND', `broadcast ${id} not found`);
      if (actor.role !== 'admin' && !b.regions.every((r) => regionCovers(actor.regionCode, r))) throw new AppError('FORBIDDEN', 'outside your region');
      const counts = await deps.repos.broadcasts.counts(id);
      let status = b.status;
      if (status === 'running' && counts.pending === 0) {
        await deps.repos.broadcasts.markDone(id);
        status = 'done';
      }
      const failures = counts.failed ? (await deps.repos.broadcasts.failures(id)).map(({ chatId, reason }) => ({ chatId, reason })) : [];
      return { id, status, ...counts, failures };
    },

    async retryFailed(id: number, actor: Actor): Promise<number> {
      await this.status(id, actor);
      const rows = await deps.repos.broadcasts.requeueFailed(id);
      await deps.producers.outboundRetry(rows.map((r) => ({ outboundId: r.id, key: r.idempotencyKey })));
      await deps.repos.audit.record({ actor: `staff:${actor.id}`, action: 'broadcast.retry', subject: `broadcast:${id}`, data: { requeued: rows.length } });
      return rows.length;
    },
  };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;
