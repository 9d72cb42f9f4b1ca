import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import type { InboundCallback } from '../../src/domain/inbound.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Telegram shows a spinner on a tapped button until answerCallbackQuery, and drops the answer ("query is too old")
 * after its short wait: the adapter answers before the core's handler does its (possibly slow) work.
 */
describe('Telegram callback queries', () => {
  let emulator: Emulator;
  let adapter: TelegramAdapter;
  beforeAll(async () => {
    emulator = await startEmulator();
    adapter = new TelegramAdapter({ token: TEST_BOT_TOKEN, apiRoot: emulator.apiRoot, logger: pino({ level: 'silent' }), polling: { timeoutSec: 0 } });
  });
  afterAll(async () => {
    await adapter?.stop();
    await emulator?.stop();
  });

  it('answers the callback query before the handler finishes', async () => {
    let release!: () => void;
    const handled = new Promise<void>((r) => (release = r));
    const got: InboundCallback[] = [];
    await adapter.start({
      message: async () => undefined,
      callback: async (cb) => {
        got.push(cb);
        await handled;
      },
    });
    await waitFor(() => adapter.state() === 'ready', { what: 'polling started' });
    const r = resident(emulator);
    await r.client.sendCallback(r.client.makeCallbackQuery('token-abc'));
    await waitFor(() => got.length === 1, { what: 'callback reached the handler' });
    // The handler is still busy; the button must already be answered.
    const answered = await waitFor(() => emulator.calls.find((c) => c.method === 'answerCallbackQuery'), { what: 'answerCallbackQuery while the handler works' });
    expect(String(answered.params.callback_query_id)).toBe(got[0]!.callbackId);
    release();
  });
});
