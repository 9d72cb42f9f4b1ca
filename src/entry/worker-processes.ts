import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

/** What a worker child tells its parent, once a second: its statement count (the bench's cost measure). */
export interface WorkerChildReport {
  kind: 'saring-worker-stats';
  statements: number;
}

export const isWorkerChildReport = (m: unknown): m is WorkerChildReport =>
  typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'saring-worker-stats';

export interface WorkerProcesses {
  /** Process ids of the children running now. */
  pids(): number[];
  /** Statements the children reported, summed over every child ever started. */
  statements(): number;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./workers.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');
const STOP_WAIT_MS = 30_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * `npm start` with WORKER_PROCESSES=N: N children each run the workers role (src/entry/workers.ts, the
 * same entry as `npm run start:workers`), so analysis and sending use the other cores while this process
 * answers webhooks and the dashboard. A child that dies is started again (backing off while it keeps
 * dying); stop() asks each to drain (SIGTERM) and waits. A child whose parent dies stops by itself (the
 * IPC channel closes; see run.ts), so a killed service leaves no workers behind.
 */
export function startWorkerProcesses(count: number, env: Readonly<Record<string, string | undefined>>, logger: Logger): WorkerProcesses {
  const children = new Map<number, ChildProcess>();
  const counted = new Map<ChildProcess, number>();
  let stopping = false;

  const spawnChild = (slot: number, failures: number): void => {
    const child = fork(ENTRY, [], {
      // The children run TypeScript like the parent does (npm start runs under tsx), from any working directory.
      execArgv: ['--import', TSX_LOADER],
      env: { ...env, WORKER_PROCESSES: '0', SARING_WORKER_SLOT: String(slot) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.set(slot, child);
    counted.set(child, 0);
    const startedAt = Date.now();
    child.on('message', (m) => {
      if (isWorkerChildReport(m)) counted.set(child, m.statements);
    });
    child.on('error', (err) => logger.warn({ slot, err: err.message }, 'worker process error'));
    child.once('exit', (code, signal) => {
      if (children.get(slot) === child) children.delete(slot);
      if (stopping) return;
      // A child that ran a while and then died starts again at once; one that dies on start backs off.
      const again = Date.now() - startedAt > 60_000 ? 0 : failures + 1;
      const delay = again === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** Math.min(again, 6));
      logger.warn({ slot, pid: child.pid, code, signal, restartInMs: delay }, 'worker process exited; starting it again');
      setTimeout(() => {
        if (!stopping) spawnChild(slot, again);
      }, delay).unref();
    });
  };

  for (let slot = 0; slot < count; slot++) spawnChild(slot, 0);
  logger.info({ count, pids: [...children.values()].map((c) => c.pid) }, 'worker processes started');

  return {
    pids: () => [...children.values()].flatMap((c) => (c.pid === undefined || c.exitCode !== null ? [] : [c.pid])),
    statements: () => [...counted.values()].reduce((a, b) => a + b, 0),
    async stop() {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const force = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
              child.once('exit', () => (clearTimeout(force), resolve()));
              child.kill('SIGTERM');
            }),
        ),
      );
      children.clear();
    },
  };
}
