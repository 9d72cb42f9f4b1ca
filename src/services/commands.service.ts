import { isLang, messagesFor } from '../domain/messages/index.js';
import { formatTicket, parseTicket } from '../domain/ticket.js';
import type { ResidentRow } from '../db/schema/index.js';
import type { ServiceDeps } from './deps.js';
import type { ErasureService } from './erasure.service.js';

/** Resident commands: each returns the text to say; the caller puts it on the outbox. */
export function createCommandsService(deps: Pick<ServiceDeps, 'repos' | 'db'>, parts: { erasure: ErasureService }) {
  return {
    /**
     * `/bahasa en|id` (also `/language`): every later reply to this resident — tickets, answers, status,
     * broadcasts to subscribers — uses that catalogue. The confirmation is already in the new language.
     */
    async bahasa(args: string, resident: ResidentRow): Promise<{ text: string; resident: ResidentRow }> {
      const wanted = args.trim().toLowerCase().split(/\s+/)[0] ?? '';
      const lang = ({ indonesia: 'id', indonesian: 'id', english: 'en', inggris: 'en' } as Record<string, string>)[wanted] ?? wanted;
      if (!isLang(lang)) return { text: messagesFor(resident.lang).language.usage, resident };
      await deps.repos.people.setResidentLang(resident.id, lang);
      return { text: messagesFor(lang).language.set, resident: { ...resident, lang } };
    },

    async run(name: 'start' | 'bantuan' | 'status', args: string, resident: ResidentRow): Promise<string> {
      const t = messagesFor(resident.lang);
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
      const t = messagesFor(resident.lang);
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
      const t = messagesFor(resident.lang);
      if (!args) return t.statusUsage;
      const reportId = parseTicket(args);
      const shown = reportId ? formatTicket(reportId) : args.slice(0, 20);
      if (!reportId) return t.statusNotFound(shown);
      const report = await deps.repos.reports.findById(reportId);
      if (!report || report.residentId !== resident.id) return t.statusNotFound(shown);
      if (report.status === 'deleted') return t.status.deleted(shown);
      if (report.status === 'received' || !report.claimId) return t.status.received(shown);
      const verdict = await deps.repos.claims.currentVerdict(report.claimId);
      if (verdict) return t.status.verified(shown, t.verdictLabels[verdict.verdict]);
      const claim = await deps.repos.claims.findById(report.claimId);
      return t.status.waiting(shown, claim?.reportCount ?? 1);
    },
  };
}
