import type { DbOrTx } from '../db/client.js';
import { AppError } from '../domain/errors.js';
import { canReviewClaim, mayReplaceVerdict, verdictKindFor, type Actor } from '../domain/access.js';
import { clarificationMessage, correctionMessage } from '../domain/clarification.js';
import { formatTicket } from '../domain/ticket.js';
import type { VerdictCode } from '../domain/verdict.js';
import type { ClaimRow, OutboundRow, ReportRow, VerdictRow } from '../db/schema/index.js';
import { SUMMARY_MAX, summaryPrefill } from '../domain/safe-quote.js';
import type { ServiceDeps } from './deps.js';
import { messagesFor } from '../domain/messages/index.js';
import type { Outbox } from './outbox.service.js';
import type { ClaimCatalog } from './claim-catalog.js';

/**
 * The summary published with a verdict: what the moderator wrote, else what was approved with an earlier
 * verdict, else the claim's text with personal data masked (what the moderator was shown as the pre-fill).
 */
export function publicSummaryOf(written: string | undefined, claim: Pick<ClaimRow, 'text' | 'summary'>): string | null {
  const summary = written?.trim() || claim.summary || summaryPrefill(claim.text);
  if (summary.length > SUMMARY_MAX) throw new AppError('VALIDATION_FAILED', `the summary is longer than ${SUMMARY_MAX} characters`);
  return summary || null;
}

/** Ledger purposes that count as "this resident has been told the verdict". */
export const ANSWER_PURPOSES = ['ticket+clarification', 'answer', 'correction'] as const;

export interface PublishInput {
  claimId: number;
  verdict: VerdictCode;
  clarification: string;
  sources: string[];
  /** The public summary the moderator wrote or confirmed; absent: the one approved before, else the masked pre-fill. */
  summary?: string;
  actor: Actor;
}

export interface PublishResult {
  verdict: VerdictRow;
  answered: number;
  corrected: number;
}

/**
 * Publishing a verdict: it becomes the claim's verdict in force, and every resident who reported the
 * claim is told — once. Residents told an earlier, different verdict get one correction instead.
 */
export function createVerdictService(
  deps: ServiceDeps,
  parts: { outbox: Outbox; catalog: ClaimCatalog; onPublished?: (claimId: number) => Promise<void> },
) {
  async function stageAnswers(
    claimId: number,
    verdict: VerdictRow,
    previous: VerdictRow | undefined,
    tx: DbOrTx,
    only?: (report: ReportRow) => boolean,
  ): Promise<{ rows: OutboundRow[]; answered: number; corrected: number }> {
    const all = await deps.repos.reports.listByClaim(claimId, tx);
    const claimReports = only ? all.filter(only) : all;
    const told = await deps.repos.outbound.reportsToldWith(claimReports.map((r) => r.id), [...ANSWER_PURPOSES], tx);
    const toldResidents = new Set(claimReports.filter((r) => told.has(r.id)).map((r) => r.residentId));
    const rows: OutboundRow[] = [];
    // Each resident is answered in their own language (/bahasa); the clarification is the moderator's words.
    const langs = await deps.repos.people.languagesOf(claimReports.map((r) => r.residentId), tx);
    const seen = new Set<number>();
    let answered = 0;
    let corrected = 0;
    for (const report of claimReports) {
      if (seen.has(report.residentId)) continue;
      seen.add(report.residentId);
      const ticket = formatTicket(report.id);
      const m = messagesFor(langs.get(report.residentId));
      const platform = report.platform === 'web' ? 'telegram' : report.platform;
      if (!toldResidents.has(report.residentId)) {
        rows.push(
          await parts.outbox.stage(
            { key: `answer-c${claimId}-r${report.residentId}`, platform, chatId: report.chatId, purpose: 'answer', body: clarificationMessage(verdict, ticket, m), reportId: report.id },
            tx,
          ),
        );
        answered++;
      } else if (previous && previous.verdict !== verdict.verdict) {
        rows.push(
          await parts.outbox.stage(
            {
              key: `correction-c${claimId}-r${report.residentId}-v${verdict.id}`,
              platform,
              chatId: report.chatId,
              purpose: 'correction',
              body: correctionMessage(previous, verdict, ticket, m),
              reportId: report.id,
            },
            tx,
          ),
        );
        corrected++;
      }
    }
    return { rows, answered, corrected };
  }

  return {
    /**
     * Who a verdict would reach if published now, for the preview: residents not yet told (an
     * answer), residents told a different verdict (a correction), and how many reported at all.
     */
    async audience(claimId: number, verdict: VerdictCode): Promise<{ reporters: number; answered: number; corrected: number }> {
      const reports = await deps.repos.reports.listByClaim(claimId);
      const told = await deps.repos.outbound.reportsToldWith(reports.map((r) => r.id), [...ANSWER_PURPOSES]);
      const previous = await deps.repos.claims.currentVerdict(claimId);
      const residents = new Set(reports.map((r) => r.residentId));
      const toldResidents = new Set(reports.filter((r) => told.has(r.id)).map((r) => r.residentId));
      const changed = !!previous && previous.verdict !== verdict;
      return { reporters: residents.size, answered: residents.size - toldResidents.size, corrected: changed ? toldResidents.size : 0 };
    },

    /** Residents who joined a decided claim some other way (a merge) are told its verdict, once. */
    async answerNewReporters(claimId: number, tx: DbOrTx): Promise<OutboundRow[]> {
      const verdict = await deps.repos.claims.currentVerdict(claimId, tx);
      if (!verdict) return [];
      return (await stageAnswers(claimId, verdict, undefined, tx)).rows;
    },

    /** One resident whose report a moderator has just confirmed as this claim is told its verdict, once. */
    async answerReport(claimId: number, reportId: number, tx: DbOrTx): Promise<OutboundRow[]> {
      const verdict = await deps.repos.claims.currentVerdict(claimId, tx);
      if (!verdict) return [];
      return (await stageAnswers(claimId, verdict, undefined, tx, (r) => r.id === reportId)).rows;
    },

    async publish(input: PublishInput): Promise<PublishResult> {
      const staged: OutboundRow[] = [];
      const result = await deps.db.transaction(async (tx) => {
        const claim = await deps.repos.claims.lockById(input.claimId, tx);
        if (!claim) throw new AppError('NOT_FOUND', `claim ${input.claimId} not found`);
        // Outside the region is answered like a missing claim: a 403 would confirm it exists.
        if (!canReviewClaim(input.actor, claim)) throw new AppError('NOT_FOUND', `claim ${input.claimId} not found`);
        // Its reports live on the other claim now: a verdict here would reach nobody.
        if (claim.mergedIntoId) throw new AppError('CONFLICT', `claim ${claim.id} was merged into claim ${claim.mergedIntoId}; give the verdict there`);
        const previous = await deps.repos.claims.currentVerdict(claim.id, tx);
        if (!mayReplaceVerdict(input.actor, previous)) throw new AppError('CONFLICT', 'an official verdict is in force; only Diskominfo can change it');
        const verdict = await deps.repos.verdicts.replaceCurrent(
          {
            claimId: claim.id,
            verdict: input.verdict,
            kind: verdictKindFor(input.actor),
            clarification: input.clarification.trim(),
            sources: input.sources,
            staffId: input.actor.id,
          },
          tx,
        );
        await deps.repos.claims.setStatus(claim.id, 'verified', tx);
        await deps.repos.claims.setSummary(claim.id, publicSummaryOf(input.summary, claim), tx);
        await deps.repos.reports.confirmSuggestions(claim.id, tx);
        await deps.repos.claims.touch(claim.id, tx);
        await deps.repos.audit.record(
          {
            actor: `staff:${input.actor.id}`,
            action: 'verdict.publish',
            subject: `claim:${claim.id}`,
            data: { verdict: input.verdict, kind: verdict.kind, previous: previous?.verdict ?? null },
          },
          tx,
        );
        const answers = await stageAnswers(claim.id, verdict, previous, tx);
        staged.push(...answers.rows);
        return { claim, verdict, answered: answers.answered, corrected: answers.corrected };
      });
      const { claim, verdict } = result;
      parts.catalog.put({ id: claim.id, externalId: claim.externalId, text: claim.text, verdict: verdict.verdict, verdictKind: verdict.kind });
      await parts.outbox.dispatch(staged);
      await parts.onPublished?.(input.claimId);
      return { verdict, answered: result.answered, corrected: result.corrected };
    },
  };
}

export type VerdictService = ReturnType<typeof createVerdictService>;
