import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { TelegramAdapter } from '../../bots/telegram/telegram-adapter.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { resident, startEmulator, type Emulator } from '../helpers/telegram.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * A card answering a message must say which message it answers, on its first send (a multipart upload) as on
 * every later one (a file_id resend). telegraf 4.16.3 dropped `reply_parameters` from uploads silently, and the
 * emulator then did too, so the first answer of every card version reached the resident as an unattached picture.
 */
describe('Telegram adapter: a picture sent as a reply stays a reply', () => {
  let emulator: Emulator;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    emulator = await startEmulator();
    adapter = new TelegramAdapter({ token: TEST_BOT_TOKEN, apiRoot: emulator.apiRoot, logger: pino({ level: 'silent' }) });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await emulator?.stop();
  });

  it('keeps reply_parameters on the upload and on the resend by file_id', async () => {
    const siti = resident(emulator, 'Siti');
    const file = { data: PNG, mime: 'image/png', filename: 'klarifikasi-3.png', kind: 'photo' as const, cacheKey: 'card-3-v1' };
    await adapter.send({ chatId: String(siti.chatId), text: '[HOAKS] Jawaban pertama', file, replyToMessageId: '41' });
    await adapter.send({ chatId: String(siti.chatId), text: '[HOAKS] Jawaban kedua', file, replyToMessageId: '42' });
    const [first, second] = emulator.botMessagesTo(siti.chatId) as Array<{ photo?: unknown; reply_parameters?: { message_id: number } }>;
    expect(first?.photo).toBeTruthy();
    expect(first?.reply_parameters?.message_id).toBe(41);
    expect(second?.photo).toBeTruthy();
    expect(second?.reply_parameters?.message_id).toBe(42);
    // The second went by file_id (no second upload), which is the JSON path.
    expect(emulator.files.requests.filter((r) => r.startsWith('resend'))).toHaveLength(1);
  });
});
