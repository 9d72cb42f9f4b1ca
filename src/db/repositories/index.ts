import type { Db } from '../client.js';
import { createAuditRepository } from './audit.repository.js';
import { createClaimsRepository } from './claims.repository.js';
import { createOutboundRepository } from './outbound.repository.js';
import { createPeopleRepository } from './people.repository.js';
import { createReportsRepository } from './reports.repository.js';
import { createVerdictsRepository } from './verdicts.repository.js';

export function createRepositories(db: Db) {
  return {
    people: createPeopleRepository(db),
    reports: createReportsRepository(db),
    claims: createClaimsRepository(db),
    outbound: createOutboundRepository(db),
    audit: createAuditRepository(db),
    verdicts: createVerdictsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
