import type { FastifyPluginAsync } from 'fastify';
import type { SaringMetrics } from '../../observability/metrics.js';

/**
 * Prometheus scrape endpoint. Not public: queue depths, adapter states and ledger counts describe a
 * government service's load and outages, so the scraper authenticates with an admin API token
 * (Prometheus `authorization: { credentials: … }`).
 */
export const metricsRoutes: FastifyPluginAsync<{ metrics: Pick<SaringMetrics, 'render'> }> = async (app, { metrics }) => {
  app.get(
    '/metrics',
    {
      config: { access: { roles: ['admin'] } },
      schema: { tags: ['system'], summary: 'Prometheus metrics, text format (admin token)', security: [{ bearer: [] }] },
    },
    async (_req, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).header('cache-control', 'no-store').send(body);
    },
  );
};
