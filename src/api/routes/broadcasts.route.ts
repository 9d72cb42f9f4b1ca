import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services/index.js';
import type { Platform } from '../../domain/inbound.js';
import { actorOf, OFFICIALS } from '../auth/access-rule.js';
import { errorResponses } from '../schemas/claims.schema.js';
import {
  broadcastBody,
  broadcastCreatedResponse,
  broadcastIdParams,
  broadcastStatusResponse,
  previewResponse,
  retryResponse,
} from '../schemas/broadcasts.schema.js';

type BroadcastBody = { claimId: number; regions: string[]; platforms: Platform[] };

const security = [{ bearer: [] }];
const officials = { access: { roles: OFFICIALS } } as const;

/**
 * Diskominfo's broadcasts of official clarifications to KIM groups (and private subscribers). The
 * broadcast service enforces the rules (official verdict → else 409, regions within the caller's →
 * else 403); these routes only validate, authenticate and shape.
 */
export const broadcastsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.post<{ Body: BroadcastBody }>(
    '/api/broadcasts/preview',
    {
      config: officials,
      schema: {
        tags: ['broadcasts'],
        summary: 'The exact message a broadcast would send and how many chats it would reach; sends nothing',
        security,
        body: broadcastBody,
        response: { 200: previewResponse, ...errorResponses },
      },
    },
    async (req) => services.broadcasts.preview({ ...req.body, actor: actorOf(req.staff!) }),
  );

  app.post<{ Body: BroadcastBody }>(
    '/api/broadcasts',
    {
      config: officials,
      schema: {
        tags: ['broadcasts'],
        summary: 'Broadcast the official clarification of a claim to the KIM groups of the chosen regions',
        security,
        body: broadcastBody,
        response: { 201: broadcastCreatedResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const broadcast = await services.broadcasts.start({ ...req.body, actor: actorOf(req.staff!) });
      return reply.code(201).send({ id: broadcast.id });
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/broadcasts/:id',
    {
      config: officials,
      schema: {
        tags: ['broadcasts'],
        summary: 'Delivery progress of a broadcast, with the reason of each failed delivery',
        security,
        params: broadcastIdParams,
        response: { 200: broadcastStatusResponse, ...errorResponses },
      },
    },
    async (req) => services.broadcasts.status(req.params.id, actorOf(req.staff!)),
  );

  app.post<{ Params: { id: number } }>(
    '/api/broadcasts/:id/retry',
    {
      config: officials,
      schema: {
        tags: ['broadcasts'],
        summary: 'Queue the failed deliveries of a broadcast again (not to groups that removed the bot)',
        security,
        params: broadcastIdParams,
        response: { 200: retryResponse, ...errorResponses },
      },
    },
    async (req) => ({ requeued: await services.broadcasts.retryFailed(req.params.id, actorOf(req.staff!)) }),
  );
};
