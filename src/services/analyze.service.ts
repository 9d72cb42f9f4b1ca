import { messagesFor, type Messages } from '../domain/messages/index.js';
import { MAX_REPORT_CHARS } from '../domain/conversation.js';
import { formatTicket } from '../domain/ticket.js';
import { clarificationMessage } from '../domain/clarification.js';
import type { AnswerExtrasService } from './answer-extras.js';
import { jobIdOf } from '../queues/queues.js';
import type { ClaimRow, ReportRow, VerdictRow } from '../db/schema/index.js';
import type { AnalyzedReport } from '../db/repositories/report-analysis.repository.js';
import type { ReportOrigin } from '../db/repositories/people.repository.js';
import type { DbOrTx } from '../db/client.js';
import type { Nlp } from '../nlp/index.js';
import type { ServiceDeps } from './deps.js';
import type { Outbox, StageMessage } from './outbox.service.js';
import type { ClaimCatalog } from './claim-catalog.js';
import { checkMessage, type CheckResult } from './text-check.js';
import type { MediaService } from './media.service.js';
import { claimKeyOf, newClaimOf, reportRegion } from './claim-from-report.js';
import { createBatchClaims, type BatchClaims } from './batch-claims.js';
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
  parts: { outbox: Outbox; nlp: Nlp; catalog: ClaimCatalog; extras: AnswerExtrasService; links?: LinkEvidence; media?: MediaService; picker: Pick<RegionPicker, 'askDesaButtonsMany'> },
) {
  const thresholds = deps.config.match;

  async function place(report: ReportRow, check: CheckResult | null, regionCode: string | null, text: string, claims: BatchClaims, byLink: LinkMatch | null): Promise<Placement> {
    const draft = newClaimOf(report, check, regionCode, text);
    const exact = await followMerges(await claims.findByHash(draft.basicHash), claims);
    if (exact) return { claim: exact, level: 'exact', similarity: 1, created: false };
    // The same final address outranks a weaker text match (auto over suggest over none), never an equal one.
    const textLevel = check?.match?.level;
    if (byLink && (byLink.level === 'auto' ? textLevel !== 'auto' : !textLevel)) {
      const claim = await followMerges(await claims.findById(byLink.claimId), claims);
      if (claim) return { claim, level: byLink.level, similarity: byLink.similarity, created: false };
    }
    if (check?.match) {
      const claim = await followMerges(await claims.findById(Number(check.match.claimId)), claims);
      if (claim) return { claim, level: check.match.level, similarity: check.match.similarity, created: false };
    }
    const claim = await claims.findOrCreateByHash(draft);
    return { claim, level: 'new', similarity: null, created: claim.reportCount === 0 };
  }

  /** A claim merged into another stands for that one. */
  async function followMerges(claim: ClaimRow | undefined, claims: BatchClaims): Promise<ClaimRow | undefined> {
    for (let hops = 0; claim?.mergedIntoId && hops < 5; hops++) claim = await claims.findById(claim.mergedIntoId);
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

  type Outcome = 'analyzed' | 'skipped';
  /** What one report of a batch leaves for the batch's closing statements. */
  interface Done {
    reportId: number;
    analyzed: AnalyzedReport;
    message: StageMessage;
    placed: Placement | null;
    /** The ticket asks for the resident's desa: its button is added for the whole batch at once. */
    askDesa?: { residentId: number; chatId: number; t: Messages };
  }

  /** Work before the transaction: pictures read (OCR) and links followed, neither holding a row lock. */
  async function prework(ids: number[]): Promise<Map<number, { before: ReportRow; gathered: ReportLinks | null }>> {
    const out = new Map<number, { before: ReportRow; gathered: ReportLinks | null }>();
    if (!parts.media && !parts.links) return out;
    for (const before of await deps.repos.reports.findMany(ids)) {
      if (before.status !== 'received') continue;
      if (parts.media && before.mediaKind !== null) await parts.media.process(before.id, before.platform);
      const gathered = parts.links ? await parts.links.gather(before.rawText) : null;
      out.set(before.id, { before, gathered });
    }
    return out;
  }

  /** One report inside the batch's transaction: match, place, and what to tell the resident. */
  async function analyzeOne(
    report: ReportRow,
    origin: ReportOrigin,
    pre: { before: ReportRow; gathered: ReportLinks | null } | undefined,
    tx: DbOrTx,
    batch: { claims: BatchClaims; verdicts: Map<number, VerdictRow | undefined> },
  ): Promise<Done> {
    const regionCode = reportRegion(origin);
    // Composed here, once: the ledger row keeps the text in the resident's language (/bahasa).
    const t = messagesFor(origin.lang);
    const ticket = formatTicket(report.id);
    const platform = report.platform === 'web' ? 'telegram' : report.platform;
    const base = { key: jobIdOf('ticket', report.id), platform, chatId: report.chatId, replyToMessageId: report.platformMessageId, reportId: report.id } as const;
    if (origin.blocked) {
      // Shadow block: the report is kept and answered like any other, but joins no claim and reaches no moderator.
      return {
        reportId: report.id,
        analyzed: { id: report.id, claimId: null, normalizedText: null, matchLevel: 'blocked', similarity: null },
        message: { ...base, purpose: 'ticket', body: t.ticketReceived(ticket) },
        placed: null,
      };
    }
    const hasMedia = parts.media !== undefined && report.mediaKind !== null;
    const media = hasMedia ? await parts.media!.summary(report.id, tx, t) : { pictures: [], note: null };
    const pictureMatch = hasMedia && media.pictures.length ? await parts.media!.matchKnown(media.pictures, tx) : null;
    // A part merged in meanwhile changed the text: its links were not followed, so go on with the text alone.
    const gathered = pre?.gathered ?? null;
    const links: ReportLinks | null = gathered?.previews.length && report.rawText === pre?.before.rawText ? gathered : null;
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
    const placed = await place(report, check, regionCode, text, batch.claims, byLink);
    if (links && parts.links && placed.level !== 'suggest') await parts.links.record(placed.claim.id, links, report.rawText ?? '', tx);
    const { verdicts } = batch;
    if (!verdicts.has(placed.claim.id)) verdicts.set(placed.claim.id, await deps.repos.claims.currentVerdict(placed.claim.id, tx));
    const verdict = verdicts.get(placed.claim.id);
    // A resident without a desa is asked for it under the ticket, in one tap: their claims then reach the
    // moderators nearest to them instead of the home region's.
    const askDesa = origin.chatKind === 'private' && !origin.residentRegion && !answersAtOnce(placed, verdict);
    const body = replyBody(t, ticket, placed, verdict, check, report.truncated, media.note);
    // The instant answer to a copy of a verified claim travels like a moderator's: card, link, "did it help?".
    const answer = answersAtOnce(placed, verdict)
      ? await parts.extras.dress(
          { body, claim: placed.claim, verdict, ...(origin.chatKind === 'private' ? { feedback: { residentId: report.residentId, chatId: report.chatId } } : {}) },
          tx,
          t,
        )
      : undefined;
    return {
      reportId: report.id,
      analyzed: { id: report.id, claimId: placed.claim.id, normalizedText: check?.analysis.normalized.text ?? null, matchLevel: placed.level, similarity: placed.similarity },
      message: {
        ...base,
        // The purpose says what the resident was told: a suggested match to a decided claim got a ticket only,
        // so a moderator's confirmation (or a merge) still answers them.
        purpose: answer ? 'ticket+clarification' : 'ticket',
        ...(answer ?? { body: askDesa ? `${body}\n\n${t.ticketAskDesa}` : body }),
      },
      placed,
      ...(askDesa ? { askDesa: { residentId: report.residentId, chatId: report.chatId, t } } : {}),
    };
  }

  const service = {
    async analyze(reportId: number): Promise<Outcome> {
      return (await service.analyzeMany([reportId])).get(reportId) ?? 'skipped';
    },

    /**
     * A batch of reports in one transaction: their rows locked in one statement (in id order, so two batches
     * never deadlock on them), each matched and placed, then one statement each for the reports' results,
     * their merged parts, the claims' counters and the ticket replies. Whatever the batch, each report is
     * analysed and answered exactly once: a report already past `received` is skipped (a redelivered job),
     * and its reply — committed with it — is dispatched again under its ledger key.
     */
    async analyzeMany(reportIds: number[]): Promise<Map<number, Outcome>> {
      const ids = [...new Set(reportIds)].sort((a, b) => a - b);
      const pre = await prework(ids);
      const results = new Map<number, Outcome>(ids.map((id) => [id, 'skipped']));
      const done: Done[] = [];
      let versions = new Map<number, number>();
      const staged = await deps.db.transaction(async (tx) => {
        const reports = (await deps.repos.reports.lockMany(ids, tx)).filter((r) => r.status === 'received');
        if (reports.length === 0) return [];
        const origins = await deps.repos.people.reportOrigins(reports, tx);
        const batch = { claims: createBatchClaims(deps.repos, tx), verdicts: new Map<number, VerdictRow | undefined>() };
        await batch.claims.preloadHashes(reports.map(claimKeyOf));
        for (const report of reports) {
          done.push(await analyzeOne(report, originOf(origins, report), pre.get(report.id), tx, batch));
          results.set(report.id, 'analyzed');
        }
        const asking = done.filter((d) => d.askDesa);
        const buttons = await parts.picker.askDesaButtonsMany(asking.map((d) => d.askDesa!), tx);
        asking.forEach((d, i) => (d.message.buttons = buttons[i]));
        await deps.repos.reports.markAnalyzedMany(done.map((d) => d.analyzed), tx);
        versions = await deps.repos.claims.recordReports(reportsPerClaim(done.map((d) => d.analyzed.claimId)), tx);
        return parts.outbox.stageMany(done.map((d) => d.message), tx);
      });
      for (const d of done) if (d.placed?.created) parts.catalog.put({ ...d.placed.claim, verdict: null, verdictKind: null });
      await parts.outbox.dispatch(staged);
      // A burst of reports of one claim re-renders its card once a second, not once per report.
      for (const [claimId, version] of versions) await deps.producers.review(claimId, `n${version}`, { debounceMs: 1_000 });
      const skipped = ids.filter((id) => results.get(id) === 'skipped');
      if (skipped.length) {
        // Retried jobs whose transaction had committed: make sure their replies are on their way.
        const rows = await deps.repos.outbound.findByKeys(skipped.map((id) => jobIdOf('ticket', id)));
        if (rows.length) await parts.outbox.dispatch(rows);
      }
      return results;
    },
  };
  return service;
}

/** How many reports of a batch each claim gains (a shadow-blocked report joins none). */
export function reportsPerClaim(claimIds: Array<number | null>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const id of claimIds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

const NO_ORIGIN: ReportOrigin = { chatKind: null, chatRegion: null, residentRegion: null, blocked: false, lang: 'id' };
const originOf = (origins: Map<string, ReportOrigin>, r: Pick<ReportRow, 'chatId' | 'residentId'>): ReportOrigin => origins.get(`${r.chatId}:${r.residentId}`) ?? NO_ORIGIN;
