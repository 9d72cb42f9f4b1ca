import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { claimSnippet } from '../../services/claims-query.service.js';
import { AppError } from '../../domain/errors.js';
import { pageLang } from '../dashboard/lang.js';
import { actorOf, ANY_STAFF, OFFICIALS } from '../auth/access-rule.js';
import type { Actor } from '../../domain/access.js';
import { layout } from '../dashboard/html.js';
import {
  broadcastDetailPage,
  broadcastFormPage,
  broadcastPreviewPage,
  groupsPage,
  PLATFORM_LABELS,
  type BroadcastForm,
  type FailureView,
  type PlatformCode,
} from '../dashboard/broadcast-pages.js';
import { PG_INT_MAX } from '../schemas/claims.schema.js';
import { groupsInScope, groupView } from './groups.route.js';
import { placeNamer, regionProblem, viewerOf } from '../dashboard/view-context.js';

const officials = { roles: OFFICIALS, via: 'session' } as const;
const anyStaff = { roles: ANY_STAFF, via: 'session' } as const;
const hide = { hide: true } as const;
const MAX_REGIONS = 50;
const MAX_FAILURES_SHOWN = 200;
const REFRESH_WHILE_RUNNING_S = 3;

type FormBody = { claimId?: unknown; regions?: unknown; platforms?: unknown; digest?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const digestOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The form as typed (to show it again) and, when it is valid, what it asks for. */
async function parseForm(
  services: Services,
  actor: Actor,
  body: FormBody | undefined,
): Promise<{ form: BroadcastForm; problem?: string; request?: { claimId: number; regions: string[]; platforms: PlatformCode[] } }> {
  const rawPlatforms = ([] as unknown[]).concat(body?.platforms ?? []);
  const platforms = (Object.keys(PLATFORM_LABELS) as PlatformCode[]).filter((p) => rawPlatforms.includes(p));
  const form: BroadcastForm = { claimId: str(body?.claimId).trim(), regions: str(body?.regions).slice(0, 600), platforms };
  const claimId = Number(form.claimId);
  // Names or codes, as typed or as the picker sent them; each resolved within the officer's region.
  const { codes: regions, problems } = await services.regionLookup.resolveMany(actor, form.regions);
  const labels = await services.regionNames.labels(regions);
  form.chosen = regions.map((code) => ({ code, label: labels.get(code) ?? code }));
  const [firstProblem] = problems;
  const problem = !Number.isSafeInteger(claimId) || claimId <= 0
    ? 'Pilih klaim yang akan disiarkan.'
    : firstProblem && !firstProblem.ok
      ? regionProblem(firstProblem)
      : regions.length === 0
        ? 'Isi minimal satu wilayah tujuan: nama atau kode.'
        : regions.length > MAX_REGIONS
          ? `Paling banyak ${MAX_REGIONS} wilayah.`
          : platforms.length === 0
            ? 'Pilih minimal satu platform.'
            : undefined;
  // What was understood is kept (as codes) so the officer only fixes the part that was not.
  if (problem) form.regions = [...regions, ...problems.map((p) => (p.ok ? p.code : p.input))].join(', ');
  return problem ? { form, problem } : { form, request: { claimId, regions, platforms } };
}

/** The service's refusals, as a Diskominfo officer should read them. */
function explain(err: AppError): string {
  if (err.code === 'CONFLICT') return 'Klaim ini belum punya klarifikasi resmi Diskominfo; hanya klarifikasi resmi yang dapat disiarkan.';
  if (err.code === 'FORBIDDEN') return `Di luar wilayah Anda: ${err.message.replace(/^outside your region:\s*/, '')}.`;
  if (err.code === 'NOT_FOUND') return 'Klaim tidak ditemukan.';
  return err.message;
}

/**
 * Dashboard pages for broadcasts ("Siaran": choose → preview → send → watch) and the KIM group list.
 * The broadcast service makes every decision; these routes parse forms and render. Forms carry CSRF
 * tokens; the detail page refreshes itself with a meta refresh (no script needed).
 */
export const dashboardBroadcastRoutes: FastifyPluginAsync<{ services: Services; platforms: readonly PlatformCode[] }> = async (app, { services, platforms: enabled }) => {
  const page = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const viewer = (req: FastifyRequest) => viewerOf(services.regionNames, req.staff);

  async function renderForm(req: FastifyRequest, reply: FastifyReply, form: BroadcastForm, extra: { error?: string; status?: number } = {}) {
    const actor = actorOf(req.staff!);
    const include = Number(form.claimId);
    const [claims, recent] = await Promise.all([
      services.claimsQuery.officialClaims(actor, { include: Number.isSafeInteger(include) && include > 0 ? include : undefined }),
      services.claimsQuery.recentBroadcasts(actor),
    ]);
    const csrf = reply.generateCsrf();
    const place = await placeNamer(services.regionNames, [...claims.map((c) => c.regionCode), ...recent.flatMap((b) => b.regions)], { short: true });
    const view = pageLang(req);
    const body = broadcastFormPage({ claims, recent, form, enabled, place, csrf, error: extra.error, m: view.m });
    return page(reply, layout({ title: view.m.broadcastPages.title, staff: await viewer(req), csrf, body, ...view }), extra.status);
  }

  async function renderPreview(req: FastifyRequest, reply: FastifyReply, request: { claimId: number; regions: string[]; platforms: PlatformCode[] }, error?: string) {
    const preview = await services.broadcasts.preview({ ...request, actor: actorOf(req.staff!) });
    const claim = await services.repos.claims.findById(request.claimId);
    const text = claim?.text ?? '';
    const csrf = reply.generateCsrf();
    const view = pageLang(req);
    const body = broadcastPreviewPage({
      m: view.m,
      claim: { id: request.claimId, snippet: text.length > 160 ? `${text.slice(0, 159)}…` : text },
      regions: request.regions,
      place: await placeNamer(services.regionNames, request.regions),
      platforms: request.platforms,
      ...preview,
      digest: digestOf(preview.text),
      csrf,
      error,
    });
    return page(reply, layout({ title: view.m.broadcastPages.previewTitle, staff: await viewer(req), csrf, body, ...view }), error ? 409 : 200);
  }

  app.get<{ Querystring: { claim?: string } }>('/dashboard/broadcasts', { config: { access: officials }, schema: hide }, async (req, reply) =>
    renderForm(req, reply, {
      claimId: String(req.query.claim ?? '').slice(0, 12),
      regions: req.staff!.regionCode,
      chosen: [{ code: req.staff!.regionCode, label: (await services.regionNames.label(req.staff!.regionCode)) ?? req.staff!.regionCode }],
      // Only what this service can send on is pre-ticked: a disabled WhatsApp would fail every delivery.
      platforms: [...enabled],
    }),
  );

  app.post<{ Body: FormBody }>(
    '/dashboard/broadcasts/preview',
    { config: { access: officials }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const parsed = await parseForm(services, actorOf(req.staff!), req.body);
      if (!parsed.request) return renderForm(req, reply, parsed.form, { error: parsed.problem, status: 400 });
      try {
        return await renderPreview(req, reply, parsed.request);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        return renderForm(req, reply, parsed.form, { error: explain(err), status: err.status });
      }
    },
  );

  app.post<{ Body: FormBody }>(
    '/dashboard/broadcasts',
    { config: { access: officials }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const parsed = await parseForm(services, actorOf(req.staff!), req.body);
      if (!parsed.request) return renderForm(req, reply, parsed.form, { error: parsed.problem, status: 400 });
      const actor = actorOf(req.staff!);
      try {
        // What is sent must be what was previewed: a verdict changed in between shows the new preview instead.
        const now = await services.broadcasts.preview({ ...parsed.request, actor });
        if (digestOf(now.text) !== str(req.body?.digest)) {
          return await renderPreview(req, reply, parsed.request, 'Pesan berubah sejak pratinjau (putusan diperbarui). Periksa pesan baru ini sebelum mengirim.');
        }
        const broadcast = await services.broadcasts.start({ ...parsed.request, actor });
        return reply.redirect(`/dashboard/broadcasts/${broadcast.id}?baru=1`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        return renderForm(req, reply, parsed.form, { error: explain(err), status: err.status });
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { baru?: string; ulang?: string } }>(
    '/dashboard/broadcasts/:id',
    { config: { access: officials }, schema: hide },
    async (req, reply) => {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0 || id > PG_INT_MAX) throw new AppError('NOT_FOUND', 'Siaran tidak ditemukan.');
      const status = await services.broadcasts.status(id, actorOf(req.staff!));
      const row = (await services.repos.broadcasts.findById(id))!;
      const failures: FailureView[] = [];
      for (const f of status.failures.slice(0, MAX_FAILURES_SHOWN)) {
        const g = await services.repos.groups.byChat(f.chatId);
        failures.push({ ...f, group: g ? { name: g.name, region: g.regionCode } : undefined });
      }
      const view = pageLang(req);
      const { m } = view;
      const requeued = Number(req.query.ulang);
      const flash = req.query.ulang !== undefined && Number.isSafeInteger(requeued)
        ? m.retried(requeued)
        : req.query.baru !== undefined
          ? m.broadcastStarted
          : undefined;
      const csrf = reply.generateCsrf();
      const place = await placeNamer(services.regionNames, [...row.regions, ...failures.map((f) => f.group?.region)], { short: true });
      const claim = await services.repos.claims.findById(row.claimId);
      const verdict = await services.repos.claims.currentVerdict(row.claimId);
      const snippet = claimSnippet(claim?.summary ?? claim?.text ?? '');
      const body = broadcastDetailPage({ ...status, claim: { id: row.claimId, snippet, verdict: verdict?.verdict ?? null, verdictKind: verdict?.kind ?? null }, regions: row.regions, platforms: row.platforms, createdAt: row.createdAt, failures, place, csrf, flash, m });
      reply.header('cache-control', 'no-store');
      return page(reply, layout({ title: m.broadcastPages.broadcastNo(id), staff: await viewer(req), csrf, body, ...view, refreshSeconds: status.status === 'running' ? REFRESH_WHILE_RUNNING_S : undefined }));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/dashboard/broadcasts/:id/retry',
    { config: { access: officials }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0 || id > PG_INT_MAX) throw new AppError('NOT_FOUND', 'Siaran tidak ditemukan.');
      const requeued = await services.broadcasts.retryFailed(id, actorOf(req.staff!));
      return reply.redirect(`/dashboard/broadcasts/${id}?ulang=${requeued}`, 303);
    },
  );

  app.get<{ Querystring: { region?: string } }>('/dashboard/groups', { config: { access: anyStaff }, schema: hide }, async (req, reply) => {
    const typed = req.query.region?.trim().slice(0, 80) || undefined;
    const filter = { region: typed };
    const resolved = typed ? await services.regionLookup.resolve(actorOf(req.staff!), typed) : undefined;
    const view = pageLang(req);
    const { m } = view;
    let body;
    if (resolved && !resolved.ok) {
      body = groupsPage({ groups: [], filter, place: (c) => c ?? '–', error: regionProblem(resolved, m), m });
    } else {
      try {
        const groups = (await groupsInScope(services, req.staff!, resolved?.code)).map(groupView);
        const place = await placeNamer(services.regionNames, groups.map((g) => g.region), { short: true });
        body = groupsPage({ groups, filter, regionLabel: resolved?.label, place, m });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'FORBIDDEN') throw err;
        body = groupsPage({ groups: [], filter, place: (c) => c ?? '–', error: m.region.outside(typed ?? ''), m });
      }
    }
    return page(reply, layout({ title: m.groupsPage.title, staff: await viewer(req), csrf: reply.generateCsrf(), body, ...view }));
  });
};
