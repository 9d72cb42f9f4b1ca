import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';

const errorShape = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

/** Acting on a reporter without seeing them: staff block "the author of report N". */
export const reportsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.post<{ Params: { id: number } }>(
    '/api/reports/:id/block-reporter',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['reports'],
        summary: "Shadow-block the report's author: their reports are kept and answered but reach no moderator",
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 200: { type: 'object', properties: { blocked: { type: 'boolean' } } }, 401: errorShape, 403: errorShape, 404: errorShape },
      },
    },
    async (req) => {
      await services.privacy.blockReporter(req.params.id, actorOf(req.staff!));
      return { blocked: true };
    },
  );
};
