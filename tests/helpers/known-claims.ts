import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClaimImportService } from '../../src/services/claim-import.service.js';
import { startHarness, type Harness } from './saring.js';
import { waitFor } from './wait.js';

export const CLAIMS_FIXTURE = fileURLToPath(new URL('../fixtures/claims.jsonl', import.meta.url));

/** The whole service with the verified claims of tests/fixtures/claims.jsonl imported and indexed. */
export async function startHarnessWithKnownClaims(): Promise<Harness> {
  const h = await startHarness();
  const s = h.saring;
  const importer = createClaimImportService({ db: s.database.db, repos: s.services.repos }, s.services.nlp);
  await importer.importLines(createInterface({ input: createReadStream(CLAIMS_FIXTURE) }));
  // Workers see new verified claims by polling; wait for this process's index to have them.
  await waitFor(() => s.services.catalog.size >= 3, { what: 'claims indexed', timeoutMs: 10_000 });
  return h;
}
