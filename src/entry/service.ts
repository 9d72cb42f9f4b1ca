import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config/config.js';
import { resolveSecrets } from '../config/secrets.js';
import { connectDatabase, type Database } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createRepositories } from '../db/repositories/index.js';
import { createProducers } from '../queues/queues.js';
import { createRedis } from '../queues/redis.js';
import { createChatPacer } from '../queues/chat-pacer.js';
import { createFloodGate } from '../queues/flood-gate.js';
import { createThrottledLog } from '../observability/throttled-log.js';
import { createServices, type Services } from '../services/index.js';
import { createOutboundService, type AdapterRegistry } from '../services/outbound.service.js';
import type { ChatAdapter, InboundHandlers } from '../domain/chat-adapter.js';
import { buildApi } from '../api/app.js';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import { createWhatsAppAdapter, WhatsAppAdapter, type AdapterTimers, type WhatsAppClientLike } from '../../bots/whatsapp/index.js';
import { createInboundWorker } from '../../workers/inbound.worker.js';
import { createAnalyzeWorker } from '../../workers/analyze.worker.js';
import { createOutboundWorker } from '../../workers/outbound.worker.js';
import { createReviewWorker } from '../../workers/review.worker.js';
import { withStorageRetry } from './storage-retry.js';
import { createNlp } from '../nlp/index.js';
import { runRetrainProcess } from '../services/retrain-job.js';
import type { HostResolver } from '../media/links/host-resolver.js';
import { createMetrics, ledgerCounts, type SaringMetrics } from '../observability/metrics.js';
import { safeMessage } from '../observability/safe-error.js';
import { importBundledRegionsIfEmpty } from '../services/bundled-regions.js';
import { startWorkerProcesses, type WorkerProcesses } from './worker-processes.js';

export interface Roles {
  api: boolean;
  workers: boolean;
  bots: boolean;
}

/** Seams for tests: the WhatsApp client can be a stand-in of the same shape (no login possible here). */
export interface StartOverrides {
  whatsappClient?: () => WhatsAppClientLike;
  whatsappOptions?: { minGapMs?: number; jitterMs?: number; typingMs?: number };
  /** The WhatsApp adapter's watchdogs on a controllable clock. */
  whatsappTimers?: AdapterTimers;
  /** The clock the review deadlines (SLA) and spike windows are measured by. */
  now?: () => Date;
  /** The DNS answers link previews get (tests map names like bit.ly to loopback servers). */
  linkHostResolver?: HostResolver;
}

export interface RunningSaring {
  config: Config;
  database: Database;
  services: Services;
  adapters: AdapterRegistry;
  whatsapp: WhatsAppAdapter | undefined;
  app: FastifyInstance | undefined;
  workers: Worker[];
  /** Worker child processes (WORKER_PROCESSES > 0), when this process runs none itself. */
  workerProcesses: WorkerProcesses | undefined;
  /** Statements sent to PostgreSQL by this process and its worker children. */
  statements(): number;
  metrics: SaringMetrics;
  /** Address the HTTP app listens on, when it does. */
  url: string | undefined;
  stop(): Promise<void>;
}

const SLA_SWEEP_EVERY_MS = 60_000;

/** HOME_REGION must name a kabupaten/provinsi that exists, once the regions are imported. */
async function checkHomeRegion(config: Config, repos: ReturnType<typeof createRepositories>): Promise<void> {
  const home = config.homeRegion;
  if (!home || (await repos.regions.count()) === 0) return;
  if (!(await repos.regions.findByCode(home))) {
    throw new ConfigError([`HOME_REGION: ${home} is not in the imported regions (check the code, e.g. 15.02 for Kabupaten Merangin)`]);
  }
}

/**
 * The composition root: the one place that knows every layer. `npm start` runs all roles in one
 * process; the separate entry points run one role each for deployments that scale them apart.
 */
export async function startSaring(
  config: Config,
  logger: Logger,
  roles: Roles = { api: true, workers: true, bots: true },
  overrides: StartOverrides = {},
): Promise<RunningSaring> {
  // Workers in child processes: this process keeps the API and the bots. The embedded database serves one
  // process and a WhatsApp session one browser, so with either the workers stay here.
  const forkWorkers = roles.workers && config.workerProcesses > 0 && !!config.databaseUrl && !config.whatsapp.enabled;
  if (forkWorkers) roles = { ...roles, workers: false };
  const secrets = resolveSecrets(config);
  const database = await connectDatabase(config, logger);
  await runMigrations(database.db);
  const repos = createRepositories(database.db);
  // One line per interval per connection while Redis is away, not one per reconnect attempt.
  const redisLog = createThrottledLog(logger);
  const redis = createRedis(config.redisUrl, 'worker');
  redis.on('error', (err) => redisLog.warn('redis', { err: err.message }, 'redis connection error'));
  // The flood gate has its own fail-fast connection: it runs before a report is stored.
  const gateRedis = createRedis(config.redisUrl, 'gate');
  gateRedis.on('error', (err) => redisLog.warn('redis-gate', { err: err.message }, 'flood gate redis error (gate open)'));
  const flood = createFloodGate(gateRedis, config.queuePrefix, (err) => redisLog.warn('flood-gate', { err: safeMessage(err) }, 'flood gate unavailable; letting the message through'));
  const producers = createProducers(redis, config.queuePrefix);
  for (const queue of Object.values(producers.queues)) queue.on('error', (err) => redisLog.warn(`queue-${queue.name}`, { err: err.message }, 'queue error'));
  const deps = { config, secrets, db: database.db, repos, producers, logger, flood, ...(overrides.now ? { now: overrides.now } : {}) };
  const adapters: AdapterRegistry = {};
  if (config.telegram.token && (roles.bots || roles.workers)) {
    adapters.telegram = new TelegramAdapter({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhookUrl: config.telegram.webhookUrl,
      webhookSecret: secrets.telegramWebhookSecret,
      logger,
    });
  }

  await repos.regionSearch.enableTrigram().catch((err: unknown) => logger.info({ err: String(err) }, 'pg_trgm not available: desa search uses word matching only'));
  // One pacer for every send and card edit of this process: they share the platforms' limits.
  const pacer = createChatPacer(redis, config.queuePrefix);
  const services = createServices(deps, createNlp(), adapters, { pacer, ...(overrides.linkHostResolver ? { linkHostResolver: overrides.linkHostResolver } : {}) });
  // Before anything answers people: place names must be there from the first message.
  if (config.regionsAutoload) await importBundledRegionsIfEmpty(services.regions, logger);
  await checkHomeRegion(config, repos).catch(async (err: unknown) => {
    await producers.close();
    await redis.quit().catch(() => undefined);
    await database.close();
    throw err;
  });
  await services.catalog.refresh();
  services.catalog.startPolling();
  await services.modelKeeper.refresh();
  services.modelKeeper.startPolling(config.hoaxModel.pollMs);

  // One browser session is one WhatsApp number: its adapter lives where the outbound worker sends.
  let whatsapp: WhatsAppAdapter | undefined;
  if (config.whatsapp.enabled && roles.workers) {
    const w = config.whatsapp;
    // The terminal QR is for an operator at a console; under tests it would only be noise in the output.
    const printQr = config.env === 'test' ? () => undefined : undefined;
    const opts = {
      logger,
      pacing: { minGapMs: w.minIntervalMs, ...overrides.whatsappOptions },
      readyTimeoutMs: w.readyTimeoutMs,
      initTimeoutMs: w.initTimeoutMs,
      ackWaitMs: w.ackWaitMs,
      catchUpMs: w.catchUpMs,
      ...(overrides.whatsappOptions?.typingMs !== undefined ? { typingMs: overrides.whatsappOptions.typingMs } : {}),
      ...(overrides.whatsappTimers ? { timers: overrides.whatsappTimers } : {}),
      ...(printQr ? { printQr } : {}),
    };
    whatsapp = overrides.whatsappClient
      ? new WhatsAppAdapter(overrides.whatsappClient, opts)
      : createWhatsAppAdapter({ sessionDir: config.whatsapp.sessionDir, chromiumPath: config.whatsapp.chromiumPath, ...opts });
    adapters.whatsapp = whatsapp;
  }

  const adapterStates = () => ({ telegram: adapters.telegram?.state() ?? 'disabled', whatsapp: adapters.whatsapp?.state() ?? 'disabled' }) as const;
  const metrics = createMetrics({ queues: producers.queues, adapters: adapterStates, ledger: ledgerCounts(database.sql) });
  metrics.startDefaultMetrics();

  const workers: Worker[] = [];
  let reconcileTimer: NodeJS.Timeout | undefined;
  if (roles.workers) {
    const ctx = { connection: redis, prefix: config.queuePrefix, concurrency: config.workerConcurrency, logger };
    const outbound = createOutboundService(deps, { adapters, pacer, metrics, migrations: services.chatMigration, media: services.media, cards: services.answerCards });
    workers.push(
      createInboundWorker(ctx, services.pipeline),
      createAnalyzeWorker(ctx, services.analyze),
      createOutboundWorker(ctx, outbound, config.telegram.rate.globalPerSec),
      createReviewWorker(
        ctx,
        services.routing,
        () => runRetrainProcess(logger),
        () => services.digest.sendWeeklyDigests(deps.now?.() ?? new Date()),
      ),
    );
    await producers.scheduleSla(SLA_SWEEP_EVERY_MS);
    await producers.scheduleRetrain(config.hoaxModel.retrainCron);
    await producers.scheduleDigest(config.digestCron);
    await services.reconciler.run(0).catch((err: unknown) => logger.error({ err: safeMessage(err) }, 'reconcile failed'));
    const every = config.reconcileIntervalMs;
    reconcileTimer = setInterval(() => {
      services.reconciler
        .run(every)
        // A lost Redis also lost the repeatable SLA sweep: declaring it again is idempotent.
        .then(() => producers.scheduleSla(SLA_SWEEP_EVERY_MS))
        .catch((err: unknown) => logger.warn({ err: safeMessage(err) }, 'reconcile failed'));
    }, every);
    reconcileTimer.unref();
  }

  // Children start once this process has migrated the database and imported the regions.
  const workerProcesses = forkWorkers ? startWorkerProcesses(config.workerProcesses, config.sourceEnv, logger) : undefined;

  const handlers: InboundHandlers = {
    message: withStorageRetry((msg) => services.intake.handleMessage(msg), logger),
    callback: withStorageRetry((cb) => services.intake.handleCallback(cb), logger),
    chatMigrated: withStorageRetry((m) => services.chatMigration.migrate(m).then(() => undefined), logger),
    delivery: (update) => services.delivery.record(update),
    removedFromGroup: withStorageRetry(async (e) => void (await services.groups.botRemoved(e.platform, e.chatId, e.reason)), logger),
    joined: withStorageRetry((event) => services.intake.handleJoin(event), logger),
  };
  for (const adapter of Object.values(adapters) as ChatAdapter[]) {
    // WhatsApp receives where it sends (one session); Telegram receives in the bots role.
    const receives = roles.bots || adapter.platform === 'whatsapp';
    await adapter.start(receives ? handlers : undefined);
  }

  let app: FastifyInstance | undefined;
  let url: string | undefined;
  const webhooks = roles.bots ? (Object.values(adapters) as ChatAdapter[]).flatMap((a) => a.webhook?.() ?? []) : [];
  if (roles.api || webhooks.length > 0) {
    app = await buildApi({
      logger,
      webhooks,
      services,
      config,
      secrets,
      apiRoutes: roles.api,
      whatsapp,
      metrics,
      probe: {
        db: async () => (await database.sql`select 1`, true),
        redis: async () => (await redis.ping()) === 'PONG',
        adapters: adapterStates,
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
    whatsapp,
    app,
    workers,
    workerProcesses,
    statements: () => database.statements() + (workerProcesses?.statements() ?? 0),
    metrics,
    url,
    stop() {
      stopping ??= (async () => {
        clearInterval(reconcileTimer);
        services.catalog.stop();
        services.modelKeeper.stop();
        await app?.close();
        for (const adapter of Object.values(adapters) as ChatAdapter[]) await adapter.stop();
        // close() waits for active jobs: a SIGTERM drains rather than abandons work.
        await Promise.all(workers.map((w) => w.close()));
        await workerProcesses?.stop();
        await services.closeMedia();
        await producers.close();
        await redis.quit().catch(() => undefined);
        gateRedis.disconnect();
        await database.close();
        logger.info('saring stopped');
      })();
      return stopping;
    },
  };
}
