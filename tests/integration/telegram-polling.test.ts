import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { BOT_API_ERRORS, resident, startEmulator, type Emulator } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

/** Without TELEGRAM_WEBHOOK_URL the adapter long-polls: the same messages arrive through getUpdates. */
describe('Telegram adapter in long-polling mode', () => {
  let emulator: Emulator;
  let adapter: TelegramAdapter;
  beforeAll(async () => {
    emulator = await startEmulator();
    adapter = new TelegramAdapter({ token: TEST_BOT_TOKEN, apiRoot: emulator.apiRoot, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await adapter?.stop();
    await emulator?.stop();
  });

  it('receives a resident message by polling, sends a reply, and stops', async () => {
    const got: InboundMessage[] = [];
    await adapter.start({ message: async (m) => void got.push(m) });
    await waitFor(() => adapter.state() === 'ready', { what: 'polling started' });
    const r = resident(emulator);
    await r.client.sendMessage(r.client.makeMessage('Benarkah ada pemutihan pajak motor sampai akhir bulan ini?'));
    const msg = await waitFor(() => got[0], { what: 'message polled' });
    expect(msg).toMatchObject({ platform: 'telegram', chat: { id: String(r.chatId), kind: 'private' }, text: 'Benarkah ada pemutihan pajak motor sampai akhir bulan ini?' });
    const sent = await adapter.send({ chatId: String(r.chatId), text: 'Terima kasih, laporan Anda sudah kami terima.' });
    expect(sent.messageId).toMatch(/^\d+$/);
    expect(emulator.botMessagesTo(r.chatId)[0]!.text).toContain('Terima kasih');
    await adapter.stop();
    expect(adapter.state()).toBe('stopped');
  });

  it('never skips an update whose handling failed, and starts the backoff over after a success', async () => {
    const delays: number[] = [];
    const poller = new TelegramAdapter({
      token: TEST_BOT_TOKEN,
      apiRoot: emulator.apiRoot,
      logger: pino({ level: 'silent' }),
      // The backoff is read, not waited for: the test never depends on wall-clock gaps.
      polling: { timeoutSec: 0, wait: async (ms) => void delays.push(ms) },
    });
    const got: string[] = [];
    const failuresLeft = new Map([
      ['satu', 2],
      ['tiga', 1],
    ]);
    await poller.start({
      message: async (m) => {
        const left = failuresLeft.get(m.text) ?? 0;
        if (left > 0) {
          failuresLeft.set(m.text, left - 1);
          throw new Error('storage unavailable');
        }
        got.push(m.text);
      },
    });
    try {
      await waitFor(() => poller.state() === 'ready', { what: 'polling started' });
      const r = resident(emulator);
      await r.client.sendMessage(r.client.makeMessage('satu'));
      await r.client.sendMessage(r.client.makeMessage('dua'));
      await waitFor(() => got.length >= 2, { what: 'both updates handled' });
      expect(got).toEqual(['satu', 'dua']);
      expect(delays).toEqual([1_000, 2_000]);
      await r.client.sendMessage(r.client.makeMessage('tiga'));
      await waitFor(() => got.length >= 3, { what: 'third update handled' });
      expect(got).toEqual(['satu', 'dua', 'tiga']);
      // After the successes in between, the next error waits the first step again, not the third.
      expect(delays).toEqual([1_000, 2_000, 1_000]);
    } finally {
      await poller.stop();
    }
  });

  it('waits as long as a 429 on getUpdates asks, and backs off on a 502', async () => {
    // Its own emulator: a getUpdates still in flight from an earlier poller cannot take the planned answers.
    const own = await startEmulator();
    const delays: number[] = [];
    const poller = new TelegramAdapter({
      token: TEST_BOT_TOKEN,
      apiRoot: own.apiRoot,
      logger: pino({ level: 'silent' }),
      polling: { timeoutSec: 0, wait: async (ms) => void delays.push(ms) },
    });
    own.failNext('getUpdates', BOT_API_ERRORS.tooMany(7));
    own.failNext('getUpdates', BOT_API_ERRORS.badGateway);
    await poller.start({ message: async () => undefined });
    try {
      await waitFor(() => poller.state() === 'ready', { what: 'polling started' });
      expect(delays).toEqual([7_000, 2_000]);
    } finally {
      await poller.stop();
      await own.stop();
    }
  });
});
