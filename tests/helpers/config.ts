import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { REDIS_URL } from './services.js';

export const TEST_BOT_TOKEN = '123456:TEST-saring-token';

/** The environment a test service runs with: its own database, queue prefix and data dir. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL,
    QUEUE_PREFIX: `saring-test-${randomBytes(4).toString('hex')}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'saring-test-')),
    PSEUDONYM_SECRET: 'test-pseudonym-secret-0123456789',
    CONTACT_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    PORT: '0',
    // 91,599 rows per test database would cost seconds each; tests that need regions import their own.
    REGIONS_AUTOLOAD: 'false',
    // A nightly retrain trains for minutes: never in a test that happens to run at that hour.
    HOAX_RETRAIN_CRON: 'off',
    // Workers in the test's own service process unless a test asks for child processes.
    WORKER_PROCESSES: '0',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnv(overrides));
}

/** The environment of a whole service in Telegram webhook mode on `port`, against a Bot API at `apiRoot`. */
export function webhookServiceEnv(databaseUrl: string, apiRoot: string, port: number, overrides: Record<string, string | undefined> = {}) {
  return testEnv({
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    // Known to the test, so direct POSTs can sign like Telegram; the emulator forwards it by itself.
    TELEGRAM_WEBHOOK_SECRET: `test-webhook-${randomBytes(12).toString('hex')}`,
    PORT: String(port),
    ...overrides,
  });
}
