import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { waitFor, sleep } from '../helpers/wait.js';

/** Telegram redelivers an update it did not see acknowledged; the second copy must change nothing. */
describe('the same Telegram update delivered twice', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('creates one report and one ticket reply', async () => {
    const update = {
      update_id: 900001,
      message: {
        message_id: 4242,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 5550001, type: 'private', first_name: 'Budi' },
        from: { id: 5550001, is_bot: false, first_name: 'Budi' },
        text: 'Katanya air PDAM tercemar bakteri, jangan diminum sampai minggu depan',
      },
    };
    const url = `${h.saring.url}/telegram/webhook`;
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET! }, body: JSON.stringify(update) });
    const [a, b] = await Promise.all([post(), post()]);
    const c = await post();
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);

    const sql = h.saring.database.sql;
    await waitFor(async () => (await sql`select count(*)::int as n from outbound_messages where state = 'sent'`)[0]!.n >= 1, { what: 'reply sent' });
    await sleep(500);
    const [{ reports }] = (await sql`select count(*)::int as reports from reports`) as unknown as [{ reports: number }];
    expect(reports).toBe(1);
    expect(h.emulator.botMessagesTo(5550001)).toHaveLength(1);
    const [{ count }] = (await sql`select report_count as count from claims`) as unknown as [{ count: number }];
    expect(count).toBe(1);
  });

  it('refuses a malformed body without crashing and stays healthy', async () => {
    const res = await fetch(`${h.saring.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET! }, body: '{"update_id": 1, "message": {"text": 5}}' });
    expect(res.status).toBe(200);
    const health = await (await fetch(`${h.saring.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: true, redis: true, adapters: { telegram: 'ready', whatsapp: 'disabled' } });
  });
});
