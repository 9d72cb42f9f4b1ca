import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { QUEUE_NAMES } from '../../src/queues/queues.js';
import { startSaring, type RunningSaring, type StartOverrides } from '../../src/entry/service.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { webhookServiceEnv } from './config.js';
import { startEmulator, type Emulator } from './telegram.js';
import { freePort, waitFor } from './wait.js';

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

/** The chat messages a running service has finished handling; see watchIntake. */
export interface IntakeWatch {
  /** Every message whose handling ended without an error, in the order it ended. */
  readonly handled: InboundMessage[];
  /**
   * Waits until each of `matches` is met by a different one of `handled.slice(from)` (`from`: the length of
   * `handled` before the messages were sent), and then until the outbound queue has nothing waiting, delayed or active: whatever they staged was sent.
   */
  settled(from: number, matches: Array<(m: InboundMessage) => boolean>, what: string, timeoutMs?: number): Promise<void>;
}

/**
 * Tells when the service is done with a message, for tests that expect silence: a sleep proves nothing on a
 * loaded machine, where the message may not be handled yet. Group chatter leaves no job and no row (it is
 * ignored, or answered through the outbox, on the intake path itself), so the sign is the intake's own call
 * returning; an answer it staged is then in the outbound queue, and waiting for that queue to drain lets it go out.
 */
export function watchIntake(h: Pick<Harness, 'saring'>): IntakeWatch {
  const intake = h.saring.services.intake;
  const handle = intake.handleMessage.bind(intake);
  const handled: InboundMessage[] = [];
  // The adapters reach the intake through this property on every message, so they all pass here.
  intake.handleMessage = async (msg) => {
    await handle(msg);
    handled.push(msg);
  };
  return {
    handled,
    async settled(from, matches, what, timeoutMs = 20_000) {
      await waitFor(
        () => {
          const left = handled.slice(from);
          return matches.every((match) => {
            const i = left.findIndex(match);
            return i >= 0 && left.splice(i, 1).length === 1;
          });
        },
        { what: `${what} (handled)`, timeoutMs },
      );
      await outboundDrained(h, `${what} (outbound queue drained)`, timeoutMs);
    },
  };
}

/** Waits until the service's outbound queue has nothing waiting, delayed or active: every staged message went out (or failed for good). */
export async function outboundDrained(h: Pick<Harness, 'saring'>, what = 'outbound queue drained', timeoutMs = 20_000): Promise<void> {
  const redis = new Redis(h.saring.config.redisUrl, { maxRetriesPerRequest: null });
  const outbound = new Queue(QUEUE_NAMES.outbound, { connection: redis, prefix: h.saring.config.queuePrefix });
  try {
    await waitFor(
      async () => {
        const counts = await outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        return Object.values(counts).every((n) => n === 0);
      },
      { what, timeoutMs },
    );
  } finally {
    await outbound.close();
    redis.disconnect();
  }
}
