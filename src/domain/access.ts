/**
 * Who may act on what, in one place. Region codes nest by prefix (62 ⊃ 62.02 ⊃ 62.02.01 ⊃ 62.02.01.2001):
 * staff act within their region's prefix; admins everywhere.
 */
export type StaffRole = 'admin' | 'diskominfo' | 'moderator';

export interface Actor {
  id: number;
  role: StaffRole;
  regionCode: string;
}

export function regionCovers(scope: string, region: string | null | undefined): boolean {
  if (!region) return false;
  return region === scope || region.startsWith(`${scope}.`);
}

/** A claim is in scope when the region it came from, or the one it is routed to, lies in the actor's region. */
export function canReviewClaim(actor: Actor, claim: { regionCode: string | null; routedRegion: string | null }): boolean {
  if (actor.role === 'admin') return true;
  return regionCovers(actor.regionCode, claim.regionCode) || regionCovers(actor.regionCode, claim.routedRegion);
}

export function verdictKindFor(actor: Actor): 'community' | 'official' {
  return actor.role === 'moderator' ? 'community' : 'official';
}

/** A community verdict cannot replace an official one; official replaces anything. */
export function mayReplaceVerdict(actor: Actor, current: { kind: 'community' | 'official' } | undefined): boolean {
  return !current || current.kind === 'community' || verdictKindFor(actor) === 'official';
}

export function canBroadcast(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'diskominfo';
}

/** Level of a Kemendagri code: 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan. */
export function regionLevel(code: string): number {
  return code.split('.').length;
}

/** desa → kecamatan → kabupaten; a kabupaten (Diskominfo) is the top of the review ladder. */
export function parentRegion(code: string): string | null {
  const parts = code.split('.');
  if (parts.length <= 2) return null;
  return parts.slice(0, -1).join('.');
}

/** The chain a claim climbs: its own code, then each parent up to the kabupaten. */
export function reviewLadder(code: string): string[] {
  const out = [code];
  for (let p = parentRegion(code); p; p = parentRegion(p)) out.push(p);
  return out;
}

/** Syntax of a Kemendagri code (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD); whether it exists is the regions table's business. */
export function isRegionCode(code: string): boolean {
  return /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code);
}

/**
 * The region prefix a queue query may use: the caller's own scope, narrowed by a requested prefix.
 * `null` prefix = everything (admins without a filter); `undefined` = the request reaches outside
 * the caller's region and must be refused.
 */
export function queueScope(actor: Actor, requested: string | undefined): { prefix: string | null } | undefined {
  if (actor.role === 'admin') return { prefix: requested ?? null };
  if (!requested || regionCovers(requested, actor.regionCode)) return { prefix: actor.regionCode };
  return regionCovers(actor.regionCode, requested) ? { prefix: requested } : undefined;
}
