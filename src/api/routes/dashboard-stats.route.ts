import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { statsCsv } from '../../services/stats.service.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';
import { layout } from '../dashboard/html.js';
import { regionProblem, viewerOf } from '../dashboard/view-context.js';
import { pageLang } from '../dashboard/lang.js';
import { statsPage, type ModelInfo } from '../dashboard/stats-page.js';

const session = { roles: ANY_STAFF, via: 'session' } as const;
const hide = { hide: true } as const;

interface StatsQuerystring {
  from?: string;
  to?: string;
  region?: string;
}

/**
 * Statistics for Diskominfo and KIM, within the signed-in staff member's region: reports per day,
 * verdicts, top claims, time to verdict, SLA breaches, per region and per channel; CSV export.
 */
export const dashboardStatsRoutes: FastifyPluginAsync<{ services: Services; now?: () => Date }> = async (app, { services, now = () => new Date() }) => {
  /** The region as typed (a name or a code) resolved within the staff member's region. */
  const overview = async (req: FastifyRequest<{ Querystring: StatsQuerystring }>) => {
    const typed = req.query.region?.trim().slice(0, 80);
    const resolved = typed ? await services.regionLookup.resolve(actorOf(req.staff!), typed) : undefined;
    if (resolved && !resolved.ok) throw new AppError(resolved.reason === 'outside' ? 'FORBIDDEN' : 'VALIDATION_FAILED', regionProblem(resolved, pageLang(req).m));
    return services.stats.overview(actorOf(req.staff!), { from: req.query.from, to: req.query.to, region: resolved?.code }, now());
  };

  const modelInfo = async (): Promise<ModelInfo> => {
    const live = await services.repos.hoaxModels.liveVersion();
    const history = await services.repos.hoaxModels.history(5);
    return { version: live ?? services.nlp.hoaxModelVersion, shipped: live === null, localMemory: services.nlp.localMemorySize, history };
  };

  app.get<{ Querystring: StatsQuerystring }>('/dashboard/stats', { config: { access: session }, schema: hide }, async (req, reply: FastifyReply) => {
    const form = { from: req.query.from ?? '', to: req.query.to ?? '', region: req.query.region?.trim() ?? '' };
    const view = pageLang(req);
    let body;
    try {
      const o = await overview(req);
      body = statsPage(o, { ...form, from: o.period.fromDay, to: o.period.toDay }, view.m, await modelInfo());
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'FORBIDDEN')) throw err;
      // Show the default period with the reason, rather than an error page.
      const o = await services.stats.overview(actorOf(req.staff!), {}, now());
      body = statsPage(o, { from: o.period.fromDay, to: o.period.toDay, region: '', error: err.message }, view.m, await modelInfo());
    }
    return reply.type('text/html; charset=utf-8').send(layout({ title: view.m.stats.title, body, staff: await viewerOf(services.regionNames, req.staff), csrf: reply.generateCsrf(), ...view }));
  });

  app.get<{ Querystring: StatsQuerystring }>('/dashboard/stats.csv', { config: { access: session }, schema: hide }, async (req, reply) => {
    const o = await overview(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="saring-statistik-${o.period.fromDay}-${o.period.toDay}.csv"`)
      .send(statsCsv(o));
  });
};
