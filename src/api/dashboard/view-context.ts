import type { StaffRow } from '../../db/schema/index.js';
import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import type { RegionNames } from '../../services/region-names.service.js';
import type { RegionResolution } from '../../services/region-lookup.service.js';
import type { Place, Viewer } from './html.js';

/** The header's view of the signed-in staff member, with their region's name. */
export async function viewerOf(names: RegionNames, staff: StaffRow | null): Promise<Viewer | null> {
  if (!staff) return null;
  return { name: staff.name, role: staff.role, regionCode: staff.regionCode, regionLabel: (await names.label(staff.regionCode, { short: true })) ?? staff.regionCode };
}

/** Names for every code a page shows, fetched in one batch before rendering (pages stay pure). */
export async function placeNamer(names: RegionNames, codes: Iterable<string | null | undefined>, options: { short?: boolean } = {}): Promise<Place> {
  const wanted = [...new Set([...codes].filter((c): c is string => !!c))];
  const labels = await names.labels(wanted, options);
  return (code) => (code ? (labels.get(code) ?? code) : '–');
}

/** Why a typed region was not taken, with the choices when the name is ambiguous. */
export function regionProblem(r: Extract<RegionResolution, { ok: false }>, m: DashboardMessages = dashboardId): string {
  if (r.reason === 'outside') return m.region.outside(r.input);
  if (r.reason === 'unknown') return m.region.unknown(r.input);
  return m.region.ambiguous(r.input, r.options.slice(0, 5).map((o) => `${o.label} (${o.code})`));
}
