import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Logger } from 'pino';
import type { RegionImportSummary, RegionsService } from './regions.service.js';

/** All Kemendagri regions (MIT, see src/db/data/SOURCE.md), shipped so a clone needs no `../shared`. */
export const BUNDLED_REGIONS_FILE = fileURLToPath(new URL('../db/data/wilayah.csv.gz', import.meta.url));

/** The lines of a CSV file, gunzipped on the fly when its name ends in `.gz`. */
export function csvLines(file: string): AsyncIterable<string> {
  const raw = createReadStream(file);
  return createInterface({ input: file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
}

/**
 * First start: an empty regions table gets the bundled list, so residents can name their desa and
 * every screen can show names from the first minute. Idempotent, and a no-op once regions exist
 * (a deployment that imported its own list keeps it).
 */
export async function importBundledRegionsIfEmpty(regions: RegionsService, logger: Logger): Promise<RegionImportSummary | null> {
  if ((await regions.count()) > 0) return null;
  logger.info('regions table is empty: importing the bundled Kemendagri list (about 5 s)');
  const summary = await regions.importLines(csvLines(BUNDLED_REGIONS_FILE));
  logger.info({ added: summary.added }, 'bundled regions imported');
  return summary;
}
