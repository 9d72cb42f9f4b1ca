/**
 * Every environment variable Saring reads, with its default and its check, in one zod schema: start-up fails
 * with the variable's name instead of running with a wrong value. `loadConfig` (config.ts) turns it into `Config`.
 */
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
