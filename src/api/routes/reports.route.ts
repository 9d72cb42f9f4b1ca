import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';

import { errorResponses, rowId } from '../schemas/claims.schema.js';

const errorShape = errorResponses[401];
const reportParams = { type: 'object', required: ['id'], properties: { id: rowId } } as const;
const security = [{ bearer: [] }];

/**
 * Acting on one report: block its author without seeing them, and settle a match the matcher only suggested
 * (confirm it, or detach the report into a claim of its own).
 */
export const reportsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.post<{ Params: { id: number } }>(
    '/api/reports/:id/block-reporter',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['reports'],
        summary: "Shadow-block the report's author: their reports are kept and answered but reach no moderator",
        security,
        params: reportParams,
        response: { 200: { type: 'object', properties: { blocked: { type: 'boolean' } } }, 401: errorShape, 403: errorShape, 404: errorShape },
      },
    },
    async (req) => {
      await services.privacy.blockReporter(req.params.id, actorOf(req.staff!));
      return { blocked: true };
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api/reports/:id/confirm-match',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['reports'],
        summary: 'A suggested match is right: the report counts for its claim, and its resident is told the verdict in force',
        security,
        params: reportParams,
        response: {
          200: { type: 'object', required: ['reportId', 'claimId', 'answered'], properties: { reportId: { type: 'integer' }, claimId: { type: 'integer' }, answered: { type: 'integer' } } },
          ...errorResponses,
        },
      },
    },
    async (req) => services.suggestions.confirm(req.params.id, actorOf(req.staff!)),
  );

  app.post<{ Params: { id: number } }>(
    '/api/reports/:id/detach',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['reports'],
        summary: 'The report is not its claim: it starts a claim of its own, routed like a new one',
        security,
        params: reportParams,
        response: {
          200: { type: 'object', required: ['reportId', 'from', 'claimId'], properties: { reportId: { type: 'integer' }, from: { type: 'integer' }, claimId: { type: 'integer', description: 'the claim the report now belongs to' } } },
          ...errorResponses,
        },
      },
    },
    async (req) => services.suggestions.detach(req.params.id, actorOf(req.staff!)),
  );
};
