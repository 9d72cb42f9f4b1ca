import type { FastifyPluginAsync } from 'fastify';
import type { WebhookEndpoint } from '../../domain/chat-adapter.js';

/**
 * Chat platforms push updates here. We answer 200 only after the update is stored; an error makes
 * the platform deliver it again, and the report's dedupe key makes that redelivery harmless.
 */
export const webhookRoutes: FastifyPluginAsync<{ endpoints: WebhookEndpoint[] }> = async (app, { endpoints }) => {
  for (const endpoint of endpoints) {
    // Public by design: the platform authenticates with its secret token (checked below), and the
    // rate limit is off — Telegram delivers in bursts and retries whatever we refuse.
    const config = { access: 'public' as const, rateLimit: false as const };
    app.post(endpoint.path, { config, schema: { hide: true }, bodyLimit: 1024 * 1024 }, async (req, reply) => {
      if (endpoint.secretToken && req.headers['x-telegram-bot-api-secret-token'] !== endpoint.secretToken) {
        req.log.warn('webhook call with a wrong secret token');
        return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'bad webhook secret' } });
      }
      if (!req.body || typeof req.body !== 'object') {
        return reply.code(200).send({ ok: true, ignored: true });
      }
      await endpoint.handle(req.body);
      return reply.code(200).send({ ok: true });
    });
  }
};
