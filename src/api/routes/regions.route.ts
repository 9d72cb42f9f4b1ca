import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';
import { errorResponses } from '../schemas/claims.schema.js';

const regionsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', maxLength: 80, description: 'a name (or part of one) or a Kemendagri code' },
    limit: { type: 'integer', minimum: 1, maximum: 20, default: 8 },
  },
} as const;

const regionsResponse = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'label', 'level', 'exact'],
        properties: {
          code: { type: 'string' },
          label: { type: 'string', description: 'the name with its parents: "Desa X, Kec. Y, Kab. Z"' },
          level: { type: 'integer', description: '1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan' },
          exact: { type: 'boolean', description: 'the name is exactly what was typed (listed first)' },
        },
      },
    },
  },
} as const;

/**
 * Region search for pickers: names within the caller's own region, exact names first. The same
 * handler twice: under /api for API clients (bearer token) and under /dashboard for the dashboard's
 * picker script (its session cookie is scoped to /dashboard, and never authorises /api).
 */
export const regionsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const handler = async (req: { staff: Parameters<typeof actorOf>[0] | null; query: { q: string; limit?: number } }) => ({
    items: await services.regionLookup.search(actorOf(req.staff!), req.query.q, req.query.limit ?? 8),
  });
  app.get<{ Querystring: { q: string; limit?: number } }>(
    '/api/regions',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['regions'],
        summary: 'Regions in your region by name or code, exact names first',
        security: [{ bearer: [] }],
        querystring: regionsQuery,
        response: { 200: regionsResponse, ...errorResponses },
      },
    },
    handler,
  );
  app.get<{ Querystring: { q: string; limit?: number } }>(
    '/dashboard/api/regions',
    { config: { access: { roles: ANY_STAFF, via: 'session' } }, schema: { hide: true, querystring: regionsQuery, response: { 200: regionsResponse } } },
    async (req, reply) => {
      reply.header('cache-control', 'private, max-age=60');
      return handler(req);
    },
  );
};
