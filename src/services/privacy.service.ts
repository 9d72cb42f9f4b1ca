import { AppError } from '../domain/errors.js';
import { canReviewClaim, type Actor } from '../domain/access.js';
import { chatKeyOf, decryptAddress, pseudonymize } from '../domain/privacy.js';
import type { Platform } from '../domain/inbound.js';
import type { ServiceDeps } from './deps.js';
import type { ErasureService } from './erasure.service.js';

/**
 * Personal data duties (UU PDP 27/2022): rotating the pseudonym key, purging old texts, blocking an
 * abusive reporter without ever showing who they are.
 */
export function createPrivacyService(deps: Pick<ServiceDeps, 'db' | 'repos' | 'secrets'>, parts: { erasure: ErasureService }) {
  return {
    /**
     * Re-key every pseudonym under a new secret. Residents keep their tickets: their platform id is
     * recovered from the encrypted address of their private chat (in a private chat, chat id = user id)
     * and hashed again. Run while the service is stopped; start it again with the new secret.
     */
    async rotatePseudonyms(newSecret: string): Promise<{ residents: number; chats: number; unlinked: number }> {
      if (newSecret.length < 16) throw new AppError('VALIDATION_FAILED', 'the new secret must be at least 16 characters');
      return deps.db.transaction(async (tx) => {
        const all = await deps.repos.people.allChats(tx);
        let residentsMoved = 0;
        for (const chat of all) {
          const address = decryptAddress(deps.secrets.contactKey, chat.addressEnc);
          const platform = chat.platform as Platform;
          await deps.repos.people.setChatKey(chat.id, chatKeyOf(newSecret, platform, address), tx);
          if (chat.kind === 'private' && chat.residentId) {
            await deps.repos.people.setResidentPseudonym(chat.residentId, pseudonymize(newSecret, platform, address), tx);
            residentsMoved++;
          }
        }
        // Residents without a private chat (web reports) cannot be re-keyed; their pseudonym keeps the old value.
        const unlinked = await deps.repos.people.countResidentsWithoutPrivateChat(tx);
        await deps.repos.audit.record({ actor: 'cli', action: 'privacy.rotate', data: { residents: residentsMoved, chats: all.length } }, tx);
        return { residents: residentsMoved, chats: all.length, unlinked };
      });
    },

    /**
     * Texts of reports whose claim is decided and older than the cut-off go the way `/hapus` takes them (claim
     * text, ledger, audit log, cards); then the bodies of every sent message that old. Counts and verdicts stay.
     */
    async purge(olderThan: Date): Promise<{ reports: number; claims: number; messages: number }> {
      const purged = await parts.erasure.purgeReports(olderThan);
      return deps.db.transaction(async (tx) => {
        const messages = await deps.repos.outbound.purgeBodies(olderThan, tx);
        await deps.repos.audit.record({ actor: 'cli', action: 'privacy.purge', data: { before: olderThan.toISOString(), ...purged, messages } }, tx);
        return { ...purged, messages };
      });
    },

    /** Shadow block the author of a report: staff act on the report, never on a person they can see. */
    async blockReporter(reportId: number, actor: Actor): Promise<void> {
      const report = await deps.repos.reports.findById(reportId);
      if (!report) throw new AppError('NOT_FOUND', `report ${reportId} not found`);
      const claim = report.claimId ? await deps.repos.claims.findById(report.claimId) : undefined;
      if (actor.role !== 'admin' && (!claim || !canReviewClaim(actor, claim))) throw new AppError('FORBIDDEN', 'this report is outside your region');
      await deps.repos.people.blockResident(report.residentId);
      await deps.repos.audit.record({ actor: `staff:${actor.id}`, action: 'resident.block', subject: `report:${reportId}` });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
