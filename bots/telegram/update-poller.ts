import { TelegramError, type Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from 'pino';

export interface UpdatePollerOptions {
  telegram: Telegram;
  /** Resolves once the update is stored; a rejection means "not taken": the update is fetched again. */
  handle(update: Update): Promise<void>;
  logger: Logger;
  /** getUpdates long-poll timeout in seconds (Telegram holds the request open up to this long). */
  timeoutSec?: number;
  /** Waits between attempts after an error; a test passes its own to read the delays without waiting. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/**
 * Long polling that never loses an update. telegraf's own loop (core/network/polling.js) moves its offset past
 * a whole batch as soon as getUpdates returns and confirms it in a `finally` when a handler throws, so the update
 * being handled is gone; and the adapter's restart counter never went back to zero. Here the offset moves past an
 * update only after its handler resolved; on an error the same offset is asked again after a backoff, and the
 * backoff starts over after the next success. (Telegram itself drops an unconfirmed update after 24 hours.)
 */
export class UpdatePoller {
  private offset = 0;
  private failures = 0;
  private readonly abort = new AbortController();
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly opts: UpdatePollerOptions) {
    this.wait = opts.wait ?? abortableSleep;
  }

  /** Resolves when stopped; rejects only on what retrying cannot fix (a revoked token, another poller: 401/409). */
  async run(onFirstPoll?: () => void): Promise<void> {
    let first = true;
    while (!this.abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.opts.telegram.callApi(
          'getUpdates',
          { timeout: this.opts.timeoutSec ?? 50, offset: this.offset, allowed_updates: [] },
          // telegraf types its signal with the abort-controller polyfill; Node's own AbortSignal is what it receives at run time.
          { signal: this.abort.signal as never },
        );
      } catch (err) {
        if (this.abort.signal.aborted) return;
        if (err instanceof TelegramError && (err.code === 401 || err.code === 409)) throw err;
        await this.backOff(err, 'getUpdates failed');
        continue;
      }
      if (first) {
        first = false;
        onFirstPoll?.();
      }
      if (await this.handleBatch(updates)) this.failures = 0;
    }
  }

  stop(): void {
    this.abort.abort();
  }

  /** False when an update was not taken: the rest of the batch is asked for again from that update. */
  private async handleBatch(updates: Update[]): Promise<boolean> {
    for (const update of updates) {
      if (this.abort.signal.aborted) return false;
      try {
        await this.opts.handle(update);
      } catch (err) {
        await this.backOff(err, 'handling a telegram update failed; it will be fetched again', update.update_id);
        return false;
      }
      this.offset = update.update_id + 1;
    }
    return true;
  }

  private async backOff(err: unknown, what: string, updateId?: number): Promise<void> {
    this.failures++;
    const retryAfterSec = err instanceof TelegramError ? err.parameters?.retry_after : undefined;
    const delay = retryAfterSec !== undefined ? retryAfterSec * 1000 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (this.failures - 1));
    this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err), updateId, retryInMs: delay }, what);
    await this.wait(delay, this.abort.signal);
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
