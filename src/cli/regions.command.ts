import { csvLines } from '../services/bundled-regions.js';
import type { RegionsService } from '../services/regions.service.js';

/** `saring import-regions FILE`: prints counts, then every rejected line with its reason. */
export async function runImportRegions(regions: RegionsService, file: string, print: (line: string) => void): Promise<number> {
  const started = Date.now();
  const summary = await regions.importLines(csvLines(file));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(`added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length} (${seconds} s)`);
  for (const r of summary.rejected) print(`  line ${r.line}: ${r.reason}`);
  if (summary.orphans.length > 0) {
    // Imported anyway: a partial list (one kabupaten's desa) is a legitimate thing to load.
    print(`warning: ${summary.orphans.length} region(s) imported without their parent region`);
    for (const o of summary.orphans.slice(0, 20)) print(`  line ${o.line}: ${o.code}`);
  }
  const accepted = summary.added + summary.updated + summary.unchanged;
  return summary.rejected.length > 0 && accepted === 0 ? 65 : 0;
}
