import type { Repositories } from '../db/repositories/index.js';
import { codeWithAncestors, regionLabel, type LabelOptions, type RegionNameRow } from '../domain/region-label.js';

/** Names change only on a Kemendagri re-import; a process-wide cache keeps card renders to zero queries. */
const CACHE_LIMIT = 20_000;

/**
 * Region names for people: `label("15.02.13.2005")` → "Desa Limbur Merangin, Kec. Pamenang Barat,
 * Kab. Merangin". Codes stay underneath (storage, access rules); this is only how they are shown.
 */
export function createRegionNames(deps: { repos: Pick<Repositories, 'regions'> }) {
  const rows = new Map<string, RegionNameRow | null>();

  async function load(codes: Iterable<string>): Promise<void> {
    const wanted = new Set<string>();
    for (const code of codes) for (const c of codeWithAncestors(code)) if (!rows.has(c)) wanted.add(c);
    if (wanted.size === 0) return;
    const found = await deps.repos.regions.findManyByCode([...wanted]);
    if (rows.size + wanted.size > CACHE_LIMIT) rows.clear();
    for (const c of wanted) rows.set(c, null);
    for (const r of found) rows.set(r.code, { code: r.code, name: r.name, level: r.level });
  }

  function chainOf(code: string): RegionNameRow[] {
    return codeWithAncestors(code)
      .map((c) => rows.get(c))
      .filter((r): r is RegionNameRow => !!r);
  }

  return {
    async label(code: string | null | undefined, options: LabelOptions = {}): Promise<string | null> {
      if (!code) return null;
      await load([code]);
      return regionLabel(code, chainOf(code), options);
    },
    /** Many at once (a queue page, a broadcast's regions): one query for all the missing ones. */
    async labels(codes: readonly string[], options: LabelOptions = {}): Promise<Map<string, string>> {
      await load(codes);
      return new Map(codes.map((c) => [c, regionLabel(c, chainOf(c), options)]));
    },
    /** Forget cached names (after `saring import-regions`). */
    clear(): void {
      rows.clear();
    },
  };
}

export type RegionNames = ReturnType<typeof createRegionNames>;
