import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { safeError } from '../observability/safe-error.js';
import { layout } from './dashboard/html.js';
import { publicErrorPage, siteLayout } from './public/clarification-pages.js';
import { errorPage } from './dashboard/pages.js';
import { dashboardId } from '../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../domain/messages/dashboard.js';
import { pageLang } from './dashboard/lang.js';

/** Pages for people (dashboard, public claim pages) get an HTML error page; everything else JSON. */
const wantsHtml = (req: FastifyRequest) => {
  const path = req.url.split('?')[0] ?? '';
  if (path.startsWith('/dashboard/api/')) return false;
  return path === '/dashboard' || path.startsWith('/dashboard/') || path.startsWith('/klaim/') || path === '/klarifikasi' || (path.startsWith('/klarifikasi/') && !path.endsWith('.png'));
};

/** An HTML error page says what happened in the reader's language, whatever the internal message. */
function pageMessage(status: number, csrf: boolean, m: DashboardMessages = dashboardId): string {
  if (csrf) return m.errors.csrf;
  const known = m.errors as unknown as Record<number, string>;
  return known[status] ?? (status >= 500 ? m.errors[500] : m.errors[400]);
}

function codeFor(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'VALIDATION_FAILED';
}

/** The public clarification pages have their own look, and no dashboard to send people back to. */
const isPublicSite = (req: FastifyRequest) => {
  const path = req.url.split('?')[0] ?? '';
  return path === '/klarifikasi' || path.startsWith('/klarifikasi/');
};

function send(req: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, message: string, csrf = false) {
  if (wantsHtml(req) && isPublicSite(req)) {
    // The public site is in Bahasa Indonesia (its content is), so are its error pages.
    const m = dashboardId;
    const titles = m.errors.titles as Record<number, string>;
    const title = titles[status] ?? (status >= 500 ? titles[500] : titles[400]) ?? 'Galat';
    // Our own not-found message is already in Bahasa Indonesia; anything else gets the generic words.
    const text = code === 'NOT_FOUND' && status === 404 ? message : pageMessage(status, csrf);
    return reply.code(status).type('text/html; charset=utf-8').send(siteLayout({ title, description: text }, publicErrorPage(title, text)));
  }
  if (wantsHtml(req)) {
    const l = pageLang(req);
    const titles = l.m.errors.titles as Record<number, string>;
    const title = titles[status] ?? (status >= 500 ? titles[500] : titles[400]);
    return reply.code(status).type('text/html; charset=utf-8').send(layout({ title: title ?? 'Galat', body: errorPage(status, pageMessage(status, csrf, l.m), { m: l.m }), ...l }));
  }
  return reply.code(status).send({ error: { code, message } });
}

/** One error boundary for HTTP: every error leaves as {"error": {code, message}} with a fitting status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.status, err.code, err.message);
    if (err.validation) return send(req, reply, 400, 'VALIDATION_FAILED', err.message);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err: safeError(err) }, 'request failed');
    return send(req, reply, status, codeFor(status), status >= 500 ? 'Internal error' : err.message, String(err.code ?? '').startsWith('FST_CSRF'));
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
}
