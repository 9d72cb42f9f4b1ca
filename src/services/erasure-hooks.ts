import type { ServiceDeps } from './deps.js';
import type { ReportErasedHook } from './erasure.service.js';

/**
 * Everything else that holds a copy of a report and must go with it on `/hapus` and `saring purge`. Each hook
 * runs inside the erasure transaction, once per erased report (the report and each fragment folded into it).
 * The service and the CLI both take their hooks from here, so a new kind of copy is registered once.
 * Pictures (src/media) add their removal here.
 */
export function reportErasedHooks(_deps: Pick<ServiceDeps, 'config' | 'logger'>): ReportErasedHook[] {
  return [];
}
