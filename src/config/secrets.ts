import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

export interface Secrets {
  pseudonymSecret: string;
  contactKey: Buffer;
  /**
   * What Telegram must send in X-Telegram-Bot-Api-Secret-Token; undefined only when no webhook is
   * configured (long polling needs none).
   */
  telegramWebhookSecret: string | undefined;
}

/**
 * A newcomer runs `npm start` without configuring secrets; production sets them.
 * Generated secrets are kept under dataDir so pseudonyms and encrypted contacts survive restarts.
 *
 * Webhook mode never runs without a secret: an unset TELEGRAM_WEBHOOK_SECRET is generated here (and
 * handed to setWebhook), because anyone who knows the webhook path could otherwise post forged updates
 * as any moderator. Generating beats refusing to start: the operator has nothing to copy between
 * Telegram and the service, and setWebhook re-registers it on every start.
 */
export function resolveSecrets(config: Config): Secrets {
  return {
    pseudonymSecret: config.pseudonymSecret ?? readOrCreate(config.dataDir, 'pseudonym-secret', () => randomBytes(32).toString('base64')),
    contactKey: Buffer.from(
      config.contactKey ?? readOrCreate(config.dataDir, 'contact-key', () => randomBytes(32).toString('base64')),
      'base64',
    ),
    telegramWebhookSecret: config.telegram.webhookUrl
      ? (config.telegram.webhookSecret ?? readOrCreate(config.dataDir, 'telegram-webhook-secret', () => randomBytes(32).toString('base64url')))
      : undefined,
  };
}

function readOrCreate(dir: string, name: string, make: () => string): string {
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const value = make();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}
