import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookEndpoint } from '../../domain/chat-adapter.js';
import { secretsEqual } from '../auth/secret-compare.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Chat platforms push updates here. We answer 200 only after the update is stored; an error makes
 * the platform deliver it again, and the report's dedupe key makes that redelivery harmless.
 */
export const webhookRoutes: FastifyPluginAsync<{ endpoints: WebhookEndpoint[] }> = async (app, { endpoints }) => {
  for (const endpoint of endpoints) {
    // Public by design: the platform authenticates with its secret token (checked below), and the
    // rate limit is off — Telegram delivers in bursts and retries whatever we refuse.
    const config = { access: 'public' as const, rateLimit: false as const };
    // The secret is checked in onRequest, before the body is even read: a forged call costs us nothing.
    const checkSecret = async (req: FastifyRequest, reply: FastifyReply) => {
      // Fail closed: an endpoint without a secret accepts nothing (resolveSecrets always gives webhook mode one).
      const presented = req.headers[SECRET_HEADER];
      if (endpoint.secretToken && secretsEqual(typeof presented === 'string' ? presented : undefined, endpoint.secretToken)) return;
      req.log.warn({ header: presented === undefined ? 'missing' : 'wrong' }, 'webhook call without the right secret token');
      return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'bad webhook secret' } });
    };
    app.post(endpoint.path, { config, schema: { hide: true }, bodyLimit: 1024 * 1024, onRequest: checkSecret }, async (req, reply) => {
      if (!req.body || typeof req.body !== 'object') {
        return reply.code(200).send({ ok: true, ignored: true });
      }
      await endpoint.handle(req.body);
      return reply.code(200).send({ ok: true });
    });
  }
};
