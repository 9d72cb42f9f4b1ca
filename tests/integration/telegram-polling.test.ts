import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';
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
});
