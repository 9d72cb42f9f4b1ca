import { id as t } from '../domain/messages/id.js';
import { formatTicket, parseTicket } from '../domain/ticket.js';
import { VERDICT_LABELS } from '../domain/verdict.js';
import type { ResidentRow } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';
import type { ErasureService } from './erasure.service.js';

/** Resident commands: each returns the text to say; the caller puts it on the outbox. */
export function createCommandsService(deps: Pick<ServiceDeps, 'repos' | 'db'>, parts: { erasure: ErasureService }) {
  return {
    async run(name: 'start' | 'bantuan' | 'status', args: string, resident: ResidentRow): Promise<string> {
      switch (name) {
        case 'start':
          return t.start;
        case 'bantuan':
          return t.help;
        case 'status':
          return this.status(args, resident);
      }
    },

    /** A resident deletes their own report (UU PDP: the right to erasure); anyone else learns nothing. */
    async hapus(args: string, resident: ResidentRow): Promise<string> {
      if (!args) return t.hapus.usage;
      const reportId = parseTicket(args);
      const shown = reportId ? formatTicket(reportId) : args.slice(0, 20);
      const report = reportId ? await deps.repos.reports.findById(reportId) : undefined;
      if (!report || report.residentId !== resident.id || report.status === 'deleted') return t.statusNotFound(shown);
      // Everywhere the text went: the claim, the ledger, the audit log, the moderators' card.
      await parts.erasure.eraseReport(report.id, 'resident');
      return t.hapus.done(shown);
    },

    /** Only the resident who made a ticket learns anything about it; others get "not found". */
    async status(args: string, resident: ResidentRow): Promise<string> {
      if (!args) return t.statusUsage;
      const reportId = parseTicket(args);
      const shown = reportId ? formatTicket(reportId) : args.slice(0, 20);
      if (!reportId) return t.statusNotFound(shown);
      const report = await deps.repos.reports.findById(reportId);
      if (!report || report.residentId !== resident.id) return t.statusNotFound(shown);
      if (report.status === 'deleted') return t.status.deleted(shown);
      if (report.status === 'received' || !report.claimId) return t.status.received(shown);
      const verdict = await deps.repos.claims.currentVerdict(report.claimId);
      if (verdict) return t.status.verified(shown, VERDICT_LABELS[verdict.verdict]);
      const claim = await deps.repos.claims.findById(report.claimId);
      return t.status.waiting(shown, claim?.reportCount ?? 1);
    },
  };
}
