import type { ServiceDeps } from './deps.js';
import { createAnalyzeService } from './analyze.service.js';
import { createCommandsService } from './commands.service.js';
import { createIdentityService } from './identity.service.js';
import { createIntakeService } from './intake.service.js';
import { createOutbox } from './outbox.service.js';
import { createPrepareService } from './prepare.service.js';
import { createReconciler } from './reconcile.service.js';
import { createClaimCatalog } from './claim-catalog.js';
import type { Nlp } from '../nlp/index.js';
import { createStaffService } from './staff.service.js';
import { createVerdictService } from './verdict.service.js';
import { createModerationService } from './moderation.service.js';
import { createClaimMergeService } from './claim-merge.service.js';
import { createSuggestionService } from './suggestion.service.js';
import { createRoutingService } from './routing.service.js';
import type { AdapterRegistry } from './outbound.service.js';
import { createGroupsService } from './groups.service.js';
import { createBroadcastService } from './broadcast.service.js';
import { createPrivacyService } from './privacy.service.js';
import { createClaimsQueryService } from './claims-query.service.js';
import { createRegionsService } from './regions.service.js';
import { createRegionNames } from './region-names.service.js';
import { createRegionPicker } from './region-picker.service.js';
import { createSimilarClaims } from './similar-claims.service.js';
import { createStatsService } from './stats.service.js';
import { createClaimReviewService } from './claimreview.service.js';

/** Every use case, wired once. Adapters, workers and the API receive this, never each other. */
export function createServices(deps: ServiceDeps, nlp: Nlp, adapters: AdapterRegistry = {}) {
  const catalog = createClaimCatalog(nlp, deps.repos.claims, deps.logger);
  const outbox = createOutbox(deps);
  const identity = createIdentityService(deps);
  const commands = createCommandsService(deps);
  const staff = createStaffService(deps);
  // Any change a moderator should see re-renders the claim's card, in the review queue.
  const rerender = (claimId: number) => deps.producers.review(claimId, `v${Date.now()}`);
  const verdicts = createVerdictService(deps, { outbox, catalog, onPublished: rerender });
  const merges = createClaimMergeService(deps, { outbox, verdicts });
  const suggestions = createSuggestionService(deps, { outbox, verdicts, catalog, nlp });
  const moderation = createModerationService(deps, { outbox, identity, staff, verdicts, merges, suggestions });
  const groups = createGroupsService(deps, { outbox, adapters, nlp, catalog });
  const regionNames = createRegionNames(deps);
  return {
    repos: deps.repos,
    outbox,
    identity,
    commands,
    intake: createIntakeService(deps, { outbox, identity, commands, moderation, groups }),
    groups,
    broadcasts: createBroadcastService(deps, { outbox }),
    privacy: createPrivacyService(deps),
    moderation,
    merges,
    suggestions,
    routing: createRoutingService(deps, { outbox, catalog, nlp, adapters }),
    prepare: createPrepareService(deps),
    nlp,
    catalog,
    analyze: createAnalyzeService(deps, { outbox, nlp, catalog }),
    reconciler: createReconciler(deps),
    staff,
    verdicts,
    claimsQuery: createClaimsQueryService(deps),
    regions: createRegionsService(deps),
    regionNames,
    regionPicker: createRegionPicker(deps, regionNames),
    similarClaims: createSimilarClaims(deps, { catalog }),
    stats: createStatsService({ repos: deps.repos, regionNames }),
    claimReview: createClaimReviewService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
