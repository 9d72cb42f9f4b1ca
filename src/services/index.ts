import type { ServiceDeps } from './deps.js';
import { createAnalyzeService } from './analyze.service.js';
import { createCommandsService } from './commands.service.js';
import { createIdentityService } from './identity.service.js';
import { createIntakeService } from './intake.service.js';
import { createOutbox } from './outbox.service.js';
import { createPrepareService } from './prepare.service.js';
import { createReconciler } from './reconcile.service.js';

/** Every use case, wired once. Adapters, workers and the API receive this, never each other. */
export function createServices(deps: ServiceDeps) {
  const outbox = createOutbox(deps);
  const identity = createIdentityService(deps);
  const commands = createCommandsService(deps);
  return {
    outbox,
    identity,
    commands,
    intake: createIntakeService(deps, { outbox, identity, commands }),
    prepare: createPrepareService(deps),
    analyze: createAnalyzeService(deps, { outbox }),
    reconciler: createReconciler(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
