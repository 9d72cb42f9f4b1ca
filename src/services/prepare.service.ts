import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { basicNormalize } from '../domain/conversation.js';
import { reports } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';

/** The text a report clusters on: its normalised words, or the media fingerprint for a bare photo. */
export function clusterKeyOf(basicText: string, mediaFingerprint: string | null): string {
  const basis = basicText || (mediaFingerprint ? `media:${mediaFingerprint}` : '');
  return createHash('sha256').update(basis).digest('hex');
}

/**
 * Pipeline stage 1 (inbound queue): normalise a stored report, then hand it to analysis.
 * Idempotent: re-running on an already prepared report only re-enqueues analysis.
 */
export function createPrepareService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'producers' | 'logger'>) {
  return {
    async prepare(reportId: number): Promise<'prepared' | 'skipped'> {
      const report = await deps.repos.reports.findById(reportId);
      if (!report) {
        deps.logger.warn({ reportId }, 'inbound job for a report that does not exist');
        return 'skipped';
      }
      if (report.status !== 'received') return 'skipped';
      if (report.basicText === null) {
        await deps.db
          .update(reports)
          .set({ basicText: basicNormalize(report.rawText ?? '') })
          .where(eq(reports.id, reportId));
      }
      await deps.producers.analyze({ reportId });
      return 'prepared';
    },
  };
}
