import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import type { StaffRole } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import { pageLang } from '../dashboard/lang.js';
import { canManageStaff, rolesActorMayAdd } from '../../domain/staff-access.js';
import { actorOf, OFFICIALS } from '../auth/access-rule.js';
import { layout } from '../dashboard/html.js';
import { staffPage, type ShownSecret, type StaffForm } from '../dashboard/staff-pages.js';
import { placeNamer, regionProblem, viewerOf } from '../dashboard/view-context.js';

const officials = { roles: OFFICIALS, via: 'session' } as const;
const hide = { hide: true } as const;
const NAME_MAX = 80;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The service's refusals, as staff should read them. */
function explain(err: AppError, m: DashboardMessages): string {
  if (err.code === 'NOT_FOUND') return m.staff.notFound;
  if (err.code === 'FORBIDDEN') return m.staff.notAllowed;
  if (err.code === 'CONFLICT') return /own account/.test(err.message) ? m.staff.selfDisable : m.staff.alreadyDisabled;
  return err.message;
}

/**
 * Staff accounts from the dashboard: admins manage everyone; Diskominfo adds and manages the
 * moderators of its own region. New tokens and /masuk codes are shown once in the response to the
 * POST that made them (no redirect: a secret never travels in a URL) and the page is not cached.
 */
export const dashboardStaffRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  async function render(req: FastifyRequest, reply: FastifyReply, extra: { form?: StaffForm; flash?: string; error?: string; secret?: ShownSecret; status?: number } = {}) {
    const actor = actorOf(req.staff!);
    const staff = await services.staff.list(actor);
    const place = await placeNamer(services.regionNames, staff.map((s) => s.regionCode), { short: true });
    const csrf = reply.generateCsrf();
    const view = pageLang(req);
    const body = staffPage({
      staff,
      manageable: (s) => canManageStaff(actor, s),
      selfId: actor.id,
      roles: rolesActorMayAdd(actor),
      place,
      form: extra.form ?? { role: 'moderator' },
      csrf,
      flash: extra.flash,
      error: extra.error,
      secret: extra.secret,
      m: view.m,
    });
    reply.header('cache-control', 'no-store');
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(layout({ title: view.m.staffPage.title, staff: await viewerOf(services.regionNames, req.staff), csrf, body, ...view }));
  }

  app.get('/dashboard/staff', { config: { access: officials }, schema: hide }, async (req, reply) => render(req, reply));

  app.post<{ Body: Record<string, unknown> }>(
    '/dashboard/staff',
    { config: { access: officials }, schema: hide, preHandler: app.csrfProtection },
    async (req, reply) => {
      const actor = actorOf(req.staff!);
      const { m } = pageLang(req);
      const form = { name: str(req.body?.name).trim().slice(0, NAME_MAX + 1), role: str(req.body?.role), region: str(req.body?.region).trim().slice(0, 80) };
      const role = rolesActorMayAdd(actor).find((r) => r === form.role) as StaffRole | undefined;
      if (!form.name || form.name.length > NAME_MAX) return render(req, reply, { form, error: m.staff.needName, status: 400 });
      if (!role) return render(req, reply, { form, error: m.staff.needRole, status: 400 });
      if (!form.region) return render(req, reply, { form, error: m.staff.needRegion, status: 400 });
      const region = await services.regionLookup.resolve(actor, form.region);
      if (!region.ok) return render(req, reply, { form, error: regionProblem(region, m), status: 400 });
      try {
        const { staff, token, linkCode } = await services.staff.add({ name: form.name, role, regionCode: region.code }, actor);
        return render(req, reply, { flash: m.staff.added(staff.name), secret: { staffName: staff.name, token, code: linkCode } });
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        return render(req, reply, { form, error: explain(err, m), status: err.status });
      }
    },
  );

  for (const action of ['disable', 'code', 'rotate'] as const) {
    app.post<{ Params: { id: string } }>(
      `/dashboard/staff/:id/${action}`,
      { config: { access: officials }, schema: hide, preHandler: app.csrfProtection },
      async (req, reply) => {
        const actor = actorOf(req.staff!);
        const { m } = pageLang(req);
        const id = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : NaN;
        try {
          if (action === 'disable') {
            const s = await services.staff.disable(id, actor);
            return await render(req, reply, { flash: m.staff.disabled(s.name) });
          }
          if (action === 'code') {
            const { staff: s, code } = await services.staff.issueLinkCode(id, actor);
            return await render(req, reply, { flash: m.staff.code(s.name), secret: { staffName: s.name, code } });
          }
          const { staff: s, token } = await services.staff.rotateToken(id, actor);
          return await render(req, reply, { flash: s.id === actor.id ? m.staff.rotatedSelf : m.staff.rotated(s.name), secret: { staffName: s.name, token } });
        } catch (err) {
          if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
          return render(req, reply, { error: explain(err, m), status: err.status });
        }
      },
    );
  }
};
