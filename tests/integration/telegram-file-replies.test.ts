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
    // The two messages the answers reply to: real ones, in Siti's chat (the emulator, like Telegram, sends a reply
    // to a message the chat does not hold unattached, since the adapter allows sending without the reply).
    await siti.client.sendMessage(siti.client.makeMessage('Ini hoaks bukan? Bansos cair lewat tautan'));
    await siti.client.sendMessage(siti.client.makeMessage('Yang ini juga: KTP lama wajib ditukar'));
    const [asked, askedAgain] = emulator.userMessageIdsIn(siti.chatId);
    expect(asked).toBeDefined();
    expect(askedAgain).toBeDefined();
    const file = { data: PNG, mime: 'image/png', filename: 'klarifikasi-3.png', kind: 'photo' as const, cacheKey: 'card-3-v1' };
    await adapter.send({ chatId: String(siti.chatId), text: '[HOAKS] Jawaban pertama', file, replyToMessageId: String(asked) });
    await adapter.send({ chatId: String(siti.chatId), text: '[HOAKS] Jawaban kedua', file, replyToMessageId: String(askedAgain) });
    const [first, second] = emulator.botMessagesTo(siti.chatId) as Array<{ photo?: unknown; reply_parameters?: { message_id: number } }>;
    expect(first?.photo).toBeTruthy();
    expect(first?.reply_parameters?.message_id).toBe(asked);
    expect(second?.photo).toBeTruthy();
    expect(second?.reply_parameters?.message_id).toBe(askedAgain);
    // The second went by file_id (no second upload), which is the JSON path.
    expect(emulator.files.requests.filter((r) => r.startsWith('resend'))).toHaveLength(1);
  });

  it('answers as Telegram does when the message replied to is not in the chat', async () => {
    const budi = resident(emulator, 'Budi');
    // The adapter allows sending without the reply: the answer still reaches Budi, unattached.
    await adapter.send({ chatId: String(budi.chatId), text: 'Jawaban untuk pesan yang sudah dihapus', replyToMessageId: '999999' });
    const [sent] = emulator.botMessagesTo(budi.chatId) as Array<{ text: string; reply_parameters?: unknown }>;
    expect(sent?.text).toBe('Jawaban untuk pesan yang sudah dihapus');
    expect(sent?.reply_parameters).toBeUndefined();
    // Without that permission the Bot API refuses the send.
    const res = await fetch(`${emulator.apiRoot}/bot${TEST_BOT_TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: budi.chatId, text: 'x', reply_parameters: { message_id: 999999 } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, description: 'Bad Request: message to be replied not found' });
  });
});
