import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { AppError } from '../../domain/errors.js';
import { canBroadcast } from '../../domain/access.js';
import { clarificationMessage } from '../../domain/clarification.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import { isLang } from '../../domain/messages/index.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE_S, pageLang, safeBack } from '../dashboard/lang.js';
import { VERDICT_CODES, type VerdictCode } from '../../domain/verdict.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';
import { SESSION_TTL_SECONDS, type SessionStore } from '../auth/session-store.js';
import { SESSION_COOKIE } from '../plugins/access.plugin.js';
import { COOKIE_PATH, LOGIN_RATE_LIMIT } from '../plugins/security.plugin.js';
import { CLAIM_STATUSES, CLARIFICATION_MAX, PG_INT_MAX } from '../schemas/claims.schema.js';
import { layout, safeHref } from '../dashboard/html.js';
import { claimPage, loginPage, queuePage, SOURCE_OPTIONAL, verdictPreviewPage, type VerdictForm } from '../dashboard/pages.js';
import { DASHBOARD_CSS, STATS_CSS } from '../dashboard/style.js';
import { REGION_PICKER_JS } from '../dashboard/region-picker-script.js';
import { placeNamer, regionProblem, viewerOf } from '../dashboard/view-context.js';
import { formatTicket } from '../../domain/ticket.js';
import { SUMMARY_MAX } from '../../domain/safe-quote.js';
import { publicSummaryOf } from '../../services/verdict.service.js';

interface DashboardOptions {
  services: Services;
  sessions: SessionStore;
  secureCookies: boolean;
}

const session = { roles: ANY_STAFF, via: 'session' } as const;
const hide = { hide: true } as const;

/**
 * The web dashboard: server-rendered pages that work without scripts (one same-origin script only enhances region fields). Forms post with a CSRF token; the session
 * cookie is httpOnly, SameSite=Strict and scoped to /dashboard, so the JSON API never sees it.
 */
export const dashboardRoutes: FastifyPluginAsync<DashboardOptions> = async (app, { services, sessions, secureCookies }) => {
  const page = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
  // Every page carries the staff member's language (cookie, else Accept-Language) and its own address for the switch.
  const chrome = async (req: FastifyRequest, reply: FastifyReply) => ({ staff: await viewerOf(services.regionNames, req.staff), csrf: reply.generateCsrf(), ...pageLang(req) });
  const audit = (req: FastifyRequest, action: string, actor: string, data: Record<string, unknown> = {}) =>
    services.repos.audit.record({ actor, action, subject: 'dashboard', data: { ip: req.ip, ...data } });

  app.get('/dashboard/assets/app.css', { config: { access: 'public' }, schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(DASHBOARD_CSS + STATS_CSS),
  );

  app.get('/dashboard/assets/region-picker.js', { config: { access: 'public' }, schema: hide }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(REGION_PICKER_JS),
  );

  /**
   * The "English / Bahasa Indonesia" switch: remembers the choice in a cookie (no account setting, so it
   * works before signing in too) and goes back to the page it was on — only a dashboard page.
   */
  app.get<{ Querystring: { lang?: string; back?: string } }>('/dashboard/bahasa', { config: { access: 'public' }, schema: hide }, async (req, reply) => {
    const lang = req.query.lang;
    if (isLang(lang)) reply.setCookie(LANG_COOKIE, lang, { path: COOKIE_PATH, sameSite: 'lax', httpOnly: true, secure: secureCookies, maxAge: LANG_COOKIE_MAX_AGE_S });
    return reply.redirect(safeBack(req.query.back), 303);
  });

  app.get('/dashboard/login', { config: { access: 'public' }, schema: hide }, async (req, reply) => {
    const l = pageLang(req);
    return page(reply, layout({ title: l.m.login.title, body: loginPage({ csrf: reply.generateCsrf(), m: l.m }), ...l }));
  });

  app.post<{ Body: { token?: string } }>(
    '/dashboard/login',
    { config: { access: 'public', rateLimit: LOGIN_RATE_LIMIT }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
      // The same failure limiter as the API, before the lookup (address and token prefix).
      const l = pageLang(req);
      if (app.authFailures.limited(req.ip, token || undefined)) throw new AppError('RATE_LIMITED', l.m.login.tooMany);
      const staff = token ? await services.staff.byToken(token) : undefined;
      if (!staff) {
        await app.recordAuthFailure(req, token || undefined, 'login.failed', { via: 'login' });
        return page(reply, layout({ title: l.m.login.title, body: loginPage({ csrf: reply.generateCsrf(), error: l.m.login.unknownToken, m: l.m }), ...l, path: '/dashboard/login' }), 401);
      }
      const id = await sessions.create(token);
      await audit(req, 'login.success', `staff:${staff.id}`);
      reply.setCookie(SESSION_COOKIE, id, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: secureCookies, signed: true, maxAge: SESSION_TTL_SECONDS });
      return reply.redirect('/dashboard', 303);
    },
  );

  app.post('/dashboard/logout', { config: { access: session }, schema: hide, preHandler: app.csrfProtection }, async (req, reply) => {
    const raw = req.cookies[SESSION_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : undefined;
    if (unsigned?.valid && unsigned.value) await sessions.destroy(unsigned.value);
    await audit(req, 'logout', `staff:${req.staff!.id}`);
    reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH });
    return reply.redirect('/dashboard/login', 303);
  });

  app.get<{ Querystring: { status?: string; region?: string; cursor?: string } }>(
    '/dashboard',
    { config: { access: session }, schema: hide },
    async (req, reply) => {
      const status = CLAIM_STATUSES.find((s) => s === req.query.status);
      const typed = req.query.region?.trim().slice(0, 80) || undefined;
      const filter = { status, region: typed };
      const actor = actorOf(req.staff!);
      const { m } = pageLang(req);
      const empty = (error: string) => queuePage({ items: [], filter, place: (c) => c ?? '–', nextHref: null, error, m });
      let body;
      const resolved = typed ? await services.regionLookup.resolve(actor, typed) : undefined;
      if (resolved && !resolved.ok) {
        body = empty(regionProblem(resolved, m));
      } else {
        const region = resolved?.code;
        try {
          const result = await services.claimsQuery.list(actor, { status, region, cursor: req.query.cursor, limit: 50 });
          const next = result.nextCursor ? `/dashboard?${new URLSearchParams({ ...(status ? { status } : {}), ...(typed ? { region: typed } : {}), cursor: result.nextCursor })}` : null;
          const place = await placeNamer(services.regionNames, result.items.map((c) => c.regionCode), { short: true });
          body = queuePage({ items: result.items, filter, regionLabel: resolved?.ok ? resolved.label : undefined, place, nextHref: next, m });
        } catch (err) {
          if (!(err instanceof AppError) || (err.code !== 'FORBIDDEN' && err.code !== 'VALIDATION_FAILED')) throw err;
          body = empty(err.code === 'FORBIDDEN' ? m.region.outside(typed ?? '') : m.queue.badPage);
        }
      }
      return page(reply, layout({ title: m.queue.title, body, ...(await chrome(req, reply)) }));
    },
  );

  async function renderClaim(req: FastifyRequest, reply: FastifyReply, id: number, extra: { flash?: string; error?: string; form?: VerdictForm; status?: number }) {
    const found = await services.claimsQuery.detail(id);
    if (!found) throw new AppError('NOT_FOUND', `Klaim ${id} tidak ditemukan.`);
    const view = await chrome(req, reply);
    const { csrf, m } = view;
    const actor = actorOf(req.staff!);
    const similar = await services.similarClaims.of(found.claim, !!found.verdict, actor);
    const place = await placeNamer(services.regionNames, [found.claim.regionCode, found.claim.routedRegion, ...similar.map((c) => c.regionCode)]);
    const broadcastable = found.verdict?.kind === 'official' && canBroadcast(actor);
    const media = (await services.repos.media.ofClaim(id)).map((m) => ({ url: `/dashboard/claims/${id}/media/${m.id}`, picture: m.phash !== null }));
    const summaryPrefill = publicSummaryOf(undefined, found.claim) ?? '';
    // The card of the verdict in force, at its public versioned address (the same bytes residents received).
    const published = found.verdict ? await services.publicClarifications.detail(id) : undefined;
    const cardUrl = published && published.verdictId === found.verdict?.id ? `/klarifikasi/${id}/kartu.png?v=${published.version}` : null;
    const feedback = found.verdict ? await services.repos.feedback.countsForVerdict(found.verdict.id) : null;
    return page(reply, layout({ title: m.queue.claimNo(id), ...view, body: claimPage({ ...found, similar, place, csrf, broadcastable, summaryPrefill, media, m, cardUrl, feedback, ...extra }) }), extra.status);
  }

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/dashboard/claims/:id',
    { config: { access: { ...session, claim: 'id' } }, schema: hide },
    async (req, reply) => renderClaim(req, reply, Number(req.params.id), { flash: flashOf(req.query, pageLang(req).m) }),
  );

  type VerdictBody = { verdict?: string; clarification?: string; source?: string; summary?: string; ubah?: string };

  /** The verdict form as typed, and what is wrong with it (a source is optional only for "not proven" and "out of scope"). */
  function readVerdictForm(body: VerdictBody | undefined, m: DashboardMessages) {
    const form = {
      verdict: String(body?.verdict ?? ''),
      clarification: String(body?.clarification ?? ''),
      source: String(body?.source ?? '').trim(),
      summary: String(body?.summary ?? '').trim(),
    };
    const problem = !VERDICT_CODES.includes(form.verdict as VerdictCode)
      ? m.needVerdict
      : form.clarification.trim() === '' || form.clarification.length > CLARIFICATION_MAX
        ? m.needClarification(CLARIFICATION_MAX)
        : form.source === '' && !SOURCE_OPTIONAL.includes(form.verdict)
          ? m.needSource
          : form.source !== '' && !safeHref(form.source)
            ? m.badSource
            : form.summary.length > SUMMARY_MAX
              ? m.summaryTooLong(SUMMARY_MAX)
              : undefined;
    return { form, problem, sources: form.source ? [form.source] : [] };
  }

  app.post<{ Params: { id: string }; Body: VerdictBody }>(
    '/dashboard/claims/:id/verdict/preview',
    { config: { access: { ...session, claim: 'id' } }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const id = Number(req.params.id);
      const { form, problem, sources } = readVerdictForm(req.body, pageLang(req).m);
      if (req.body?.ubah) return renderClaim(req, reply, id, { form });
      if (problem) return renderClaim(req, reply, id, { error: problem, form, status: 400 });
      const verdict = form.verdict as VerdictCode;
      const message = clarificationMessage({ verdict, kind: req.staff!.role === 'moderator' ? 'community' : 'official', clarification: form.clarification.trim(), sources }, 'T-…');
      const audience = await services.verdicts.audience(id, verdict);
      const view = await chrome(req, reply);
      reply.header('cache-control', 'no-store');
      return page(reply, layout({ title: view.m.preview.title(id), ...view, body: verdictPreviewPage({ claimId: id, form, message, audience, csrf: view.csrf, m: view.m }) }));
    },
  );

  app.post<{ Params: { id: string }; Body: VerdictBody }>(
    '/dashboard/claims/:id/verdict',
    { config: { access: { ...session, claim: 'id' } }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const id = Number(req.params.id);
      const { m } = pageLang(req);
      const { form, problem, sources } = readVerdictForm(req.body, m);
      if (problem) return renderClaim(req, reply, id, { error: problem, form, status: 400 });
      try {
        const before = await services.verdicts.audience(id, form.verdict as VerdictCode);
        const result = await services.verdicts.publish({
          claimId: id,
          verdict: form.verdict as VerdictCode,
          clarification: form.clarification,
          sources,
          // Left empty: the pre-fill the moderator was shown.
          ...(form.summary ? { summary: form.summary } : {}),
          actor: actorOf(req.staff!),
        });
        return reply.redirect(`/dashboard/claims/${id}?terbit=${result.answered}&ralat=${result.corrected}&pelapor=${before.reporters}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        const message = err.code === 'CONFLICT' ? m.claim.officialInForce : err.message;
        return renderClaim(req, reply, id, { error: message, form, status: err.status });
      }
    },
  );


  app.post<{ Params: { id: string }; Body: { into?: string } }>(
    '/dashboard/claims/:id/merge',
    { config: { access: { ...session, claim: 'id' } }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const id = Number(req.params.id);
      const typed = String(req.body?.into ?? '').trim();
      const into = /^#?\s*\d{1,9}$/.test(typed) ? Number(typed.replace(/\D/g, '')) : NaN;
      try {
        const result = await services.merges.merge({ from: id, into, actor: actorOf(req.staff!) });
        return reply.redirect(`/dashboard/claims/${result.into}?gabung=${result.from}&pindah=${result.moved}`, 303);
      } catch (err) {
        const refusal = err instanceof AppError ? (pageLang(req).m.claim.mergeRefusals as Partial<Record<AppError['code'], string>>)[err.code] : undefined;
        if (!refusal) throw err;
        return renderClaim(req, reply, id, { error: refusal, form: { into: typed.slice(0, 12) }, status: (err as AppError).status });
      }
    },
  );


  /** Confirm or detach a suggested report from the claim page; refusals are shown on that page. */
  async function reportAction(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, action: 'confirm' | 'detach') {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0 || id > PG_INT_MAX) throw new AppError('NOT_FOUND', 'Laporan tidak ditemukan.');
    try {
      if (action === 'confirm') {
        const done = await services.suggestions.confirm(id, actorOf(req.staff!));
        return reply.redirect(`/dashboard/claims/${done.claimId}?konfirmasi=${id}&dijawab=${done.answered}`, 303);
      }
      const done = await services.suggestions.detach(id, actorOf(req.staff!));
      return reply.redirect(`/dashboard/claims/${done.from}?pisah=${id}&klaim=${done.claimId}`, 303);
    } catch (err) {
      const refusal = err instanceof AppError && err.code === 'CONFLICT' ? pageLang(req).m.claim.reportRefused : undefined;
      const report = refusal ? await services.repos.reports.findById(id) : undefined;
      if (!refusal || !report?.claimId) throw err;
      return renderClaim(req, reply, report.claimId, { error: refusal, status: (err as AppError).status });
    }
  }

  for (const action of ['confirm', 'detach'] as const) {
    app.post<{ Params: { id: string } }>(
      `/dashboard/reports/:id/${action}`,
      { config: { access: session }, schema: hide, preHandler: app.csrfProtection },
      async (req, reply) => reportAction(req, reply, action),
    );
  }
};

/** The one-line outcome shown after a redirect back to a claim page (numbers only travel in the URL). */
function flashOf(q: Record<string, string | undefined>, m: DashboardMessages): string | undefined {
  const n = (key: string): number | undefined => {
    const v = Number(q[key]);
    return q[key] !== undefined && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  };
  const [told, corrected, reporters, merged, moved, confirmed, answered, detached, claim] =
    ['terbit', 'ralat', 'pelapor', 'gabung', 'pindah', 'konfirmasi', 'dijawab', 'pisah', 'klaim'].map(n);
  if (told !== undefined) return m.verdictPublished({ answered: told, corrected: corrected ?? 0, reporters: reporters ?? told + (corrected ?? 0) });
  if (merged !== undefined && moved !== undefined) return m.merged(merged, moved);
  if (confirmed !== undefined) return m.claim.reportConfirmed(formatTicket(confirmed), !!answered);
  if (detached !== undefined && claim !== undefined) return m.claim.reportDetached(formatTicket(detached), claim);
  return undefined;
}
