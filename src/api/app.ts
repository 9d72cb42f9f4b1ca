import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import type { WebhookEndpoint } from '../domain/chat-adapter.js';
import type { HealthProbe } from './health.js';
import { installErrorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health.route.js';
import { webhookRoutes } from './routes/webhook.route.js';

export interface ApiOptions {
  logger: Logger;
  probe: HealthProbe;
  webhooks: WebhookEndpoint[];
}

/** The HTTP app as a plugin tree: external plugins, then error handling, then routes. */
export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.logger.child({ svc: 'api' }) as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Saring API', version: '0.1.0', description: 'Hoax reports, claims, verdicts and broadcasts' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installErrorHandler(app);
  await app.register(healthRoutes, { probe: opts.probe });
  await app.register(webhookRoutes, { endpoints: opts.webhooks });
  return app;
}
