import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import type { VerdictCode } from '../../domain/verdict.js';
import { AppError } from '../../domain/errors.js';
import { publicSummaryOf } from '../../services/verdict.service.js';
import { actorOf, ANY_STAFF } from '../auth/access-rule.js';
import {
  claimDetailResponse,
  claimIdParams,
  errorResponses,
  listQuery,
  listResponse,
  mergeBody,
  mergeResponse,
  verdictBody,
  verdictResponse,
  type CLAIM_STATUSES,
} from '../schemas/claims.schema.js';

type ListQuery = { status?: (typeof CLAIM_STATUSES)[number]; region?: string; limit?: number; cursor?: string };
type VerdictBody = { verdict: VerdictCode; clarification: string; sources: string[]; summary?: string };

const security = [{ bearer: [] }];

/** The staff API: the review queue, one claim with its reports, publishing a verdict, and merging duplicates. */
export const claimsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Querystring: ListQuery }>(
    '/api/claims',
    {
      config: { access: { roles: ANY_STAFF } },
      schema: {
        tags: ['claims'],
        summary: 'Claims in your region, most urgent first',
        security,
        querystring: listQuery,
        response: { 200: listResponse, ...errorResponses },
      },
    },
    async (req) => services.claimsQuery.list(actorOf(req.staff!), req.query),
  );

  app.get<{ Params: { id: number } }>(
    '/api/claims/:id',
    {
      config: { access: { roles: ANY_STAFF, claim: 'id' } },
      schema: {
        tags: ['claims'],
        summary: 'One claim with its reports (never who reported them)',
        security,
        params: claimIdParams,
        response: { 200: claimDetailResponse, ...errorResponses },
      },
    },
    async (req) => {
      const found = await services.claimsQuery.detail(req.params.id);
      if (!found) throw new AppError('NOT_FOUND', `claim ${req.params.id} not found`);
      return { ...found.claim, summaryPrefill: publicSummaryOf(undefined, found.claim) ?? '', verdict: found.verdict ?? null, reports: found.reports };
    },
  );

  app.post<{ Params: { id: number }; Body: VerdictBody }>(
    '/api/claims/:id/verdict',
    {
      config: { access: { roles: ANY_STAFF, claim: 'id' } },
      schema: {
        tags: ['claims'],
        summary: 'Publish a verdict; every resident who reported the claim is told once (official when you are Diskominfo)',
        security,
        params: claimIdParams,
        body: verdictBody,
        response: { 200: verdictResponse, ...errorResponses },
      },
    },
    async (req) => {
      const result = await services.verdicts.publish({
        claimId: req.params.id,
        verdict: req.body.verdict,
        clarification: req.body.clarification,
        sources: req.body.sources,
        ...(req.body.summary !== undefined ? { summary: req.body.summary } : {}),
        actor: actorOf(req.staff!),
      });
      return { verdictId: result.verdict.id, kind: result.verdict.kind, answered: result.answered, corrected: result.corrected };
    },
  );

  app.post<{ Params: { id: number }; Body: { into: number } }>(
    '/api/claims/:id/merge',
    {
      config: { access: { roles: ANY_STAFF, claim: 'id' } },
      schema: {
        tags: ['claims'],
        summary: 'Same claim as another: move every report there and close this one (both must be in your region)',
        security,
        params: claimIdParams,
        body: mergeBody,
        response: { 200: mergeResponse, ...errorResponses },
      },
    },
    async (req) => services.merges.merge({ from: req.params.id, into: req.body.into, actor: actorOf(req.staff!) }),
  );
};
