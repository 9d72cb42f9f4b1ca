import { createHash } from 'node:crypto';
import { basicNormalize } from '../domain/conversation.js';
import { classifyChatter } from '../domain/small-talk.js';
import type { ReportRow } from '../db/schema/index.js';
import type { DbOrTx } from '../db/client.js';
import type { ServiceDeps } from './deps.js';

/** The text a report clusters on: its normalised words, or the media fingerprint for a bare photo. */
export function clusterKeyOf(basicText: string, mediaFingerprint: string | null): string {
  const basis = basicText || (mediaFingerprint ? `media:${mediaFingerprint}` : '');
  return createHash('sha256').update(basis).digest('hex');
}

/** Photo, caption and link forwarded as separate messages arrive within this window of each other. */
export const BURST_WINDOW_MS = 2_000;

/**
 * Only fragments merge — a bare photo, a lone link, a two-word caption — so that several different
 * messages forwarded at once stay separate reports.
 */
export function isFragment(rawText: string | null): boolean {
  const text = (rawText ?? '').trim();
  if (!text) return true;
  if (/^(https?:\/\/|www\.)\S+$/i.test(text)) return true;
  return text.split(/\s+/).length <= 3;
}

/**
 * Talk is never half of a forwarded message. Intake answers it without storing a report; this also holds for
 * a report stored by an older version and prepared after an upgrade.
 */
function completes(report: { rawText: string | null; mediaKind: string | null }): boolean {
  return report.mediaKind !== null || classifyChatter(report.rawText ?? '') === null;
}

export type PrepareOutcome = 'prepared' | 'merged' | 'skipped';

/**
 * Pipeline stage 1: merge a message into the report it completes, else normalise it for analysis. A batch in
 * one transaction: its rows locked in id order, one statement to find which of them follow an earlier report
 * of the same resident within the burst window (photo, caption and link sent apart), one to store the texts
 * of the rest. Idempotent: a report already past this stage is skipped. Analysis is the caller's next step
 * (see report-pipeline.ts), not a queue hop.
 */
export function createPrepareService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'logger'>) {
  const service = {
    async prepare(reportId: number): Promise<PrepareOutcome> {
      return (await service.prepareMany([reportId])).get(reportId) ?? 'skipped';
    },

    async prepareMany(reportIds: number[]): Promise<Map<number, PrepareOutcome>> {
      const ids = [...new Set(reportIds)].sort((a, b) => a - b);
      const outcomes = new Map<number, PrepareOutcome>(ids.map((id) => [id, 'skipped']));
      await deps.db.transaction(async (tx) => {
        const locked = await deps.repos.reports.lockMany(ids, tx);
        const missing = ids.filter((id) => !locked.some((r) => r.id === id));
        if (missing.length) deps.logger.warn({ reportIds: missing }, 'inbound job for a report that does not exist');
        const waiting = locked.filter((r) => r.status === 'received');
        const followers = await deps.repos.reports.withEarlierInBurst(waiting, BURST_WINDOW_MS, tx);
        // The common case, a report that follows nothing, is normalised in one statement for the batch; it goes
        // first, so a follower merged into one of them below combines with its stored text.
        const alone = waiting.filter((r) => !followers.has(r.id));
        await deps.repos.reports.setBasicTextMany(alone.map((r) => ({ id: r.id, basicText: basicNormalize(r.rawText ?? '') })), tx);
        for (const r of alone) outcomes.set(r.id, 'prepared');
        // Followers one by one, in id order: each sees the merges of the ones before it.
        for (const report of waiting.filter((r) => followers.has(r.id))) outcomes.set(report.id, await prepareFollower(report, tx));
      });
      return outcomes;
    },
  };

  async function prepareFollower(report: ReportRow, tx: DbOrTx): Promise<PrepareOutcome> {
    const earlier = await deps.repos.reports.previousInBurst(report, BURST_WINDOW_MS, tx);
    if (earlier && completes(report) && (isFragment(report.rawText) || isFragment(earlier.rawText))) {
      // A part arriving while the first is still waiting completes its text; after that it only joins its claim.
      const rawText = [earlier.rawText, report.rawText].filter((t) => t && t.trim()).join('\n');
      const combined = earlier.status === 'received' ? { rawText, basicText: basicNormalize(rawText) } : null;
      await deps.repos.reports.mergeInto(report, earlier, combined, tx);
      if (earlier.claimId) await deps.repos.claims.touch(earlier.claimId, tx);
      deps.logger.info({ reportId: report.id, into: earlier.id }, 'report merged into the one it completes');
      return 'merged';
    }
    await deps.repos.reports.setBasicText(report.id, basicNormalize(report.rawText ?? ''), tx);
    return 'prepared';
  }

  return service;
}
