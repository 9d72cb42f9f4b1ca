import type { Repositories } from '../db/repositories/index.js';
import { isRegionCode, regionCovers, type Actor } from '../domain/access.js';
import type { RegionNames } from './region-names.service.js';

export interface RegionOption {
  code: string;
  /** "Desa Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin". */
  label: string;
  level: number;
}

export type RegionResolution =
  | { ok: true; code: string; label: string }
  | { ok: false; input: string; reason: 'unknown' | 'ambiguous' | 'outside'; options: RegionOption[] };

/** kabupaten → kecamatan → desa; a provinsi only for admins (nobody else's region is that wide). */
const LEVELS = [2, 3, 4] as const;
const MIN_CHARS = 2;
const MAX_INPUT = 80;

/**
 * What people type where a region is asked for: a Kemendagri code (always accepted) or a name,
 * looked up only within the caller's own region. The JSON picker endpoint and the forms without
 * scripts share this, so a name resolves the same way typed or picked.
 */
export function createRegionLookup(deps: { repos: Pick<Repositories, 'regionLookup'> }, names: RegionNames) {
  const scopeOf = (actor: Actor) => (actor.role === 'admin' ? null : actor.regionCode);
  const inScope = (actor: Actor, code: string) => actor.role === 'admin' || regionCovers(actor.regionCode, code);

  async function options(codes: Array<{ code: string; level: number }>): Promise<RegionOption[]> {
    const labels = await names.labels(codes.map((c) => c.code));
    return codes.map((c) => ({ code: c.code, level: c.level, label: labels.get(c.code) ?? c.code }));
  }

  async function search(actor: Actor, typed: string, limit = 8): Promise<Array<RegionOption & { exact: boolean }>> {
    const q = typed.replace(/\s+/g, ' ').trim().slice(0, MAX_INPUT);
    if (isRegionCode(q)) {
      if (!inScope(actor, q)) return [];
      const [one] = await options([{ code: q, level: q.split('.').length }]);
      return one && one.label !== q ? [{ ...one, exact: true }] : [];
    }
    if (q.length < MIN_CHARS) return [];
    const levels = actor.role === 'admin' ? [1, ...LEVELS] : [...LEVELS];
    const hits = await deps.repos.regionLookup.search({ words: q, prefix: scopeOf(actor), levels, limit });
    const labelled = await options(hits);
    return labelled.map((o, i) => ({ ...o, exact: hits[i]!.rank === 0 }));
  }

  /** One region from what was typed: a code in scope, the only exact name, or the only match. */
  async function resolve(actor: Actor, typed: string): Promise<RegionResolution> {
    const input = typed.replace(/\s+/g, ' ').trim();
    if (isRegionCode(input)) {
      if (!inScope(actor, input)) return { ok: false, input, reason: 'outside', options: [] };
      return { ok: true, code: input, label: (await names.label(input)) ?? input };
    }
    const found = await search(actor, input, 6);
    const exact = found.filter((f) => f.exact);
    const pick = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
    if (pick) return { ok: true, code: pick.code, label: pick.label };
    return { ok: false, input, reason: found.length === 0 ? 'unknown' : 'ambiguous', options: found.map(({ exact: _e, ...o }) => o) };
  }

  return {
    search,
    resolve,

    /** Several regions, comma- or semicolon-separated (codes may also be separated by spaces). */
    async resolveMany(actor: Actor, typed: string): Promise<{ codes: string[]; problems: RegionResolution[] }> {
      const parts = typed
        .split(/[,;\n]+/)
        .flatMap((p) => (/^[\d.\s]+$/.test(p) ? p.split(/\s+/) : [p]))
        .map((p) => p.trim())
        .filter(Boolean);
      const codes: string[] = [];
      const problems: RegionResolution[] = [];
      for (const part of parts) {
        const r = await resolve(actor, part);
        if (r.ok) codes.push(r.code);
        else problems.push(r);
      }
      return { codes: [...new Set(codes)], problems };
    },
  };
}

export type RegionLookup = ReturnType<typeof createRegionLookup>;
