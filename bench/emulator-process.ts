import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';
import type { EmulatorChildMessage } from './emulator-child.js';

type ClientOptions = NonNullable<ConstructorParameters<typeof TelegramClient>[2]>;

export interface EmulatorProcess {
  apiRoot: string;
  pid: number;
  /** The bot's messages stored by the emulator so far (their time is the emulator's), in order. */
  botMessages: NonNullable<EmulatorChildMessage['messages']>;
  /** A resident's client: it talks to the emulator over HTTP, as from outside. */
  client(botToken: string, options: Partial<ClientOptions>): TelegramClient;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./emulator-child.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

/** The emulator in its own process: the service's load does not delay Telegram's side of the bench. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child = fork(CHILD, [], { execArgv: ['--import', TSX_LOADER], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const botMessages: EmulatorProcess['botMessages'] = [];
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator process ended at start (exit ${code})`)));
    child.on('message', (m: EmulatorChildMessage) => {
      if (m.kind === 'ready' && m.apiRoot) resolve(m.apiRoot);
      if (m.kind === 'bot-messages' && m.messages) botMessages.push(...m.messages);
    });
  });
  return {
    apiRoot,
    pid: child.pid ?? -1,
    botMessages,
    client: (botToken, options) => new TelegramClient(apiRoot, botToken, options),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
