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

/** Every use case, wired once. Adapters, workers and the API receive this, never each other. */
export function createServices(deps: ServiceDeps, nlp: Nlp) {
  const catalog = createClaimCatalog(nlp, deps.repos.claims, deps.logger);
  const outbox = createOutbox(deps);
  const identity = createIdentityService(deps);
  const commands = createCommandsService(deps);
  return {
    repos: deps.repos,
    outbox,
    identity,
    commands,
    intake: createIntakeService(deps, { outbox, identity, commands }),
    prepare: createPrepareService(deps),
    nlp,
    catalog,
    analyze: createAnalyzeService(deps, { outbox, nlp, catalog }),
    reconciler: createReconciler(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
