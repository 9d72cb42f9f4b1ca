import pino from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { startSaring, type RunningSaring, type StartOverrides } from '../../src/entry/service.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { webhookServiceEnv } from './config.js';
import { startEmulator, type Emulator } from './telegram.js';
import { freePort } from './wait.js';

export interface Harness {
  saring: RunningSaring;
  emulator: Emulator;
  database: TestDatabase;
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

/**
 * The whole service in-process, in Telegram webhook mode against the emulator. `start` is passed to
 * startSaring as its overrides (e.g. a WhatsApp stand-in client); `database`, when given, is used
 * instead of a clone of the shared server's template (e.g. one on a private cluster).
 */
export async function startHarness(overrides: Record<string, string | undefined> = {}, start: StartOverrides = {}, given?: TestDatabase): Promise<Harness> {
  const emulator = await startEmulator();
  const database = given ?? (await createTestDatabase());
  const port = await freePort();
  const env = webhookServiceEnv(database.url, emulator.apiRoot, port, overrides);
  const config = loadConfig(env);
  const saring = await startSaring(config, pino({ level: env.LOG_LEVEL ?? 'silent' }), undefined, start);
  return {
    saring,
    emulator,
    database,
    env,
    async stop() {
      await saring.stop();
      await emulator.stop();
      await database.drop();
    },
  };
}
