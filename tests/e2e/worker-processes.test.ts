import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { webhookServiceEnv } from '../helpers/config.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';
import { freePort, waitFor } from '../helpers/wait.js';
import { spawnService, waitHealthy, type ServiceProcess } from '../helpers/process.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids `npm start` logged for the worker children it started (pino JSON at info level). */
function workerPids(output: string): number[] {
  for (const line of output.split('\n')) {
    if (!line.includes('worker processes started')) continue;
    return (JSON.parse(line) as { pids: number[] }).pids;
  }
  return [];
}

describe('WORKER_PROCESSES=1: the service runs its workers in a child process', () => {
  let emulator: Emulator;
  let database: TestDatabase;
  const started: ServiceProcess[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) await s.kill('SIGKILL');
    await emulator?.stop();
    await database?.drop();
  });

  async function start(): Promise<{ svc: ServiceProcess; pid: number }> {
    const port = await freePort();
    const svc = spawnService(webhookServiceEnv(database.url, emulator.apiRoot, port, { LOG_LEVEL: 'info', WORKER_PROCESSES: '1' }), port);
    started.push(svc);
    await waitHealthy(svc);
    const [pid] = await waitFor(() => (workerPids(svc.output()).length ? workerPids(svc.output()) : null), { what: 'worker pid', timeoutMs: 30_000 });
    return { svc, pid: pid! };
  }

  it('a report is analysed and answered by the child, and the child stops with the service', { timeout: 180_000 }, async () => {
    const { svc, pid } = await start();
    expect(pid).not.toBe(svc.child.pid);
    expect(alive(pid)).toBe(true);
    const r = resident(emulator, 'Sari');
    await r.client.sendMessage(r.client.makeMessage('Katanya besok ada pemadaman listrik total se-Sumatera selama tiga hari, benarkah?'));
    await waitFor(() => emulator.botMessagesTo(r.chatId).length > 0, { what: 'ticket from the worker child', timeoutMs: 60_000 });
    expect(emulator.botMessagesTo(r.chatId)[0]!.text).toMatch(/Nomor tiket: T-\d+/);
    // The parent runs no workers of its own: only the child's analyze worker can have answered.
    expect(svc.output()).toContain('"roles":{"api":false,"workers":true,"bots":false}');

    expect(await svc.kill('SIGTERM')).toBe(0);
    await waitFor(() => !alive(pid), { what: 'worker child stopped with the service', timeoutMs: 30_000 });
  });

  it('a SIGKILLed service leaves no worker running', { timeout: 180_000 }, async () => {
    const { svc, pid } = await start();
    await svc.kill('SIGKILL');
    await waitFor(() => !alive(pid), { what: 'orphaned worker child stopped', timeoutMs: 30_000 });
  });
});
