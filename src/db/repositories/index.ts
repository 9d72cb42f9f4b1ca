import type { Db } from '../client.js';
import { createAuditRepository } from './audit.repository.js';
import { createClaimsRepository } from './claims.repository.js';
import { createOutboundRepository } from './outbound.repository.js';
import { createPeopleRepository } from './people.repository.js';
import { createRegionsRepository } from './regions.repository.js';
import { createReportsRepository } from './reports.repository.js';
import { createVerdictsRepository } from './verdicts.repository.js';
import { createModerationRepository } from './moderation.repository.js';
import { createRegionSearchRepository } from './region-search.repository.js';
import { createClaimReviewRepository } from './claim-review.repository.js';
import { createGroupsRepository } from './groups.repository.js';
import { createBroadcastsRepository } from './broadcasts.repository.js';
import { createClaimMergeRepository } from './claim-merge.repository.js';
import { createClaimsQueryRepository } from './claims-query.repository.js';
import { createStaffRepository } from './staff.repository.js';
import { createMediaRepository } from './media.repository.js';
import { createRegionLookupRepository } from './region-lookup.repository.js';
import { createErasureRepository } from './erasure.repository.js';
import { createLinksRepository } from './links.repository.js';
import { createStatsRepository } from './stats.repository.js';
import { createPublicClaimsRepository } from './public-claims.repository.js';
import { createHoaxModelsRepository } from './hoax-models.repository.js';
import { createFeedbackRepository } from './feedback.repository.js';

export function createRepositories(db: Db) {
  return {
    people: createPeopleRepository(db),
    reports: createReportsRepository(db),
    claims: createClaimsRepository(db),
    outbound: createOutboundRepository(db),
    audit: createAuditRepository(db),
    verdicts: createVerdictsRepository(db),
    regions: createRegionsRepository(db),
    moderation: createModerationRepository(db),
    regionSearch: createRegionSearchRepository(db),
    claimReview: createClaimReviewRepository(db),
    groups: createGroupsRepository(db),
    broadcasts: createBroadcastsRepository(db),
    claimMerge: createClaimMergeRepository(db),
    claimsQuery: createClaimsQueryRepository(db),
    staff: createStaffRepository(db),
    media: createMediaRepository(db),
    regionLookup: createRegionLookupRepository(db),
    erasure: createErasureRepository(db),
    links: createLinksRepository(db),
    stats: createStatsRepository(db),
    publicClaims: createPublicClaimsRepository(db),
    hoaxModels: createHoaxModelsRepository(db),
    feedback: createFeedbackRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
