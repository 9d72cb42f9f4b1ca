import { en } from './en.js';
import { id, type Messages } from './id.js';

export type { Messages } from './id.js';

/** The languages people can choose (`/bahasa id|en`); `id` is everyone's default. */
export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const CATALOGUES: Record<Lang, Messages> = { id, en };

/** The bot's words for one person. Anything unknown (an old row, a typo) falls back to Bahasa Indonesia. */
export function messagesFor(lang: string | null | undefined): Messages {
  return isLang(lang) ? CATALOGUES[lang] : id;
}
