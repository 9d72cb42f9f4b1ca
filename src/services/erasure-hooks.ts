import type { ServiceDeps } from './deps.js';
import type { ReportErasedHook } from './erasure.service.js';
import { createMediaStore } from '../media/index.js';
import { eraseReportMedia } from './media-erasure.js';

/**
 * Everything else that holds a copy of a report and must go with it on `/hapus` and `saring purge`. Each hook
 * runs inside the erasure transaction, once per erased report (the report and each fragment folded into it).
 * The service and the CLI both take their hooks from here, so a new kind of copy is registered once.
 */
export function reportErasedHooks(deps: Pick<ServiceDeps, 'config' | 'logger'>): ReportErasedHook[] {
  const store = createMediaStore(deps.config.media);
  return [
    // Pictures, videos and voice notes the report carried (src/media).
    async (report, tx) => void (await eraseReportMedia(report.id, tx, store)),
  ];
}
