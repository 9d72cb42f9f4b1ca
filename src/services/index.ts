import type { ServiceDeps } from './deps.js';
import { createAnalyzeService } from './analyze.service.js';
import { createCommandsService } from './commands.service.js';
import { createIdentityService } from './identity.service.js';
import { createIntakeService } from './intake.service.js';
import { createOutbox } from './outbox.service.js';
import { createPrepareService } from './prepare.service.js';
import { createReportPipeline } from './report-pipeline.js';
import { createReconciler } from './reconcile.service.js';
import { createClaimCatalog } from './claim-catalog.js';
import type { Nlp } from '../nlp/index.js';
import { createStaffService } from './staff.service.js';
import { createVerdictService } from './verdict.service.js';
import { createModelKeeper } from './hoax-model.service.js';
import { createModerationService } from './moderation.service.js';
import { createClaimMergeService } from './claim-merge.service.js';
import { createSuggestionService } from './suggestion.service.js';
import { createRoutingService } from './routing.service.js';
import type { AdapterRegistry } from './outbound.service.js';
import type { ChatPacer } from '../queues/chat-pacer.js';
import { createCardEditor } from './card-editor.service.js';
import { createGroupsService } from './groups.service.js';
import { createDigestService } from './digest.service.js';
import { createBroadcastService } from './broadcast.service.js';
import { createPrivacyService } from './privacy.service.js';
import { createClaimsQueryService } from './claims-query.service.js';
import { createRegionsService } from './regions.service.js';
import { createRegionNames } from './region-names.service.js';
import { createRegionPicker } from './region-picker.service.js';
import { createSimilarClaims } from './similar-claims.service.js';
import { createRegionLookup } from './region-lookup.service.js';
import { createStatsService } from './stats.service.js';
import { createPublicClarifications } from './public-clarifications.service.js';
import { createAnswerCards } from './answer-card.service.js';
import { createAnswerExtras } from './answer-extras.js';
import { createFeedbackService } from './feedback.service.js';
import { createClaimReviewService } from './claimreview.service.js';
import { createDeliveryService } from './delivery.service.js';
import { createMediaService } from './media.service.js';
import { createMediaStore, createOcrPool } from '../media/index.js';
import { createErasureService, type ReportErasedHook } from './erasure.service.js';
import { reportErasedHooks } from './erasure-hooks.js';
import { createChatMigrationService } from './chat-migration.service.js';
import { createLinkEvidence } from './link-evidence.js';
import { createLinkResolver } from '../media/links/link-resolver.js';
import { createLinkPreviewer } from '../media/links/link-previewer.js';
import type { HostResolver } from '../media/links/host-resolver.js';

/** What other parts plug into the core, and seams for tests at the network edge. */
export interface ServiceHooks {
  /** Replaces the hooks of `reportErasedHooks` (tests); run inside the erasure transaction for each erased report. */
  onReportErased?: ReportErasedHook[];
  /** The Redis pacer every send shares; card edits take their slots from it (absent: edits are not paced). */
  pacer?: ChatPacer;
  /** The DNS answers link previews get (tests). */
  linkHostResolver?: HostResolver;
}

/** Every use case, wired once. Adapters, workers and the API receive this, never each other. */
export function createServices(deps: ServiceDeps, nlp: Nlp, adapters: AdapterRegistry = {}, hooks: ServiceHooks = {}) {
  const catalog = createClaimCatalog(nlp, deps.repos.claims, deps.logger, deps.repos.reports);
  const modelKeeper = createModelKeeper(nlp, deps.repos, deps.logger);
  // The OCR workers start on the first picture, not here: a process that never reads one never pays for them.
  const ocr = createOcrPool(deps.config.media.ocrWorkers ? { workers: deps.config.media.ocrWorkers } : {});
  const media = createMediaService(deps, {
    store: createMediaStore(deps.config.media),
    ocr,
    adapters,
    limits: { maxBytes: deps.config.media.maxBytes, maxPixels: deps.config.media.maxPixels },
  });
  const links = deps.config.links.fetchEnabled
    ? createLinkEvidence(deps, {
        catalog,
        nlp,
        previewer: createLinkPreviewer({
          resolver: createLinkResolver({ allowLoopback: deps.config.links.allowLoopback, ...(hooks.linkHostResolver ? { resolver: hooks.linkHostResolver } : {}) }),
          cache: deps.repos.links.cache,
          ttlMs: deps.config.links.cacheTtlMs,
          ...(deps.now ? { now: deps.now } : {}),
          // The link itself stays out of the logs, as reports' texts do.
          onError: (err) => deps.logger.warn({ err: String(err) }, 'link preview failed'),
        }),
      })
    : undefined;
  const outbox = createOutbox(deps);
  const identity = createIdentityService(deps);
  const extras = createAnswerExtras(deps);
  const erasure = createErasureService(deps, { extras, onReportErased: hooks.onReportErased ?? reportErasedHooks(deps) });
  const commands = createCommandsService(deps, { erasure });
  const staff = createStaffService(deps);
  // Any change a moderator should see re-renders the claim's card, in the review queue.
  const rerender = (claimId: number) => deps.producers.review(claimId, `v${Date.now()}`);
  const verdicts = createVerdictService(deps, { outbox, catalog, extras, onPublished: rerender, onMemoryChanged: () => modelKeeper.refresh() });
  const merges = createClaimMergeService(deps, { outbox, verdicts });
  const suggestions = createSuggestionService(deps, { outbox, verdicts, catalog, nlp });
  const chatMigration = createChatMigrationService(deps);
  // One cache of region names for every text and card.
  const regionNames = createRegionNames(deps);
  const groups = createGroupsService(deps, { outbox, adapters, nlp, catalog, names: regionNames, extras });
  const picker = createRegionPicker(deps, { names: regionNames, groups });
  const publicClarifications = createPublicClarifications({ repos: deps.repos, regionNames, dataDir: deps.config.dataDir, cardContact: deps.config.cardContact });
  const feedback = createFeedbackService(deps, { outbox });
  const moderation = createModerationService(deps, { outbox, identity, staff, verdicts, merges, suggestions, picker, names: regionNames, feedback });
  const digest = createDigestService(deps, { outbox, groups, staff, names: regionNames });
  const prepare = createPrepareService(deps);
  const analyze = createAnalyzeService(deps, { outbox, nlp, catalog, picker, media, extras, ...(links ? { links } : {}) });
  return {
    repos: deps.repos,
    outbox,
    identity,
    commands,
    intake: createIntakeService(deps, { outbox, identity, commands, moderation, groups, picker, staff, media, digest }),
    media,
    /** Ends the OCR workers (service stop). */
    closeMedia: () => ocr.close(),
    groups,
    /** `/ringkasan` and the weekly digest (sendWeeklyDigests, triggered by the review queue's scheduler). */
    digest,
    broadcasts: createBroadcastService(deps, { outbox, extras }),
    privacy: createPrivacyService(deps, { erasure }),
    erasure,
    moderation,
    feedback,
    merges,
    suggestions,
    routing: createRoutingService(deps, { outbox, catalog, nlp, names: regionNames, cards: createCardEditor(deps, { adapters, outbox, migrations: chatMigration, ...(hooks.pacer ? { pacer: hooks.pacer } : {}) }) }),
    nlp,
    catalog,
    /** Follows the live hoax model and the local memory of published verdicts. */
    modelKeeper,
    prepare,
    analyze,
    /** Stages 1 and 2 of a report, one worker pass (see report-pipeline.ts). */
    pipeline: createReportPipeline({ prepare, analyze }),
    reconciler: createReconciler(deps),
    staff,
    verdicts,
    claimsQuery: createClaimsQueryService(deps),
    regions: createRegionsService(deps),
    regionNames,
    picker,
    /** Region inputs of the dashboard and API: a code or a name, within the caller's region (the chat's desa picker is `picker`). */
    regionLookup: createRegionLookup(deps, regionNames),
    similarClaims: createSimilarClaims(deps, { catalog }),
    stats: createStatsService({ repos: deps.repos, regionNames }),
    publicClarifications,
    answerCards: createAnswerCards(deps, { site: publicClarifications }),
    claimReview: createClaimReviewService(deps),
    chatMigration,
    delivery: createDeliveryService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
