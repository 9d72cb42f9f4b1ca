import { availableParallelism } from 'node:os';
import type { S3StoreOptions } from '../media/s3-store.js';
import { envSchema, type Env } from './env-schema.js';

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  /** undefined → embedded PGlite under dataDir */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  http: {
    port: number;
    host: string;
    publicUrl: string | undefined;
    /** Addresses of the reverse proxies to believe (fastify `trustProxy`); empty → X-Forwarded-* ignored. */
    trustProxy: string[];
    /** Requests per minute per client address (HTTP_RATE_PER_MINUTE). */
    ratePerMinute: number;
  };
  telegram: {
    token: string | undefined;
    apiRoot: string;
    webhookUrl: string | undefined;
    /** Set or not here; resolveSecrets() generates one for webhook mode when unset. */
    webhookSecret: string | undefined;
    rate: { globalPerSec: number; chatPerSec: number; groupPerMin: number };
  };
  whatsapp: {
    enabled: boolean;
    sessionDir: string;
    chromiumPath: string;
    minIntervalMs: number;
    /** `ready` after `authenticated`, and CONNECTED after TIMEOUT/OPENING, must come within this; else a new client. */
    readyTimeoutMs: number;
    /** initialize() (Chromium + the page load the library never times out) is abandoned after this. */
    initTimeoutMs: number;
    /** How long a send waits for the server's ack before the ledger says `unconfirmed`. */
    ackWaitMs: number;
    /** Messages written while the bot was down are answered from this long before the outage. */
    catchUpMs: number;
    /** Broadcasts from one number: at most dailyCap in any 24 h, ≥ minIntervalMs + 0..jitterMs apart. */
    broadcast: { dailyCap: number; minIntervalMs: number; jitterMs: number };
  };
  /** Secrets resolved by loadSecrets(): may be generated into dataDir on first start. */
  pseudonymSecret: string | undefined;
  contactKey: string | undefined;
  /** Only for `saring rotate-pseudonyms`: the secret pseudonyms are re-keyed to. */
  newPseudonymSecret: string | undefined;
  match: { auto: number; suggest: number };
  reviewSlaHours: number;
  /** A claim with ≥ minReports reports from ≥ minDesa desa within an hour alerts its kabupaten's Diskominfo. */
  spike: { minReports: number; minDesa: number };
  workerConcurrency: number;
  /**
   * Worker child processes the service starts itself (0 = workers in the service's own process). Default:
   * one per core but one when PostgreSQL is external; always 0 with the embedded database.
   */
  workerProcesses: number;
  /** This process is worker child number N of a service (it reports to it and stops with it). */
  workerSlot: number | undefined;
  /** The variables this config was read from: what worker child processes are started with. */
  sourceEnv: Readonly<Record<string, string | undefined>>;
  /** Per resident reports and per group commands allowed in one window; past it, one notice, then silence. */
  flood: { maxReports: number; maxGroupCommands: number; windowSec: number };
  /** The last line of every clarification card: how people reach the bot. */
  cardContact: string;
  /** 👎 from this many different residents on the verdict in force sends the claim back to review. */
  feedbackReopenThreshold: number;
  /** First start: import the bundled Kemendagri regions when the table is empty. */
  regionsAutoload: boolean;
  /** How long start-up waits for Redis/PostgreSQL before it says what is missing and exits. */
  startupWaitMs: number;
  /** How often Postgres is compared with the queues (after a crash or a lost Redis). */
  reconcileIntervalMs: number;
  /**
   * The hoax model: how often workers look for a new live model and new published verdicts (pollMs); when the
   * nightly retrain runs (cron in Asia/Jakarta time, null: never); where the training corpus is (undefined:
   * ../shared/data/hoax beside the checkout).
   */
  hoaxModel: { pollMs: number; retrainCron: string | null; corpusDir: string | undefined };
  /** When the weekly digest goes to opted-in chats (cron in Asia/Jakarta time, null: never). */
  digestCron: string | null;
  /** How long a message keeps being retried through transient failures (outages, 5xx, 429) before it is given up. */
  outboundRetryHours: number;
  /** The kabupaten/provinsi this deployment serves: claims of residents without a desa go there. */
  homeRegion: string | undefined;
  /** Forwarded files: where their bytes live, what is refused, how many OCR workers read pictures (0 → one per core). */
  media: {
    store: 'disk' | 's3';
    /** The disk store's folder (MEDIA_STORE=disk). */
    dir: string;
    /** The bucket of MEDIA_STORE=s3; undefined with the disk store. */
    s3: S3MediaConfig | undefined;
    maxBytes: number;
    maxPixels: number;
    ocrWorkers: number | undefined;
  };
  /**
   * Link previews in the analyze step (shortener and redirect resolution, page titles). On by default; off
   * under NODE_ENV=test unless set, so tests fetch only when they mean to.
   */
  links: { fetchEnabled: boolean; allowLoopback: boolean; cacheTtlMs: number };
}

/** An S3-compatible bucket for forwarded files: the store's options as the environment gives them (src/media/s3-store.ts). */
export type S3MediaConfig = Omit<S3StoreOptions, 'retries' | 'timeoutMs'>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL,
      trustProxy: e.TRUST_PROXY ? e.TRUST_PROXY.split(',').map((a) => a.trim()).filter(Boolean) : [],
      ratePerMinute: e.HTTP_RATE_PER_MINUTE,
    },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      rate: {
        globalPerSec: e.TELEGRAM_RATE_GLOBAL_PER_SEC,
        chatPerSec: e.TELEGRAM_RATE_CHAT_PER_SEC,
        groupPerMin: e.TELEGRAM_RATE_GROUP_PER_MIN,
      },
    },
    whatsapp: {
      enabled: e.WHATSAPP_ENABLED,
      sessionDir: e.WHATSAPP_SESSION_DIR,
      chromiumPath: e.CHROMIUM_PATH,
      minIntervalMs: e.WHATSAPP_MIN_INTERVAL_MS,
      readyTimeoutMs: Math.round(e.WHATSAPP_READY_TIMEOUT_MINUTES * 60_000),
      initTimeoutMs: Math.round(e.WHATSAPP_INIT_TIMEOUT_SECONDS * 1000),
      ackWaitMs: Math.round(e.WHATSAPP_ACK_WAIT_SECONDS * 1000),
      catchUpMs: Math.round(e.WHATSAPP_CATCH_UP_MINUTES * 60_000),
      broadcast: {
        dailyCap: e.WHATSAPP_BROADCAST_DAILY_CAP,
        minIntervalMs: Math.round(e.WHATSAPP_BROADCAST_INTERVAL_SECONDS * 1000),
        jitterMs: Math.round(e.WHATSAPP_BROADCAST_JITTER_SECONDS * 1000),
      },
    },
    pseudonymSecret: e.PSEUDONYM_SECRET,
    contactKey: e.CONTACT_KEY,
    newPseudonymSecret: e.NEW_PSEUDONYM_SECRET,
    match: { auto: e.MATCH_AUTO, suggest: e.MATCH_SUGGEST },
    reviewSlaHours: e.REVIEW_SLA_HOURS,
    spike: { minReports: e.SPIKE_MIN_REPORTS, minDesa: e.SPIKE_MIN_DESA },
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerProcesses: e.WORKER_PROCESSES ?? (e.DATABASE_URL ? Math.max(0, availableParallelism() - 1) : 0),
    workerSlot: e.SARING_WORKER_SLOT,
    sourceEnv: { ...source },
    flood: { maxReports: e.FLOOD_MAX_REPORTS, maxGroupCommands: e.FLOOD_MAX_GROUP_COMMANDS, windowSec: Math.round(e.FLOOD_WINDOW_MINUTES * 60) },
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    hoaxModel: { pollMs: e.HOAX_MODEL_POLL_MS, retrainCron: e.HOAX_RETRAIN_CRON === 'off' ? null : e.HOAX_RETRAIN_CRON, corpusDir: e.HOAX_CORPUS_DIR },
    digestCron: e.DIGEST_CRON === 'off' ? null : e.DIGEST_CRON,
    outboundRetryHours: e.OUTBOUND_RETRY_HOURS,
    homeRegion: e.HOME_REGION,
    media: {
      store: e.MEDIA_STORE,
      dir: e.MEDIA_DIR ?? `${e.DATA_DIR.replace(/\/$/, '')}/media`,
      s3:
        e.MEDIA_STORE === 's3'
          ? {
              endpoint: e.MEDIA_S3_ENDPOINT!,
              region: e.MEDIA_S3_REGION ?? 'us-east-1',
              bucket: e.MEDIA_S3_BUCKET!,
              accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID!,
              secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY!,
              forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE,
              keyPrefix: e.MEDIA_S3_KEY_PREFIX ? e.MEDIA_S3_KEY_PREFIX.replace(/\/?$/, '/') : '',
            }
          : undefined,
      maxBytes: e.MEDIA_MAX_BYTES,
      maxPixels: e.MEDIA_MAX_PIXELS,
      ocrWorkers: e.OCR_WORKERS || undefined,
    },
    regionsAutoload: e.REGIONS_AUTOLOAD,
    cardContact: e.CARD_CONTACT,
    feedbackReopenThreshold: e.FEEDBACK_REOPEN_THRESHOLD,
    startupWaitMs: Math.round(e.STARTUP_WAIT_SECONDS * 1000),
    links: {
      fetchEnabled: e.LINK_FETCH_ENABLED ?? e.NODE_ENV !== 'test',
      allowLoopback: e.LINK_FETCH_ALLOW_LOOPBACK,
      cacheTtlMs: Math.round(e.LINK_CACHE_TTL_HOURS * 3_600_000),
    },
  };
}
