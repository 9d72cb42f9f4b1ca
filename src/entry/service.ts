import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { resolveSecrets } from '../config/secrets.js';
import { connectDatabase, type Database } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createRepositories } from '../db/repositories/index.js';
import { createProducers } from '../queues/queues.js';
import { createRedis } from '../queues/redis.js';
import { createChatPacer } from '../queues/chat-pacer.js';
import { createServices, type Services } from '../services/index.js';
import { createOutboundService, type AdapterRegistry } from '../services/outbound.service.js';
import type { ChatAdapter, InboundHandlers } from '../domain/chat-adapter.js';
import { buildApi } from '../api/app.js';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import { createInboundWorker } from '../../workers/inbound.worker.js';
import { createAnalyzeWorker } from '../../workers/analyze.worker.js';
import { createOutboundWorker } from '../../workers/outbound.worker.js';
import { withStorageRetry } from './storage-retry.js';
import { createNlp } from '../nlp/index.js';

export interface Roles {
  api: boolean;
  workers: boolean;
  bots: boolean;
}

export interface RunningSaring {
  config: Config;
  database: Database;
  services: Services;
  adapters: AdapterRegistry;
  app: FastifyInstance | undefined;
  workers: Worker[];
  /** Address the HTTP app listens on, when it does. */
  url: string | undefined;
  stop(): Promise<void>;
}

const RECONCILE_EVERY_MS = 60_000;

/**
 * The composition root: the one place that knows every layer. `npm start` runs all roles in one
 * process; the separate entry points run one role each for deployments that scale them apart.
 */
export async function startSaring(config: Config, logger: Logger, roles: Roles = { api: true, workers: true, bots: true }): Promise<RunningSaring> {
  const secrets = resolveSecrets(config);
  const database = await connectDatabase(config, logger);
  await runMigrations(database.db);
  const redis = createRedis(config.redisUrl, 'worker');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const producers = createProducers(redis, config.queuePrefix);
  const repos = createRepositories(database.db);
  const deps = { config, secrets, db: database.db, repos, producers, logger };
  const services = createServices(deps, createNlp());
  await services.catalog.refresh();
  services.catalog.startPolling();

  const adapters: AdapterRegistry = {};
  if (config.telegram.token && (roles.bots || roles.workers)) {
    adapters.telegram = new TelegramAdapter({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhookUrl: config.telegram.webhookUrl,
      webhookSecret: config.telegram.webhookSecret,
      logger,
    });
  }

  const workers: Worker[] = [];
  let reconcileTimer: NodeJS.Timeout | undefined;
  if (roles.workers) {
    const ctx = { connection: redis, prefix: config.queuePrefix, concurrency: config.workerConcurrency, logger };
    const outbound = createOutboundService(deps, { adapters, pacer: createChatPacer(redis, config.queuePrefix) });
    workers.push(
      createInboundWorker(ctx, services.prepare),
      createAnalyzeWorker(ctx, services.analyze),
      createOutboundWorker(ctx, outbound, config.telegram.rate.globalPerSec),
    );
    await services.reconciler.run(0).catch((err: unknown) => logger.error({ err: String(err) }, 'reconcile failed'));
    reconcileTimer = setInterval(() => {
      services.reconciler.run(RECONCILE_EVERY_MS).catch((err: unknown) => logger.warn({ err: String(err) }, 'reconcile failed'));
    }, RECONCILE_EVERY_MS);
    reconcileTimer.unref();
  }

  const handlers: InboundHandlers = {
    message: withStorageRetry((msg) => services.intake.handleMessage(msg), logger),
  };
  for (const adapter of Object.values(adapters) as ChatAdapter[]) {
    await adapter.start(roles.bots ? handlers : undefined);
  }

  let app: FastifyInstance | undefined;
  let url: string | undefined;
  const webhooks = roles.bots ? (Object.values(adapters) as ChatAdapter[]).flatMap((a) => a.webhook?.() ?? []) : [];
  if (roles.api || webhooks.length > 0) {
    app = await buildApi({
      logger,
      webhooks,
      probe: {
        db: async () => (await database.sql`select 1`, true),
        redis: async () => (await redis.ping()) === 'PONG',
        adapters: () => ({ telegram: adapters.telegram?.state() ?? 'disabled', whatsapp: adapters.whatsapp?.state() ?? 'disabled' }),
      },
    });
    url = await app.listen({ port: config.http.port, host: config.http.host });
  }
  logger.info({ url, roles, embeddedDb: database.embedded }, 'saring started');

  let stopping: Promise<void> | undefined;
  return {
    config,
    database,
    services,
    adapters,
    app,
    workers,
    url,
    stop() {
      stopping ??= (async () => {
        clearInterval(reconcileTimer);
        services.catalog.stop();
        await app?.close();
        for (const adapter of Object.values(adapters) as ChatAdapter[]) await adapter.stop();
        // close() waits for active jobs: a SIGTERM drains rather than abandons work.
        await Promise.all(workers.map((w) => w.close()));
        await producers.close();
        await redis.quit().catch(() => undefined);
        await database.close();
        logger.info('saring stopped');
      })();
      return stopping;
    },
  };
}
