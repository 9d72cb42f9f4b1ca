import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { webhookServiceEnv } from '../helpers/config.js';
import { startEmulator, resident, type Emulator } from '../helpers/telegram.js';
import { spawnService, type ServiceProcess } from '../helpers/process.js';
import { freePort, waitFor } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';

/** Pids of processes whose command line names this session directory: Chromium and its helpers. */
function chromiumFor(sessionDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', `--user-data-dir=${sessionDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

interface LogLine {
  msg?: string;
  err?: string;
  failures?: number;
  retryInMs?: number;
}

function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/**
 * `npm start` with WhatsApp enabled on a machine where WhatsApp Web is unreachable (these machines:
 * initialize() rejects with net::ERR_NAME_NOT_RESOLVED): the real whatsapp-web.js Client and Debian's
 * Chromium in the real service process. WhatsApp must show as failed in /health, keep retrying, and
 * not take Telegram down; SIGTERM must leave no Chromium behind.
 */
describe.skipIf(!existsSync(CHROMIUM))('the service with WhatsApp enabled but unreachable', () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let svc: ServiceProcess | undefined;
  let tmp: string;
  let sessionDir: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    database = await createTestDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'saring-wa-service-'));
    sessionDir = join(tmp, 'wa-session');
  });
  afterAll(async () => {
    if (svc && svc.child.exitCode === null && svc.child.signalCode === null) await svc.kill('SIGKILL');
    // Whatever a failed run left: only the browsers of this test's own session directory, by pid.
    for (const pid of chromiumFor(sessionDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await emulator?.stop();
    await database?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reports whatsapp failed and degraded, retries, still answers on Telegram, and leaves no Chromium on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const env = webhookServiceEnv(database.url, emulator.apiRoot, port, {
      LOG_LEVEL: 'info',
      WHATSAPP_ENABLED: 'true',
      WHATSAPP_SESSION_DIR: sessionDir,
      CHROMIUM_PATH: CHROMIUM,
    });
    svc = spawnService(env, port);
    const running = svc;
    const alive = () => {
      if (running.child.exitCode !== null) throw new Error(`service exited early:\n${running.output()}`);
    };

    // Chromium really runs (one launch per attempt), and never more than one browser at a time.
    let sawChromium = false;
    const watch = setInterval(() => {
      if (chromiumFor(join(sessionDir, 'session')).length > 0) sawChromium = true;
    }, 100);
    try {
      const health = await waitFor(
        async () => {
          alive();
          const h = await running.health();
          return h?.adapters.whatsapp === 'failed' ? h : null;
        },
        { timeoutMs: 60_000, what: 'whatsapp failed in /health' },
      );
      expect(health).toMatchObject({ status: 'degraded', db: true, redis: true, adapters: { telegram: 'ready', whatsapp: 'failed' } });

      // Telegram keeps working while WhatsApp is down.
      const r = resident(emulator, 'Dewi');
      await r.client.sendMessage(r.client.makeMessage('Beredar kabar beras plastik dijual di pasar Bangko, benarkah?'));
      const ticket = await waitFor(() => emulator.botMessagesTo(r.chatId)[0]?.text, { what: 'telegram ticket', timeoutMs: 20_000 });
      expect(ticket).toMatch(/Nomor tiket: T-\d+/);

      // The adapter logs each failure with its count and backoff: a second one means it retried.
      const failures = await waitFor(
        () => {
          alive();
          const down = logLines(running.output()).filter((l) => l.msg === 'whatsapp adapter down; retrying');
          return down.length >= 2 ? down : null;
        },
        { timeoutMs: 45_000, what: 'a second failed initialize (the retry)' },
      );
      expect(failures[0]).toMatchObject({ failures: 1, retryInMs: 2_000 });
      // The logger's err serializer gives an object ({type, message}); the message says what failed.
      expect(JSON.stringify(failures[0]!.err)).toMatch(/initialize failed: .*net::ERR_/);
      expect(failures[1]).toMatchObject({ failures: 2, retryInMs: 4_000 });
      expect(sawChromium).toBe(true);
      // Still degraded, still serving.
      expect(await running.health()).toMatchObject({ status: 'degraded', adapters: { telegram: 'ready' } });
    } finally {
      clearInterval(watch);
    }

    const code = await running.kill('SIGTERM');
    expect(code).toBe(0);
    expect(logLines(running.output()).some((l) => l.msg === 'saring stopped')).toBe(true);
    // Helpers may take a moment to exit after the browser closed; none may stay.
    await waitFor(() => chromiumFor(sessionDir).length === 0, { timeoutMs: 10_000, what: 'no Chromium left' });
  });
});
