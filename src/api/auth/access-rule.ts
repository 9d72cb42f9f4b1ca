import type { StaffRow } from '../../db/schema/index.js';
import type { Actor, StaffRole } from '../../domain/access.js';

/**
 * Every route declares who may call it in its options — `config: { access: … }` — and the access
 * plugin enforces it; a route without a rule makes the app fail at start-up.
 *
 * - `'public'`: anyone (health, ClaimReview feed, public claim pages, the login form).
 * - `{ roles }`: an authenticated staff member with one of these roles.
 *   `via: 'session'` takes the dashboard's session cookie (and only it); the default `'bearer'` takes
 *   `Authorization: Bearer TOKEN` (and only it), so a browser's ambient cookie never authorises an
 *   API call, and API tokens never ride on forms that need CSRF protection.
 *   `claim: 'id'` names the route param holding a claim id: the plugin checks the claim lies in the
 *   caller's region before validation or the handler run (cross-region → 403).
 */
export type AccessRule = 'public' | StaffRule;

export interface StaffRule {
  roles: readonly StaffRole[];
  via?: 'bearer' | 'session';
  claim?: string;
}

export const ANY_STAFF: readonly StaffRole[] = ['admin', 'diskominfo', 'moderator'];
export const OFFICIALS: readonly StaffRole[] = ['admin', 'diskominfo'];

/** What the access plugin collected about each route: the access test reads it to cover new routes. */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
}

export function actorOf(staff: StaffRow): Actor {
  return { id: staff.id, role: staff.role, regionCode: staff.regionCode };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** The authenticated staff member; set by the access plugin on every non-public route. */
    staff: StaffRow | null;
  }
  interface FastifyInstance {
    accessRoutes: RouteAccess[];
  }
}
