import { createTestDatabase, type TestDatabase } from './db.js';
import { webhookServiceEnv } from './config.js';
import { startEmulator, type Emulator } from './telegram.js';
import { startGateProxy } from './gate-proxy.js';
import { spawnService, waitHealthy, type ServiceProcess } from './process.js';
import { freePort } from './wait.js';

/**
 * What a crash test needs: the Bot API emulator behind a proxy that can hold `sendMessage`, a fresh
 * database, and the service as a real process that can be SIGKILLed and started again on the same port.
 */
export interface CrashRig {
  emulator: Emulator;
  database: TestDatabase;
  gate: Awaited<ReturnType<typeof startGateProxy>>;
  env: Record<string, string | undefined>;
  /** Start (or restart) the service process and wait until it is healthy. */
  start(): Promise<ServiceProcess>;
  /** SIGKILL while `sendMessage` calls are held, then drop them unanswered, as a crash would. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCrashRig(overrides: Record<string, string | undefined> = {}): Promise<CrashRig> {
  const emulator = await startEmulator();
  const database = await createTestDatabase();
  const gate = await startGateProxy(emulator.apiRoot);
  const port = await freePort();
  const env = webhookServiceEnv(database.url, gate.url, port, overrides);
  let svc: ServiceProcess | undefined;
  return {
    emulator,
    database,
    gate,
    env,
    async start() {
      svc = spawnService(env, port);
      await waitHealthy(svc);
      return svc;
    },
    async crash() {
      await svc?.kill('SIGKILL');
      gate.dropHeld();
      gate.hold(false);
    },
    async stop() {
      if (svc && svc.child.exitCode === null) await svc.kill('SIGKILL');
      await gate.stop();
      await emulator.stop();
      await database.drop();
    },
  };
}
