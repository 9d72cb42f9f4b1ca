/**
 * The Bot API emulator in a process of its own, for bench:pipeline (see emulator-process.ts): Telegram's
 * servers do not share the service's event loop. It still shares the machine's two cores, and its one event
 * loop takes the whole burst of residents' messages too, which Telegram's servers would not notice.
 */
import { startEmulator } from '../tests/helpers/telegram.js';

export interface EmulatorChildMessage {
  kind: 'ready' | 'bot-messages';
  apiRoot?: string;
  /** The bot's messages the emulator stored since the last report: chat, stored time, words. */
  messages?: Array<{ botToken: string; chatId: number; time: number; text: string }>;
}

const send = (m: EmulatorChildMessage) => process.send?.(m);

// A resident's message still being delivered to a webhook that stopped at the run's end fails here; that is
// the run's end, not a crash of the emulator.
process.on('uncaughtException', (err) => {
  if (!String(err.stack).includes('addUserUpdate')) throw err;
});

const emulator = await startEmulator();
let cursor = 0;
const timer = setInterval(() => {
  const stored = emulator.server.storage.botMessages;
  if (cursor >= stored.length) return;
  const messages = stored.slice(cursor).map((u) => {
    const m = u.message as { chat_id: number | string; text?: string; caption?: string };
    return { botToken: u.botToken, chatId: Number(m.chat_id), time: u.time, text: String(m.text ?? m.caption ?? '') };
  });
  cursor = stored.length;
  send({ kind: 'bot-messages', messages });
}, 20);
send({ kind: 'ready', apiRoot: emulator.apiRoot });
// The bench ends the run by disconnecting (or dies): stop with it.
process.on('disconnect', () => {
  clearInterval(timer);
  void emulator.stop().finally(() => process.exit(0));
});
