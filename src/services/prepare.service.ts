import { createHash } from 'node:crypto';
import { basicNormalize } from '../domain/conversation.js';
import { classifyChatter } from '../domain/small-talk.js';
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

/**
 * Pipeline stage 1 (inbound queue): merge a message into the report it completes, else normalise it and
 * hand it to analysis. Idempotent: a report already past this stage is skipped.
 */
export function createPrepareService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'producers' | 'logger'>) {
  return {
    async prepare(reportId: number): Promise<'prepared' | 'merged' | 'skipped'> {
      const merged = await deps.db.transaction(async (tx) => {
        const report = await deps.repos.reports.lockById(reportId, tx);
        if (!report) {
          deps.logger.warn({ reportId }, 'inbound job for a report that does not exist');
          return 'skipped' as const;
        }
        if (report.status !== 'received') return 'skipped' as const;
        const earlier = await deps.repos.reports.previousInBurst(report, BURST_WINDOW_MS, tx);
        if (earlier && completes(report) && (isFragment(report.rawText) || isFragment(earlier.rawText))) {
          // A part arriving while the first is still waiting completes its text; after that it only joins its claim.
          const rawText = [earlier.rawText, report.rawText].filter((t) => t && t.trim()).join('\n');
          const combined = earlier.status === 'received' ? { rawText, basicText: basicNormalize(rawText) } : null;
          await deps.repos.reports.mergeInto(report, earlier, combined, tx);
          if (earlier.claimId) await deps.repos.claims.touch(earlier.claimId, tx);
          deps.logger.info({ reportId, into: earlier.id }, 'report merged into the one it completes');
          return 'merged' as const;
        }
        await deps.repos.reports.setBasicText(reportId, basicNormalize(report.rawText ?? ''), tx);
        return 'prepared' as const;
      });
      if (merged === 'prepared') await deps.producers.analyze({ reportId });
      return merged;
    },
  };
}
