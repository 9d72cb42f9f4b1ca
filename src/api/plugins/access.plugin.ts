import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRow } from '../../db/schema/index.js';
import { canReviewClaim } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, type RouteAccess, type StaffRule } from '../auth/access-rule.js';
import type { SessionStore } from '../auth/session-store.js';
import { PG_INT_MAX } from '../schemas/claims.schema.js';
import { createAuthFailureGuard, type AuthFailureGuard } from '../auth/auth-failures.js';

export const SESSION_COOKIE = 'saring_session';
export const LOGIN_PATH = '/dashboard/login';

export interface AccessPluginOptions {
  staff: { byToken(token: string): Promise<StaffRow | undefined> };
  audit: { record(event: { actor: string; action: string; subject?: string; data?: Record<string, unknown> }): Promise<void> };
  sessions: SessionStore;
  /** Where a claim belongs, for `claim:` rules; undefined when there is no such claim. */
  claimRegion(id: number): Promise<{ regionCode: string | null; routedRegion: string | null } | undefined>;
  /** Routes that legitimately carry no rule (the OpenAPI UI's own routes). */
  exempt?(url: string): boolean;
  /** Failed-authentication limiter; one per app by default (the dashboard login shares it). */
  authFailures?: AuthFailureGuard;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts failed authentications per address and credential prefix (API, dashboard session, login). */
    authFailures: AuthFailureGuard;
    /** Records a failed authentication: limiter first, then at most a couple of audit rows per window. */
    recordAuthFailure(req: FastifyRequest, credential: string | undefined, action: string, data: Record<string, unknown>): Promise<void>;
  }
}

type Credential = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string } | { kind: 'session'; id: string };

/**
 * Authentication and authorisation in one place. `onRoute` refuses to start an app with a route
 * that says nothing about access; `onRequest` authenticates and checks the role; `preValidation`
 * checks region scope for claim routes — before body validation, so a caller outside the region
 * learns nothing from validation messages.
 */
export const accessPlugin = fp<AccessPluginOptions>(
  async (app, opts) => {
    const routes: RouteAccess[] = [];
    app.decorate('accessRoutes', routes);
    app.decorateRequest('staff', null);
    const failures = opts.authFailures ?? createAuthFailureGuard();
    app.decorate('authFailures', failures);

    app.addHook('onRoute', (route) => {
      if (opts.exempt?.(route.url)) return;
      const access = route.config?.access;
      const methods = ([] as string[]).concat(route.method);
      if (!access) {
        throw new Error(`route ${methods.join(',')} ${route.url} declares no access rule: add config.access ('public' or { roles })`);
      }
      if (access !== 'public' && access.roles.length === 0) throw new Error(`route ${route.url}: an access rule needs at least one role`);
      for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    });

    async function audit(req: FastifyRequest, action: string, actor: string, data: Record<string, unknown>) {
      // A failing audit write must not turn a refusal into a 500; the refusal stands either way.
      await opts.audit
        .record({ actor, action, subject: `route:${req.method} ${req.routeOptions.url ?? req.url}`, data: { ip: req.ip, ...data } })
        .catch((err: unknown) => req.log.error({ err: String(err) }, 'audit write failed'));
    }

    /**
     * One failure into the limiter; the audit log gets a row only when an address starts failing
     * and when an address or a prefix reaches its limit — 150 guesses are two rows, not 150.
     */
    async function recordAuthFailure(req: FastifyRequest, credential: string | undefined, action: string, data: Record<string, unknown>) {
      for (const row of failures.failed(req.ip, credential)) {
        if (row.kind === 'first') await audit(req, action, 'anonymous', data);
        if (row.kind === 'limited') {
          await audit(req, 'auth.limited', 'anonymous', { ...data, limitedBy: row.key.startsWith('addr:') ? 'address' : 'credential prefix', failures: row.failures });
        }
      }
    }
    app.decorate('recordAuthFailure', recordAuthFailure);

    function credentialOf(req: FastifyRequest, via: 'bearer' | 'session'): Credential {
      if (via === 'bearer') {
        const header = req.headers.authorization;
        if (!header) return { kind: 'none' };
        const m = /^Bearer\s+([\w.~+/=-]{8,200})$/i.exec(header.trim());
        return m?.[1] ? { kind: 'token', token: m[1] } : { kind: 'malformed' };
      }
      const raw = req.cookies?.[SESSION_COOKIE];
      if (!raw) return { kind: 'none' };
      const unsigned = req.unsignCookie(raw);
      return unsigned.valid && unsigned.value ? { kind: 'session', id: unsigned.value } : { kind: 'malformed' };
    }

    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const rule = req.routeOptions.config?.access;
      if (!rule || rule === 'public') return;
      const via = rule.via ?? 'bearer';
      const credential = credentialOf(req, via);
      if (credential.kind === 'none') {
        // A browser without a session belongs on the login page; anything else gets the API error.
        if (via === 'session' && req.method === 'GET') return reply.redirect(LOGIN_PATH, 303);
        throw new AppError('UNAUTHENTICATED', via === 'bearer' ? 'send Authorization: Bearer TOKEN' : 'log in first');
      }
      const presented = credential.kind === 'token' ? credential.token : credential.kind === 'session' ? credential.id : req.headers.authorization ?? req.cookies?.[SESSION_COOKIE];
      // Before any lookup: a limited address or prefix is refused whether its guess is right or wrong.
      if (failures.limited(req.ip, presented)) throw new AppError('RATE_LIMITED', 'too many failed sign-ins; try again later');
      let token: string | undefined;
      if (credential.kind === 'token') token = credential.token;
      else if (credential.kind === 'session') token = await opts.sessions.resolve(credential.id);
      const staff = token ? await opts.staff.byToken(token) : undefined;
      if (!staff) {
        await recordAuthFailure(req, presented, 'auth.failed', { via, reason: credential.kind === 'malformed' ? 'malformed credential' : 'unknown or expired credential' });
        if (via === 'session' && req.method === 'GET') return reply.redirect(LOGIN_PATH, 303);
        throw new AppError('UNAUTHENTICATED', 'invalid or expired credential');
      }
      if (!rule.roles.includes(staff.role)) {
        await audit(req, 'auth.denied', `staff:${staff.id}`, { reason: 'role', role: staff.role });
        throw new AppError('FORBIDDEN', `this needs one of the roles: ${rule.roles.join(', ')}`);
      }
      req.staff = staff;
    });

    app.addHook('preValidation', async (req: FastifyRequest) => {
      const rule = req.routeOptions.config?.access;
      const param = rule && rule !== 'public' ? (rule as StaffRule).claim : undefined;
      if (!param || !req.staff) return;
      const id = Number((req.params as Record<string, string | undefined>)[param]);
      // preValidation runs before the params schema: the range check is repeated here, so no
      // out-of-range number ever reaches the database.
      if (!Number.isSafeInteger(id) || id <= 0 || id > PG_INT_MAX) throw new AppError('VALIDATION_FAILED', `${param} must be an integer from 1 to ${PG_INT_MAX}`);
      const claim = await opts.claimRegion(id);
      if (!claim) throw new AppError('NOT_FOUND', `claim ${id} not found`);
      if (!canReviewClaim(actorOf(req.staff), claim)) {
        await audit(req, 'auth.denied', `staff:${req.staff.id}`, { reason: 'region', claim: id, region: req.staff.regionCode });
        // Exactly the answer for a claim that does not exist: a 403 would tell that this one does.
        throw new AppError('NOT_FOUND', `claim ${id} not found`);
      }
    });
  },
  { name: 'saring-access', dependencies: ['@fastify/cookie'] },
);
