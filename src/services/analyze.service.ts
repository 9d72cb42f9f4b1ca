import { messagesFor, type Messages } from '../domain/messages/index.js';
import { MAX_REPORT_CHARS } from '../domain/conversation.js';
import { formatTicket } from '../domain/ticket.js';
import { clarificationMessage } from '../domain/clarification.js';
import type { AnswerExtrasService } from './answer-extras.js';
import { jobIdOf } from '../queues/queues.js';
import type { ClaimRow, OutboundRow, ReportRow, VerdictRow } from '../db/schema/index.js';
import type { DbOrTx } from '../db/client.js';
import type { Nlp } from '../nlp/index.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox } from './outbox.service.js';
import type { ClaimCatalog } from './claim-catalog.js';
import { checkMessage, type CheckResult } from './text-check.js';
import type { MediaService } from './media.service.js';
import { newClaimOf, reportRegion } from './claim-from-report.js';
import type { RegionPicker } from './region-picker.service.js';
import type { LinkEvidence, ReportLinks } from './link-evidence.js';
import type { LinkMatch } from '../media/links/link-match.js';
import { LOOKALIKE_REASON } from '../nlp/gov-lookalike.js';

type Placement = { claim: ClaimRow; level: 'exact' | 'auto' | 'suggest' | 'new'; similarity: number | null; created: boolean };

/**
 * Pipeline stage 2 (analyze queue): match → score → persist → reply. The report joins its claim
 * (exact repeat, near-duplicate, or suggested) or starts a new one, and the resident's ticket reply —
 * with the clarification when a verified claim matched confidently — is written to the ledger in the
 * same transaction, so it exists exactly once whatever crashes.
 */
export function createAnalyzeService(
  deps: ServiceDeps,
  parts: { outbox: Outbox; nlp: Nlp; catalog: ClaimCatalog; extras: AnswerExtrasService; links?: LinkEvidence; media?: MediaService; picker: Pick<RegionPicker, 'askDesaButtons'> },
) {
  const thresholds = deps.config.match;

  async function place(report: ReportRow, check: CheckResult | null, regionCode: string | null, text: string, tx: DbOrTx, byLink: LinkMatch | null): Promise<Placement> {
    const draft = newClaimOf(report, check, regionCode, text);
    const exact = await followMerges(await deps.repos.claims.findByHash(draft.basicHash, tx), tx);
    if (exact) return { claim: exact, level: 'exact', similarity: 1, created: false };
    // The same final address outranks a weaker text match (auto over suggest over none), never an equal one.
    const textLevel = check?.match?.level;
    if (byLink && (byLink.level === 'auto' ? textLevel !== 'auto' : !textLevel)) {
      const claim = await followMerges(await deps.repos.claims.findById(byLink.claimId, tx), tx);
      if (claim) return { claim, level: byLink.level, similarity: byLink.similarity, created: false };
    }
    if (check?.match) {
      const claim = await followMerges(await deps.repos.claims.findById(Number(check.match.claimId), tx), tx);
      if (claim) return { claim, level: check.match.level, similarity: check.match.similarity, created: false };
    }
    const claim = await deps.repos.claims.findOrCreateByHash(draft, tx);
    return { claim, level: 'new', similarity: null, created: claim.reportCount === 0 };
  }

  /** A claim merged into another stands for that one. */
  async function followMerges(claim: ClaimRow | undefined, tx: DbOrTx): Promise<ClaimRow | undefined> {
    for (let hops = 0; claim?.mergedIntoId && hops < 5; hops++) claim = await deps.repos.claims.findById(claim.mergedIntoId, tx);
    return claim;
  }

  /** Only a confident match to a decided claim is answered with its clarification at once. */
  const answersAtOnce = (placement: Placement, verdict: VerdictRow | undefined): verdict is VerdictRow =>
    verdict !== undefined && (placement.level === 'exact' || placement.level === 'auto');

  function replyBody(t: Messages, ticket: string, placement: Placement, verdict: VerdictRow | undefined, check: CheckResult | null, truncated: boolean, mediaNote: string | null): string {
    if (answersAtOnce(placement, verdict)) return clarificationMessage(verdict, ticket, t);
    const scam = check?.analysis.scam.isScam || placement.claim.scamCandidate;
    const warning = check?.analysis.scam.reasons.includes(LOOKALIKE_REASON) ? `${t.scamWarning}\n${t.scamLookalikeLink}` : t.scamWarning;
    let body = scam ? `${warning}\n\n${t.ticketReceived(ticket)}` : t.ticketReceived(ticket);
    if (mediaNote) body = `${body}\n\n${mediaNote}`;
    return truncated ? `${body}\n\n${t.tooLong(MAX_REPORT_CHARS)}` : body;
  }

  return {
    async analyze(reportId: number): Promise<'analyzed' | 'skipped'> {
      const staged: OutboundRow[] = [];
      let placed: Placement | undefined;
      // Pictures are fetched, hashed and read before the transaction: OCR takes a while and holds no lock.
      if (parts.media) {
        const pending = await deps.repos.reports.findById(reportId);
        if (pending?.status === 'received') await parts.media.process(reportId, pending.platform);
      }
      let version = 0;
      let mediaNote: string | null = null;
      // Links are followed before the transaction: a slow site must not hold the report's row lock.
      const before = parts.links ? await deps.repos.reports.findById(reportId) : undefined;
      const gathered = parts.links && before?.status === 'received' ? await parts.links.gather(before.rawText) : null;
      const result = await deps.db.transaction(async (tx) => {
        const report = await deps.repos.reports.lockById(reportId, tx);
        if (!report || report.status !== 'received') return 'skipped' as const;
        const origin = await deps.repos.people.reportOrigin(report.chatId, report.residentId, tx);
        const regionCode = reportRegion(origin);
        // Composed here, once: the ledger row keeps the text in the resident's language (/bahasa).
        const t = messagesFor(origin.lang);
        const ticket = formatTicket(report.id);
        if (origin.blocked) {
          // Shadow block: the report is kept and answered like any other, but joins no claim and reaches no moderator.
          await deps.repos.reports.markAnalyzed(reportId, { claimId: null, normalizedText: null, matchLevel: 'blocked', similarity: null }, tx);
          staged.push(await parts.outbox.stage({ key: jobIdOf('ticket', report.id), platform: report.platform === 'web' ? 'telegram' : report.platform, chatId: report.chatId, purpose: 'ticket', body: t.ticketReceived(ticket), replyToMessageId: report.platformMessageId, reportId: report.id }, tx));
          return 'analyzed' as const;
        }
        const media = parts.media ? await parts.media.summary(report.id, tx, t) : { pictures: [], note: null };
        mediaNote = media.note;
        const pictureMatch = parts.media && media.pictures.length ? await parts.media.matchKnown(media.pictures, tx) : null;
        // A part merged in meanwhile changed the text: its links were not followed, so go on with the text alone.
        const links: ReportLinks | null = gathered?.previews.length && report.rawText === before?.rawText ? gathered : null;
        const baseText = links?.analysedText || report.rawText || '';
        let check: CheckResult | null;
        let text: string;
        if (links && parts.links && media.pictures.length === 0) {
          text = baseText;
          check = parts.links.check(report.rawText ?? '', links);
        } else {
          // Picture and caption (and what its links showed) are one report: the text read from it is checked with them.
          ({ check, text } = checkMessage(parts.nlp, parts.catalog, { text: baseText, ocrTexts: media.pictures.map((p) => p.ocrText), pictureMatch }, thresholds));
        }
        const byLink = links && parts.links ? await parts.links.match(links, report.rawText ?? '', check, tx) : null;
        // The claim a report starts shows what its links and pictures showed; the report keeps the resident's own text.
        placed = await place(report, check, regionCode, text, tx, byLink);
        if (links && parts.links && placed.level !== 'suggest') await parts.links.record(placed.claim.id, links, report.rawText ?? '', tx);
        const counted = await deps.repos.claims.recordReport(placed.claim.id, tx);
        version = counted.reportCount;
        await deps.repos.reports.markAnalyzed(
          reportId,
          {
            claimId: placed.claim.id,
            normalizedText: check?.analysis.normalized.text ?? null,
            matchLevel: placed.level,
            similarity: placed.similarity,
          },
          tx,
        );
        await deps.repos.reports.attachMergedParts(reportId, placed.claim.id, tx);
        const verdict = await deps.repos.claims.currentVerdict(placed.claim.id, tx);
        // A resident without a desa is asked for it under the ticket, in one tap: their claims then reach the
        // moderators nearest to them instead of the home region's.
        const askDesa = origin.chatKind === 'private' && !origin.residentRegion && !answersAtOnce(placed, verdict);
        const body = replyBody(t, ticket, placed, verdict, check, report.truncated, mediaNote);
        // The instant answer to a copy of a verified claim travels like a moderator's: card, link, "did it help?".
        const answer = answersAtOnce(placed, verdict)
          ? await parts.extras.dress(
              { body, claim: placed.claim, verdict, ...(origin.chatKind === 'private' ? { feedback: { residentId: report.residentId, chatId: report.chatId } } : {}) },
              tx,
              t,
            )
          : undefined;
        staged.push(
          await parts.outbox.stage(
            {
              key: jobIdOf('ticket', report.id),
              platform: report.platform === 'web' ? 'telegram' : report.platform,
              chatId: report.chatId,
              // The purpose says what the resident was told: a suggested match to a decided claim got a ticket only,
              // so a moderator's confirmation (or a merge) still answers them.
              purpose: answer ? 'ticket+clarification' : 'ticket',
              ...(answer ?? { body: askDesa ? `${body}\n\n${t.ticketAskDesa}` : body }),
              ...(askDesa ? { buttons: await parts.picker.askDesaButtons(report.residentId, report.chatId, tx, t) } : {}),
              replyToMessageId: report.platformMessageId,
              reportId: report.id,
            },
            tx,
          ),
        );
        return 'analyzed' as const;
      });
      if (placed?.created) parts.catalog.put({ ...placed.claim, verdict: null, verdictKind: null });
      await parts.outbox.dispatch(staged);
      // A burst of reports of one claim re-renders its card once a second, not once per report.
      if (placed) await deps.producers.review(placed.claim.id, `n${version}`, { debounceMs: 1_000 });
      if (result === 'skipped') {
        // A retried job whose transaction had committed: make sure its reply is on its way.
        const row = await deps.repos.outbound.findByKey(jobIdOf('ticket', reportId));
        if (row) await parts.outbox.dispatch([row]);
      }
      return result;
    },
  };
}
