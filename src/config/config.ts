import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { S3StoreOptions } from '../media/s3-store.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const probability = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('saring'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: optionalString.pipe(z.url().optional()),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-def').optional()),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Telegram's own rule for secret_token: 1–256 characters of A–Z, a–z, 0–9, _ and -.
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram secret_token)').optional(),
    ),
    // Proxies whose X-Forwarded-* headers are believed: comma-separated addresses or CIDRs; unset → none.
    TRUST_PROXY: optionalString.pipe(
      z
        .string()
        .regex(/^[\w.:/]+(\s*,\s*[\w.:/]+)*$/, 'must be a comma-separated list of proxy addresses (IPs, CIDRs or loopback)')
        .optional(),
    ),
    // Requests per minute per client address on every route (logins have their own stricter limit).
    HTTP_RATE_PER_MINUTE: z.coerce.number().int().positive().default(600),
    TELEGRAM_RATE_GLOBAL_PER_SEC: z.coerce.number().positive().default(30),
    TELEGRAM_RATE_CHAT_PER_SEC: z.coerce.number().positive().default(1),
    TELEGRAM_RATE_GROUP_PER_MIN: z.coerce.number().positive().default(20),
    WHATSAPP_ENABLED: bool.default(false),
    WHATSAPP_SESSION_DIR: z.string().default('./data/whatsapp-session'),
    CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
    WHATSAPP_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(3_000),
    WHATSAPP_READY_TIMEOUT_MINUTES: z.coerce.number().positive().default(3),
    WHATSAPP_INIT_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
    WHATSAPP_ACK_WAIT_SECONDS: z.coerce.number().min(0).default(10),
    WHATSAPP_CATCH_UP_MINUTES: z.coerce.number().min(0).default(60),
    WHATSAPP_BROADCAST_DAILY_CAP: z.coerce.number().int().min(1).default(200),
    WHATSAPP_BROADCAST_INTERVAL_SECONDS: z.coerce.number().min(0).default(20),
    WHATSAPP_BROADCAST_JITTER_SECONDS: z.coerce.number().min(0).default(40),
    PSEUDONYM_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    CONTACT_KEY: optionalString.pipe(
      z
        .string()
        .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
        .optional(),
    ),
    NEW_PSEUDONYM_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    MATCH_AUTO: probability(0.9),
    MATCH_SUGGEST: probability(0.7),
    REVIEW_SLA_HOURS: z.coerce.number().positive().default(24),
    SPIKE_MIN_REPORTS: z.coerce.number().int().min(2).default(10),
    SPIKE_MIN_DESA: z.coerce.number().int().min(1).default(3),
    FLOOD_MAX_REPORTS: z.coerce.number().int().min(1).default(20),
    FLOOD_MAX_GROUP_COMMANDS: z.coerce.number().int().min(1).default(30),
    FLOOD_WINDOW_MINUTES: z.coerce.number().positive().default(10),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
    HOAX_MODEL_POLL_MS: z.coerce.number().int().min(500).default(30_000),
    // Five-field cron in Asia/Jakarta time, or "off".
    HOAX_RETRAIN_CRON: z
      .string()
      .trim()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a five-field cron expression (e.g. "30 2 * * *") or off')
      .default('30 2 * * *'),
    HOAX_CORPUS_DIR: optionalString,
    // The weekly digest to opted-in chats: five-field cron in Asia/Jakarta time, or "off".
    DIGEST_CRON: z
      .string()
      .trim()
      .regex(/^(off|(\S+\s+){4}\S+)$/, 'must be a five-field cron expression (e.g. "0 7 * * 1") or off')
      .default('0 7 * * 1'),
    OUTBOUND_RETRY_HOURS: z.coerce.number().positive().max(720).default(48),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    WORKER_PROCESSES: z.coerce.number().int().min(0).max(64).optional(),
    /** Set by the service for the worker children it starts (see src/entry/worker-processes.ts); not for operators. */
    SARING_WORKER_SLOT: z.coerce.number().int().min(0).optional(),
    HOME_REGION: optionalString.pipe(z.string().regex(/^\d{2}(\.\d{2})?$/, 'must be a provinsi or kabupaten code, e.g. 15 or 15.02').optional()),
    MEDIA_STORE: z.enum(['disk', 's3']).default('disk'),
    MEDIA_DIR: optionalString,
    // The S3-compatible bucket of MEDIA_STORE=s3 (required then; see the superRefine below).
    MEDIA_S3_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    MEDIA_S3_REGION: optionalString.pipe(z.string().regex(/^[a-z0-9-]{1,40}$/, 'must look like ap-southeast-3, us-east-1 or auto').optional()),
    MEDIA_S3_BUCKET: optionalString.pipe(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens').optional(),
    ),
    MEDIA_S3_ACCESS_KEY_ID: optionalString,
    MEDIA_S3_SECRET_ACCESS_KEY: optionalString,
    MEDIA_S3_FORCE_PATH_STYLE: bool.default(false),
    MEDIA_S3_KEY_PREFIX: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/, 'must be letters, digits, . _ - and / between parts, e.g. saring/production')
        .refine((v) => !v.split('/').some((part) => part === '.' || part === '..'), 'must not have . or .. parts')
        .optional(),
    ),
    MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
    MEDIA_MAX_PIXELS: z.coerce.number().int().min(10_000).default(20_000_000),
    OCR_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
    REGIONS_AUTOLOAD: bool.default(true),
    FEEDBACK_REOPEN_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(3),
    CARD_CONTACT: z.string().trim().min(1).max(80).default('Cek pesan mencurigakan: kirim ke bot Saring'),
    STARTUP_WAIT_SECONDS: z.coerce.number().min(0).max(300).default(8),
    LINK_FETCH_ENABLED: optionalString.pipe(bool.optional()),
    LINK_FETCH_ALLOW_LOOPBACK: bool.default(false),
    LINK_CACHE_TTL_HOURS: z.coerce.number().positive().default(24),
  })
  .superRefine((env, ctx) => {
    if (env.MEDIA_STORE !== 's3') return;
    const required = ['MEDIA_S3_ENDPOINT', 'MEDIA_S3_BUCKET', 'MEDIA_S3_ACCESS_KEY_ID', 'MEDIA_S3_SECRET_ACCESS_KEY'] as const;
    for (const name of required) {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when MEDIA_STORE=s3' });
    }
  })
  .refine((env) => env.MATCH_SUGGEST <= env.MATCH_AUTO, {
    path: ['MATCH_SUGGEST'],
    message: 'must not be greater than MATCH_AUTO',
  })
  // Telegram refuses plain-http webhooks, and a secret sent in clear is no secret.
  .refine((env) => env.NODE_ENV !== 'production' || !env.TELEGRAM_WEBHOOK_URL?.startsWith('http://'), {
    path: ['TELEGRAM_WEBHOOK_URL'],
    message: 'must be an https:// URL in production',
  })
  // Public links (the ClaimReview feed's `url`, /klaim pages) come from PUBLIC_URL only, never from request headers.
  .refine((env) => env.NODE_ENV !== 'production' || env.PUBLIC_URL !== undefined, {
    path: ['PUBLIC_URL'],
    message: 'is required in production (the ClaimReview feed and public claim links are built from it)',
  })
  .refine((env) => !(env.NODE_ENV === 'production' && env.LINK_FETCH_ALLOW_LOOPBACK), {
    path: ['LINK_FETCH_ALLOW_LOOPBACK'],
    message: 'is a test-only setting and is refused when NODE_ENV=production',
  })
  .refine((env) => !env.WORKER_PROCESSES || env.DATABASE_URL !== undefined, {
    path: ['WORKER_PROCESSES'],
    message: 'needs DATABASE_URL: the embedded database serves one process, so its workers run inside the service (set 0 or unset)',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.HOME_REGION !== undefined, {
    path: ['HOME_REGION'],
    message: 'is required in production (the kabupaten or provinsi code this deployment serves, e.g. 15.02)',
  });

export type Env = z.infer<typeof envSchema>;

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
