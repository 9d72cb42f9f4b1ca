import { createHmac } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Secrets } from '../config/secrets.js';
import type { WebhookEndpoint } from '../domain/chat-adapter.js';
import { createRedis } from '../queues/redis.js';
import { createThrottledLog } from '../observability/throttled-log.js';
import type { Services } from '../services/index.js';
import type { SaringMetrics } from '../observability/metrics.js';
import type { HealthProbe } from './health.js';
import { createRedisSessionStore } from './auth/session-store.js';
import { installErrorHandler } from './error-handler.js';
import { accessPlugin } from './plugins/access.plugin.js';
import { securityPlugin } from './plugins/security.plugin.js';
import { claimReviewRoutes } from './routes/claimreview.route.js';
import { broadcastsRoutes } from './routes/broadcasts.route.js';
import { claimsRoutes } from './routes/claims.route.js';
import { dashboardBroadcastRoutes } from './routes/dashboard-broadcasts.route.js';
import { dashboardRoutes } from './routes/dashboard.route.js';
import { claimMediaRoutes } from './routes/claim-media.route.js';
import { dashboardStaffRoutes } from './routes/dashboard-staff.route.js';
import { dashboardStatsRoutes } from './routes/dashboard-stats.route.js';
import { clarificationRoutes } from './routes/clarifications.route.js';
import { groupsRoutes } from './routes/groups.route.js';
import { reportsRoutes } from './routes/reports.route.js';
import { regionsRoutes } from './routes/regions.route.js';
import { healthRoutes } from './routes/health.route.js';
import { metricsRoutes } from './routes/metrics.route.js';
import { webhookRoutes } from './routes/webhook.route.js';
import { whatsappRoutes, type WhatsAppView } from './routes/whatsapp.route.js';

export interface ApiOptions {
  logger: Logger;
  probe: HealthProbe;
  webhooks: WebhookEndpoint[];
  services: Services;
  config: Config;
  secrets: Secrets;
  /** false in a bots-only process: it serves /health and the webhooks, not the API or dashboard. */
  apiRoutes?: boolean;
  /** The WhatsApp adapter of this process, when it runs one: the dashboard shows its state and QR. */
  whatsapp?: WhatsAppView;
  /** This process's Prometheus registry: served at /metrics to admin tokens. */
  metrics?: Pick<SaringMetrics, 'render'>;
}

/** The OpenAPI UI's own routes are the only ones without an access rule (static, public). */
const isDocsRoute = (url: string) => url === '/docs' || url.startsWith('/docs/');

/**
 * The HTTP app as a plugin tree: security plugins (headers, rate limits, cookies, CSRF), then the
 * access plugin — before any route, so its onRoute check sees every one — then docs, error
 * handling and routes.
 */
export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const { config, services } = opts;
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.logger.child({ svc: 'api' }) as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // Only the configured proxies may set X-Forwarded-For/-Host/-Proto; without TRUST_PROXY a client
    // cannot choose the address the rate limits and the audit log see.
    trustProxy: config.http.trustProxy.length > 0 ? config.http.trustProxy : false,
  });
  const secureCookies = config.http.publicUrl?.startsWith('https://') ?? false;
  // Derived, not configured: one secret fewer to manage, and distinct from the pseudonym HMAC by its label.
  const cookieSecret = createHmac('sha256', opts.secrets.pseudonymSecret).update('saring:cookie-signing:v1').digest('base64url');
  await app.register(securityPlugin, { cookieSecret, secureCookies, globalPerMinute: config.http.ratePerMinute });

  // Its own client: the workers' connection blocks during a Redis outage, a login should fail fast instead.
  const redis = createRedis(config.redisUrl, 'client');
  const redisLog = createThrottledLog(app.log as unknown as Logger);
  redis.on('error', (err) => redisLog.warn('session-redis', { err: err.message }, 'session redis error'));
  app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
  const sessions = createRedisSessionStore(redis, config.queuePrefix, opts.secrets.contactKey);

  await app.register(accessPlugin, {
    staff: services.staff,
    audit: services.repos.audit,
    sessions,
    claimRegion: (id) => services.claimsQuery.regionOf(id),
    exempt: isDocsRoute,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Saring API', version: '0.1.0', description: 'Hoax reports, claims, verdicts and broadcasts' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  // staticCSP: the UI's pages carry their own CSP (its scripts and styles), not the dashboard's;
  // without TLS its upgrade-insecure-requests would break the page, so it goes.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) => (secureCookies ? header : header.replace('upgrade-insecure-requests;', '')),
  });
  installErrorHandler(app);
  await app.register(healthRoutes, { probe: opts.probe });
  await app.register(webhookRoutes, { endpoints: opts.webhooks });
  if (opts.metrics) await app.register(metricsRoutes, { metrics: opts.metrics });
  if (opts.apiRoutes !== false) {
    await app.register(claimsRoutes, { services });
    await app.register(claimReviewRoutes, { services, config });
    await app.register(clarificationRoutes, { services, config });
    await app.register(groupsRoutes, { services });
    await app.register(reportsRoutes, { services });
    await app.register(regionsRoutes, { services });
    await app.register(broadcastsRoutes, { services });
    await app.register(dashboardRoutes, { services, sessions, secureCookies });
    await app.register(claimMediaRoutes, { services });
    const platforms = [...(config.telegram.token ? (['telegram'] as const) : []), ...(config.whatsapp.enabled ? (['whatsapp'] as const) : [])];
    await app.register(dashboardBroadcastRoutes, { services, platforms });
    await app.register(dashboardStaffRoutes, { services });
    await app.register(whatsappRoutes, { whatsapp: opts.whatsapp, names: services.regionNames });
    await app.register(dashboardStatsRoutes, { services });
  }
  return app;
}
