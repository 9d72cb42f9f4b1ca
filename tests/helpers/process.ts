import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  health(): Promise<{ status: string; adapters: Record<string, string> } | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * The service as a real OS process (`src/main.ts`, what `npm start` runs), for crash tests. `entry`: another
 * script that runs the same entry code (e.g. with the WhatsApp stand-in).
 */
export function spawnService(env: Record<string, string | undefined>, port: number, entry = 'src/main.ts'): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    async health() {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        return (await res.json()) as { status: string; adapters: Record<string, string> };
      } catch {
        return null;
      }
    },
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

export async function waitHealthy(svc: ServiceProcess, timeoutMs = 60_000) {
  return waitFor(async () => {
    if (svc.child.exitCode !== null) throw new Error(`service exited early:\n${svc.output()}`);
    const h = await svc.health();
    return h?.status === 'ok' ? h : null;
  }, { timeoutMs, what: 'service health' });
}
