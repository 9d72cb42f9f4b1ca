import { regionCovers, type Actor, type StaffRole } from './access.js';

/**
 * Who may manage which staff accounts. Admins manage everyone; Diskominfo manages the moderators of
 * its own region (add, disable, new /masuk code, new token) — never admins, other Diskominfo
 * accounts or another region's moderators; moderators manage no one.
 */
export function rolesActorMayAdd(actor: Actor): StaffRole[] {
  if (actor.role === 'admin') return ['admin', 'diskominfo', 'moderator'];
  if (actor.role === 'diskominfo') return ['moderator'];
  return [];
}

export function canManageStaff(actor: Actor, target: { role: StaffRole; regionCode: string }): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'diskominfo' && target.role === 'moderator' && regionCovers(actor.regionCode, target.regionCode);
}

/** Whether `actor` may see `target` at all in the staff list (404 otherwise, like a missing account). */
export function canSeeStaff(actor: Actor, target: { regionCode: string }): boolean {
  return actor.role === 'admin' || (actor.role === 'diskominfo' && regionCovers(actor.regionCode, target.regionCode));
}

export function mayAddStaff(actor: Actor, input: { role: StaffRole; regionCode: string }): boolean {
  return rolesActorMayAdd(actor).includes(input.role) && (actor.role === 'admin' || regionCovers(actor.regionCode, input.regionCode));
}
