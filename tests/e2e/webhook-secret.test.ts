import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Red team: knowing only a moderator's Telegram id, a forged webhook call (a plain HTTP POST to the
 * webhook path) re-pointed the moderators' chat (/moderasi), tapped verdict buttons and erased another
 * resident's report (/hapus). The service runs in production mode in webhook mode WITHOUT
 * TELEGRAM_WEBHOOK_SECRET: it must generate one, register it with setWebhook, and refuse every call
 * that does not carry exactly it.
 */
describe('webhook mode in production without a configured secret', () => {
  let h: Harness;
  let url: string;
  let secret: string;
  const staffUser = 8_800_001;
  const residentUser = 8_800_002;
  const modGroup = -8_800_100;
  const otherGroup = -8_800_200;
  let nextUpdate = 77_000_000;

  beforeAll(async () => {
    h = await startHarness({
      NODE_ENV: 'production',
      TELEGRAM_WEBHOOK_SECRET: undefined,
      // Telegram delivers to the public https URL; this test posts to the same path on loopback.
      TELEGRAM_WEBHOOK_URL: 'https://saring.example.go.id/telegram/webhook',
      PUBLIC_URL: 'https://saring.example.go.id',
      HOME_REGION: '15.02',
    });
    url = `${h.saring.url}/telegram/webhook`;
    await seedRegions(h);
    const webhooks = (h.emulator.server as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks;
    secret = webhooks[TEST_BOT_TOKEN]?.secret_token ?? '';
  });
  afterAll(async () => h?.stop());

  const message = (chat: { id: number; type: 'private' | 'group' }, from: number, text: string) => ({
    update_id: nextUpdate++,
    message: {
      message_id: nextUpdate,
      date: Math.floor(Date.now() / 1000),
      chat: chat.type === 'group' ? { ...chat, title: 'Grup' } : { ...chat, first_name: 'W' },
      from: { id: from, is_bot: false, first_name: 'W' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  });
  const post = (body: unknown, header?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header === undefined ? {} : { 'x-telegram-bot-api-secret-token': header }) },
      body: JSON.stringify(body),
    });

  async function snapshot() {
    const sql = h.saring.database.sql;
    return {
      moderatorChats: await sql`select id, chat_id, region_code from moderator_chats order by id`,
      reports: await sql`select id, status::text, raw_text from reports order by id`,
      drafts: await sql`select id, state from verdict_drafts order by id`,
      verdicts: await sql`select id from verdicts order by id`,
      tokens: await sql`select token, used_at from callback_tokens order by token`,
      chats: await sql`select count(*)::int as n from chats`,
      outbound: await sql`select count(*)::int as n from outbound_messages`,
    };
  }

  it('generates a secret in Telegram format, keeps it in the data folder and registers it with setWebhook', () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(readFileSync(join(h.env.DATA_DIR!, 'telegram-webhook-secret'), 'utf8').trim()).toBe(secret);
  });

  it('refuses forged /moderasi, verdict taps and /hapus with 401, and nothing changes', async () => {
    const s = h.saring.services;
    await s.staff.add({ name: 'Pengurus KIM', role: 'moderator', regionCode: '15.02.13', telegramUserId: String(staffUser) });
    // The real moderators' chat, set by a correctly signed call.
    expect((await post(message({ id: modGroup, type: 'group' }, staffUser, '/moderasi'), secret)).status).toBe(200);
    // A resident's report, signed too.
    expect((await post(message({ id: residentUser, type: 'private' }, residentUser, 'Benarkah bantuan tunai desa dibagikan lewat tautan pendaftaran ini besok pagi?'), secret)).status).toBe(200);
    const report = await waitFor(async () => (await h.saring.database.sql`select id, claim_id from reports where claim_id is not null`)[0], { what: 'report analysed' });
    const claimId = Number(report.claim_id);
    const [chatRow] = await h.saring.database.sql`select chat_id from moderator_chats`;
    const verdictToken = await s.repos.moderation.issueToken({ kind: 'verdict', claimId, verdict: 'benar' }, Number(chatRow!.chat_id));
    const before = await snapshot();

    const forgeries = [
      message({ id: otherGroup, type: 'group' }, staffUser, '/moderasi'),
      { update_id: nextUpdate++, callback_query: { id: '991', from: { id: staffUser, is_bot: false, first_name: 'P' }, message: { message_id: 1, date: 0, chat: { id: modGroup, type: 'group', title: 'M' } }, chat_instance: '1', data: verdictToken } },
      message({ id: 9_999_001, type: 'private' }, 9_999_001, `/hapus T-${report.id}`),
      message({ id: residentUser, type: 'private' }, residentUser, `/hapus T-${report.id}`),
    ];
    const headers = [undefined, '', 'wrong-secret', secret.slice(0, -1), `${secret}x`, secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase()];
    for (const body of forgeries) {
      for (const header of headers) {
        const res = await post(body, header);
        expect(res.status, `forged update with header ${JSON.stringify(header)}`).toBe(401);
        expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(h.emulator.botMessagesTo(otherGroup)).toHaveLength(0);

    // The same /moderasi with the secret would have moved the chat: the refusal above is what stopped it.
    expect((await post(forgeries[0], secret)).status).toBe(200);
    const [moved] = await h.saring.database.sql`select chat_id from moderator_chats`;
    expect(moved!.chat_id).not.toBe(chatRow!.chat_id);
  });
});
