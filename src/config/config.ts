import { z } from 'zod';

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
    TELEGRAM_WEBHOOK_SECRET: optionalString,
    TELEGRAM_RATE_GLOBAL_PER_SEC: z.coerce.number().positive().default(30),
    TELEGRAM_RATE_CHAT_PER_SEC: z.coerce.number().positive().default(1),
    TELEGRAM_RATE_GROUP_PER_MIN: z.coerce.number().positive().default(20),
    WHATSAPP_ENABLED: bool.default(false),
    WHATSAPP_SESSION_DIR: z.string().default('./data/whatsapp-session'),
    CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
    WHATSAPP_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(3_000),
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
    OUTBOUND_RETRY_HOURS: z.coerce.number().positive().max(720).default(48),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    REGIONS_AUTOLOAD: bool.default(true),
    CARD_CONTACT: z.string().trim().min(1).max(80).default('Cek pesan mencurigakan: kirim ke bot Saring'),
    STARTUP_WAIT_SECONDS: z.coerce.number().min(0).max(300).default(8),
    LINK_FETCH_ENABLED: optionalString.pipe(bool.optional()),
    LINK_FETCH_ALLOW_LOOPBACK: bool.default(false),
    LINK_CACHE_TTL_HOURS: z.coerce.number().positive().default(24),
  })
  .refine((env) => env.MATCH_SUGGEST <= env.MATCH_AUTO, {
    path: ['MATCH_SUGGEST'],
    message: 'must not be greater than MATCH_AUTO',
  })
  .refine((env) => !(env.NODE_ENV === 'production' && env.LINK_FETCH_ALLOW_LOOPBACK), {
    path: ['LINK_FETCH_ALLOW_LOOPBACK'],
    message: 'is a test-only setting and is refused when NODE_ENV=production',
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
  http: { port: number; host: string; publicUrl: string | undefined };
  telegram: {
    token: string | undefined;
    apiRoot: string;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    rate: { globalPerSec: number; chatPerSec: number; groupPerMin: number };
  };
  whatsapp: { enabled: boolean; sessionDir: string; chromiumPath: string; minIntervalMs: number };
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
  /** Per resident reports and per group commands allowed in one window; past it, one notice, then silence. */
  flood: { maxReports: number; maxGroupCommands: number; windowSec: number };
  /** The last line of every clarification card: how people reach the bot. */
  cardContact: string;
  /** First start: import the bundled Kemendagri regions when the table is empty. */
  regionsAutoload: boolean;
  /** How long start-up waits for Redis/PostgreSQL before it says what is missing and exits. */
  startupWaitMs: number;
  /** How often Postgres is compared with the queues (after a crash or a lost Redis). */
  reconcileIntervalMs: number;
  /** How long a message keeps being retried through transient failures (outages, 5xx, 429) before it is given up. */
  outboundRetryHours: number;
  /**
   * Link previews in the analyze step (shortener and redirect resolution, page titles). On by default; off
   * under NODE_ENV=test unless set, so tests fetch only when they mean to.
   */
  links: { fetchEnabled: boolean; allowLoopback: boolean; cacheTtlMs: number };
}

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
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL },
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
    },
    pseudonymSecret: e.PSEUDONYM_SECRET,
    contactKey: e.CONTACT_KEY,
    newPseudonymSecret: e.NEW_PSEUDONYM_SECRET,
    match: { auto: e.MATCH_AUTO, suggest: e.MATCH_SUGGEST },
    reviewSlaHours: e.REVIEW_SLA_HOURS,
    spike: { minReports: e.SPIKE_MIN_REPORTS, minDesa: e.SPIKE_MIN_DESA },
    workerConcurrency: e.WORKER_CONCURRENCY,
    flood: { maxReports: e.FLOOD_MAX_REPORTS, maxGroupCommands: e.FLOOD_MAX_GROUP_COMMANDS, windowSec: Math.round(e.FLOOD_WINDOW_MINUTES * 60) },
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    outboundRetryHours: e.OUTBOUND_RETRY_HOURS,
    regionsAutoload: e.REGIONS_AUTOLOAD,
    cardContact: e.CARD_CONTACT,
    startupWaitMs: Math.round(e.STARTUP_WAIT_SECONDS * 1000),
    links: {
      fetchEnabled: e.LINK_FETCH_ENABLED ?? e.NODE_ENV !== 'test',
      allowLoopback: e.LINK_FETCH_ALLOW_LOOPBACK,
      cacheTtlMs: Math.round(e.LINK_CACHE_TTL_HOURS * 3_600_000),
    },
  };
}
