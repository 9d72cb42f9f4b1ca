import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/saring.js';
import { startHarnessWithKnownClaims } from '../helpers/known-claims.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';


/**
 * Red team: zero-width characters split words and Cyrillic homoglyphs were not folded, so a known hoax
 * written with either got a ticket instead of the instant clarification. Through the real pipeline.
 */
describe('a known hoax in disguise still gets the instant answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarnessWithKnownClaims();
  });
  afterAll(async () => h?.stop());

  const first = async (chatId: number) => waitFor(() => h.emulator.botMessagesTo(chatId)[0]?.text, { what: 'first reply', timeoutMs: 15_000 });
  const COPY = 'vaksin booster covid-19 ternyata mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga';

  it.each([
    ['zero-width characters inside the words', COPY.replace(/vaksin/g, 'vak\u200Bsin').replace(/mengandung/g, 'meng\u200Dandung').replace(/pemerintah/g, 'peme\u2060rintah').replace(/melacak/g, 'mel\uFEFFacak').replace(/keberadaan/g, 'kebe\u00ADradaan')],
    ['Cyrillic and Greek homoglyphs', COPY.replace(/a/g, 'а').replace(/e/g, 'е').replace(/o/g, 'ο').replace(/c/g, 'с').replace(/p/g, 'р')],
    ['both, in capitals', COPY.toUpperCase().replace(/A/g, 'А').replace(/E/g, 'Ε').replace(/K/g, 'К').replace(/SIN/g, 'S\u200BIN')],
  ])('%s', async (_what, text) => {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(`SEBARKAN!! ${text}`));
    const reply = await first(r.chatId);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain('Vaksin tidak mengandung chip');
  });
});
