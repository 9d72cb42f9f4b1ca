import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Harness } from './saring.js';
import { BUNDLED_REGIONS_FILE } from '../../src/services/bundled-regions.js';

/** The bundled list (the same rows as ../shared/data/regions/wilayah.csv), so tests need no ../shared. */
export const WILAYAH = BUNDLED_REGIONS_FILE;

/**
 * Real Kemendagri rows for desa-search tests: every row of the given provinsi, plus every desa named
 * one of `names` anywhere in the country with its kecamatan, kabupaten and provinsi — the real
 * ambiguity (65 desa are called "Sukamaju") without importing 91,600 rows.
 */
export async function importWilayah(h: Harness, opts: { provinces: string[]; names: string[] }): Promise<number> {
  const rows = gunzipSync(readFileSync(WILAYAH)).toString('utf8').replace(/\r/g, '').split('\n').slice(1).filter(Boolean);
  const named = new Set(opts.names.map((n) => n.toLowerCase()));
  const wanted = new Set<string>();
  for (const line of rows) {
    const [code = '', name = ''] = line.split(',');
    if (opts.provinces.includes(code.slice(0, 2))) wanted.add(code);
    if (named.has(name.trim().toLowerCase())) {
      const parts = code.split('.');
      for (let i = 1; i <= parts.length; i++) wanted.add(parts.slice(0, i).join('.'));
    }
  }
  const lines = rows.filter((line) => wanted.has(line.slice(0, line.indexOf(','))));
  const summary = await h.saring.services.regions.importLines(lines);
  h.saring.services.regionNames.clear();
  if (summary.rejected.length) throw new Error(`rejected region lines: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
  return summary.added;
}
