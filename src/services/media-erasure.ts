import type { DbOrTx } from '../db/client.js';
import { createMediaRepository } from '../db/repositories/media.repository.js';
import type { MediaStore } from '../media/index.js';

/**
 * Erasure of a report's files (`/hapus`, `saring purge`; registered in erasure-hooks.ts): its `report_media`
 * rows go, and so does content no other report or claim references — its `media_objects` row and its bytes in
 * the store. Runs inside the erasure transaction; the bytes are deleted there too (a rolled-back erasure
 * would leave a row whose picture no longer shows: the safer side of a right to erasure).
 * Pictures imported with a claim (`claim_media`) stay: they belong to the claim, not to a resident.
 */
export async function eraseReportMedia(reportId: number, tx: DbOrTx, store: MediaStore): Promise<number> {
  const gone = await createMediaRepository(tx).unlinkReports([reportId], tx);
  for (const sha of gone) await store.delete(sha);
  return gone.length;
}
