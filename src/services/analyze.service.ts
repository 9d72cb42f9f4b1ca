import { id as t } from '../domain/messages/id.js';
import { formatTicket } from '../domain/ticket.js';
import { clarificationMessage } from '../domain/clarification.js';
import { jobIdOf } from '../queues/queues.js';
import type { OutboundRow } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import { clusterKeyOf } from './prepare.service.js';

/**
 * Pipeline stage 2 (analyze queue): put the report into its claim and answer the resident with the
 * ticket — and the clarification at once when the claim already has a verdict. All in one
 * transaction with the ledger row, so the reply exists exactly once whatever crashes.
 */
export function createAnalyzeService(deps: ServiceDeps, parts: { outbox: Outbox }) {
  return {
    async analyze(reportId: number): Promise<'analyzed' | 'skipped'> {
      const staged: OutboundRow[] = [];
      const result = await deps.db.transaction(async (tx) => {
        const report = await deps.repos.reports.lockById(reportId, tx);
        if (!report || report.status !== 'received') return 'skipped' as const;
        const basicText = report.basicText ?? '';
        const chat = await deps.repos.people.findChatById(report.chatId, tx);
        const claim = await deps.repos.claims.findOrCreateByHash(
          {
            text: report.rawText ?? '',
            basicText,
            basicHash: clusterKeyOf(basicText, report.mediaFingerprint),
            normalizedText: null,
            regionCode: chat?.regionCode ?? null,
          },
          tx,
        );
        await deps.repos.claims.recordReport(claim.id, tx);
        await deps.repos.reports.markAnalyzed(
          reportId,
          { claimId: claim.id, normalizedText: null, matchLevel: 'exact', similarity: 1 },
          tx,
        );
        const verdict = await deps.repos.claims.currentVerdict(claim.id, tx);
        const ticket = formatTicket(report.id);
        const body = verdict ? clarificationMessage(verdict, ticket) : t.ticketReceived(ticket);
        staged.push(
          await parts.outbox.stage(
            {
              key: jobIdOf('ticket', report.id),
              platform: report.platform === 'web' ? 'telegram' : report.platform,
              chatId: report.chatId,
              purpose: verdict ? 'ticket+clarification' : 'ticket',
              body,
              replyToMessageId: report.platformMessageId,
              reportId: report.id,
            },
            tx,
          ),
        );
        return 'analyzed' as const;
      });
      await parts.outbox.dispatch(staged);
      if (result === 'skipped') {
        // A retried job whose transaction had committed: make sure its reply is on its way.
        const row = await deps.repos.outbound.findByKey(jobIdOf('ticket', reportId));
        if (row) await parts.outbox.dispatch([row]);
      }
      return result;
    },
  };
}
