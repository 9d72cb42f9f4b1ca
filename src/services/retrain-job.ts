import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

/**
 * The nightly retrain runs `saring retrain` in a child process: training keeps a core busy for a minute or more,
 * and in the worker's own event loop it would stall every other job (and BullMQ's lock renewals) meanwhile.
 * The child inherits the environment (spawn's default) (DATABASE_URL, HOAX_CORPUS_DIR) and the TypeScript loader flags.
 */
export function runRetrainProcess(logger: Logger): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, CLI, 'retrain'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      const exitCode = code ?? 1;
      logger[exitCode === 0 ? 'info' : 'warn']({ exitCode, tail: output.slice(-500) }, 'nightly hoax model retrain finished');
      if (exitCode === 0 || exitCode === 3) resolve({ exitCode, output });
      else reject(new Error(`saring retrain exited ${exitCode}`));
    });
  });
}
