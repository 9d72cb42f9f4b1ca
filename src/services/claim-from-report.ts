import type { ReportRow } from '../db/schema/index.js';
import type { CheckResult } from './text-check.js';
import { clusterKeyOf } from './prepare.service.js';

/** Where a report comes from, as `people.reportOrigin` reads it. */
export interface ReportOrigin {
  chatKind: 'private' | 'group' | null;
  chatRegion: string | null;
  residentRegion: string | null;
}

/** A report made in a registered KIM group takes the group's region; a private one the resident's desa. */
export function reportRegion(origin: ReportOrigin): string | null {
  return (origin.chatKind === 'group' ? origin.chatRegion : origin.residentRegion) ?? null;
}

/** The key a report's own claim is found by: its basic text, and its picture's fingerprint. */
export const claimKeyOf = (report: Pick<ReportRow, 'basicText' | 'mediaFingerprint'>): string => clusterKeyOf(report.basicText ?? '', report.mediaFingerprint);

/**
 * The claim a report starts when it matches none (analyze) or a moderator detaches it (suggestions): its own
 * text, cluster key, score and signals. Both paths must key and score it the same way.
 */
export function newClaimOf(report: ReportRow, check: CheckResult | null, regionCode: string | null, text?: string) {
  const basicText = report.basicText ?? '';
  return {
    // With a picture, the text read from it belongs to the claim too: its copies match on it.
    text: text ?? report.rawText ?? '',
    sourceReportId: report.id,
    basicText,
    basicHash: claimKeyOf(report),
    normalizedText: check?.analysis.normalized.text ?? null,
    regionCode,
    score: check?.hoaxScore ?? null,
    scoreBand: check?.band ?? null,
    signals: check?.signals ?? [],
    scamCandidate: check?.analysis.scam.isScam ?? false,
  };
}
