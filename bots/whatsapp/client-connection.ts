import type { Logger } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import type { AdapterState } from '../../src/domain/chat-adapter.js';
import type { WaState, WhatsAppClientLike } from './client-types.js';
import { errText } from './send-errors.js';
import { realTimers, type AdapterTimers, type WhatsAppAdapterOptions, type WhatsAppStatus } from './adapter-options.js';
import { createReadyWatchdog, type ReadyWatchdog } from './ready-watchdog.js';
import { raceTimeout, settleWithin } from './time-bounds.js';
import { connectionChange, retryDelayMs } from './connection-state.js';

/** What the adapter plugs into the connection: its own listeners on each new client, and a word when it is ready. */
export interface ConnectionHooks {
  /** Binds the adapter's listeners (messages, acks, groups) to a new client; `live()` turns false once it is replaced. Returns the unbinding. */
  bind(client: WhatsAppClientLike, live: () => boolean): () => void;
  /** The client is ready (first start or after a reconnection). */
  onReady(client: WhatsAppClientLike): void;
}

/**
 * The lifecycle of the whatsapp-web.js client: start, QR, ready, drops and reconnection with backoff.
 * Every (re)connection uses a fresh client from `createClient`: a failed initialize() leaves a browser
 * running and the session directory locked, so the old client is destroyed first. Knows nothing of messages.
 */
export class ClientConnection {
  private current: AdapterState = 'stopped';
  private running = false;
  private active: WhatsAppClientLike | undefined;
  private unbind: (() => void) | undefined;
  private qr: string | undefined;
  private failures = 0;
  private lastError: string | undefined;
  private retryTimer: unknown;
  /** Armed while waiting for `ready` after `authenticated`, or for CONNECTED after TIMEOUT/OPENING. */
  private readonly watchdog: ReadyWatchdog;
  private startedAtMs = 0;
  /** Since when the bot could not read messages (for answering, once back, what arrived meanwhile). */
  private downSinceMs: number | undefined;
  /** Messages older than this are not answered (see catchUpMs). */
  private acceptFrom: number | undefined;
  /** The (re)connection in progress: stop() waits for it, so a browser still launching is closed too. */
  private connecting: Promise<void> | undefined;
  private nextRetryAt: number | undefined;
  private readonly now: () => number;
  private readonly timers: AdapterTimers;

  constructor(
    private readonly createClient: () => WhatsAppClientLike,
    private readonly opts: WhatsAppAdapterOptions,
    private readonly log: Logger,
    private readonly hooks: ConnectionHooks,
  ) {
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? realTimers;
    // Replaces the client unless what it waits for happens within readyTimeoutMs.
    this.watchdog = createReadyWatchdog(this.timers, opts.readyTimeoutMs ?? 180_000, (reason) => {
      if (!this.running) return;
      this.fail(reason);
      void this.dispose();
    });
  }

  /** The client in use (undefined between clients). */
  get client(): WhatsAppClientLike | undefined {
    return this.active;
  }

  /** Messages written before this are not answered. */
  get acceptFromMs(): number | undefined {
    return this.acceptFrom;
  }

  isRunning(): boolean {
    return this.running;
  }

  state(): AdapterState {
    return this.current;
  }

  status(): WhatsAppStatus {
    return {
      state: this.current,
      lastError: this.lastError,
      failures: this.failures,
      nextRetryAt: this.nextRetryAt === undefined ? undefined : new Date(this.nextRetryAt),
    };
  }

  latestQr(): string | undefined {
    return this.qr;
  }

  start(): void {
    this.running = true;
    this.failures = 0;
    this.startedAtMs = this.now();
    this.downSinceMs = undefined;
    this.acceptFrom = this.startedAtMs - this.catchUpMs();
    this.connecting = this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.watchdog.disarm();
    this.nextRetryAt = undefined;
    this.qr = undefined;
    this.current = 'stopped';
    await this.dispose();
    const connecting = this.connecting;
    if (connecting) await this.bounded(connecting, 'connection in progress did not end');
  }

  /** The client is unusable (a dead browser, a timed-out wait): replace it after the backoff. */
  fail(reason: string): void {
    if (!this.running) return;
    this.watchdog.disarm();
    this.wentDown();
    this.current = 'failed';
    this.scheduleRetry(reason);
  }

  /**
   * A failure of the page that surfaced outside any call of ours (whatsapp-web.js's async
   * `framenavigated` listener rejecting, an unawaited destroy()): the process guard hands it here. The
   * client is replaced; nothing else in the process is affected.
   */
  containFailure(reason: unknown): void {
    if (!this.running) return;
    this.log.error({ err: errText(reason) }, 'whatsapp page failure contained; reconnecting');
    this.fail(`page failure: ${errText(reason)}`);
    void this.dispose();
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    this.nextRetryAt = undefined;
    await this.dispose();
    if (!this.running) return;
    let client: WhatsAppClientLike;
    try {
      client = this.createClient();
    } catch (err) {
      return this.fail(`cannot create client: ${errText(err)}`);
    }
    this.active = client;
    this.bind(client);
    this.current = 'starting';
    let failure: unknown;
    let timedOut = false;
    try {
      // whatsapp-web.js navigates with `page.goto(WhatsWebURL, { timeout: 0 })`: on a network that never
      // answers initialize() never settles, and the adapter would stay `starting` for ever.
      await raceTimeout(client.initialize(), this.opts.initTimeoutMs ?? 120_000, this.timers, () => (timedOut = true));
    } catch (err) {
      failure = err ?? new Error('initialize rejected');
    }
    if (this.active !== client) {
      // stop() (or a reconnect) disposed this client while Chromium was still launching: the library's
      // destroy() only closes a browser it already holds, so the one that came up since is closed here.
      await this.destroyClient(client);
      return;
    }
    // Offline, Chromium missing, WhatsApp Web unreachable: initialize() rejects and emits nothing.
    if (failure !== undefined) this.fail(`initialize ${timedOut ? 'timed out' : 'failed'}: ${errText(failure)}`);
    // A browser still navigating is closed now, not at the next attempt.
    if (timedOut) await this.dispose();
  }

  private catchUpMs(): number {
    return this.opts.catchUpMs ?? 60 * 60_000;
  }

  private wentDown(): void {
    this.downSinceMs ??= this.now();
  }

  private bind(client: WhatsAppClientLike): void {
    const live = () => this.running && this.active === client;
    const listeners = {
      qr: (qr: string) => {
        if (!live()) return;
        this.qr = qr;
        this.current = 'qr';
        this.log.warn('WhatsApp needs a QR scan: Linked devices → Link a device');
        const print = this.opts.printQr ?? ((ascii: string) => process.stdout.write(`${ascii}\n`));
        qrcodeTerminal.generate(qr, { small: true }, print);
      },
      authenticated: () => {
        if (!live()) return;
        this.qr = undefined;
        this.current = 'authenticated';
        // The library emits `ready` only after more work in the page (LocalWebCache.persist, LoadUtils,
        // `throw 'ready timeout'`); when that fails nothing else is emitted.
        this.watchdog.arm('ready did not follow authenticated');
      },
      auth_failure: (message: string) => {
        if (live()) this.fail(`authentication failed: ${message}`);
      },
      ready: () => {
        if (!live()) return;
        this.watchdog.disarm();
        this.qr = undefined;
        // What residents wrote while we were down is answered now (WhatsApp delivers it on reconnecting).
        this.acceptFrom = (this.downSinceMs ?? this.startedAtMs) - this.catchUpMs();
        this.downSinceMs = undefined;
        this.failures = 0;
        this.lastError = undefined;
        this.current = 'ready';
        this.log.info('whatsapp adapter ready');
        this.hooks.onReady(client);
      },
      change_state: (state: WaState) => {
        if (!live()) return;
        const change = connectionChange(state, this.current);
        if (change === 'back') {
          this.watchdog.disarm();
          this.current = 'ready';
          this.log.info('whatsapp connection is back');
        } else if (change === 'down') {
          // The library keeps the client through these: sends must wait, not be "sent" into a dead socket.
          this.current = 'reconnecting';
          this.lastError = `connection ${state}`;
          this.wentDown();
          this.log.warn({ state }, 'whatsapp connection down; sends paused');
          this.watchdog.arm(`connection did not come back from ${state}`);
        }
      },
      disconnected: (reason: string) => {
        if (!live()) return;
        this.watchdog.disarm();
        this.wentDown();
        this.current = 'disconnected';
        this.scheduleRetry(`disconnected: ${reason}`);
      },
    };
    for (const [event, fn] of Object.entries(listeners)) client.on(event as keyof typeof listeners, fn);
    const unbindAdapter = this.hooks.bind(client, live);
    this.unbind = () => {
      for (const [event, fn] of Object.entries(listeners)) client.removeListener(event as keyof typeof listeners, fn);
      unbindAdapter();
    };
  }

  private scheduleRetry(reason: string): void {
    this.lastError = reason;
    if (!this.running || this.retryTimer) return;
    this.failures += 1;
    const delay = retryDelayMs(this.failures, this.opts.retry);
    this.nextRetryAt = this.now() + delay;
    this.log.error({ err: reason, retryInMs: delay, failures: this.failures }, 'whatsapp adapter down; retrying');
    this.retryTimer = this.timers.setTimeout(() => {
      this.connecting = this.connect();
    }, delay);
  }

  private async dispose(): Promise<void> {
    const client = this.active;
    this.active = undefined;
    this.unbind?.();
    this.unbind = undefined;
    if (!client) return;
    await this.destroyClient(client);
  }

  private destroyClient(client: WhatsAppClientLike): Promise<void> {
    return this.bounded(client.destroy(), 'whatsapp client did not close cleanly');
  }

  /** Waits for `p` at most destroyTimeoutMs; a failure or a timeout is logged, never thrown. */
  private bounded(p: Promise<unknown>, warning: string): Promise<void> {
    return settleWithin(p, this.opts.destroyTimeoutMs ?? 15_000, (err) => this.log.warn({ err: errText(err) }, warning));
  }
}
