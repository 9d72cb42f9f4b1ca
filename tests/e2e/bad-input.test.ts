import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_CHARS } from '../../src/domain/conversation.js';
import type { Platform } from '../../src/domain/inbound.js';
import { startWhatsAppHarness, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { resident } from '../helpers/telegram.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { telegramCorpus, whatsappCorpus, type Expect, type TgIds } from '../fixtures/bad-input/corpus.js';

const TICKET = /Nomor tiket: T-(\d+)/;
// eslint-disable-next-line no-control-regex -- the very characters that must never be stored
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** How long an entry that should cause nothing gets to cause something anyway. */
const SETTLE_MS = 600;

interface Counts {
  reports: number;
  outbound: number;
}

/**
 * Every entry of the bad-input corpus through the whole service: Telegram entries as raw webhook
 * bodies (the emulator receives the bot's answers), WhatsApp entries through the adapter over the
 * whatsapp-web.js stand-in. Each ends in a clear answer in Bahasa Indonesia or a clean ignore,
 * never in a half-stored row, a failed ledger row, a 5xx or a dead process.
 */
describe('bad input, end to end', () => {
  let h: WhatsAppHarness;
  let webhook: string;
  let nextId = 9_100_000 + Math.floor(Math.random() * 100_000) * 10;

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    webhook = `${h.saring.url}/telegram/webhook`;
  });
  afterAll(async () => h?.stop());

  const sql = () => h.saring.database.sql;

  async function counts(): Promise<Counts> {
    const [row] = await sql()<Array<Counts>>`select (select count(*)::int from reports) as reports, (select count(*)::int from outbound_messages) as outbound`;
    return row!;
  }

  async function chatRowId(platform: Platform, chatId: string): Promise<number | undefined> {
    const key = h.saring.services.identity.chatKey(platform, chatId);
    const [row] = await sql()<Array<{ id: number }>>`select id from chats where platform = ${platform} and chat_key = ${key}`;
    return row?.id;
  }

  async function ledgerOf(chat: number | undefined) {
    if (chat === undefined) return [];
    return sql()<Array<{ purpose: string; state: string; body: string; report_id: number | null; last_error: string | null }>>`
      select purpose, state::text as state, body, report_id, last_error from outbound_messages where chat_id = ${chat} order by id`;
  }

  async function reportsOf(chat: number | undefined) {
    if (chat === undefined) return [];
    return sql()<Array<{ id: number; status: string; raw_text: string }>>`select id, status::text as status, raw_text from reports where chat_id = ${chat} order by id`;
  }

  function assertSafeText(stored: string): void {
    expect(stored).not.toMatch(CONTROL);
    // No lone surrogate survived (it would have been stored as U+FFFD or broken the encoding).
    expect(LONE_SURROGATE.test(stored)).toBe(false);
    expect(stored).not.toContain('\uFFFD');
    expect(stored.length).toBeLessThanOrEqual(MAX_REPORT_CHARS);
  }

  /** Waits for the outcome an entry expects and checks nothing is half-stored in its chat. */
  async function settle(expected: Expect, platform: Platform, chatId: string, answers: () => string[], before: Counts): Promise<void> {
    if (expected.kind === 'ignore') {
      await sleep(SETTLE_MS);
      expect(answers()).toEqual([]);
      expect(await counts()).toEqual(before);
      return;
    }
    const first = await waitFor(() => answers()[0], { what: `an answer (${expected.kind})` });
    const chat = await chatRowId(platform, chatId);
    expect(chat).toBeDefined();
    if (expected.kind === 'reply') {
      expect(first).toMatch(expected.text);
      expect(await reportsOf(chat)).toEqual([]);
    } else {
      const ticket = Number(TICKET.exec(first)?.[1]);
      expect(ticket, `ticket in: ${first.slice(0, 200)}`).toBeGreaterThan(0);
      const report = await waitFor(async () => (await reportsOf(chat)).find((r) => r.id === ticket && r.status === 'analyzed'), {
        what: 'the report analyzed',
      });
      assertSafeText(report.raw_text);
      if (expected.rawText) expect(expected.rawText(report.raw_text), JSON.stringify(report.raw_text.slice(0, 120))).toBe(true);
    }
    // The ledger row is marked sent just after the platform accepted the message.
    const ledger = await waitFor(async () => {
      const rows = await ledgerOf(chat);
      return rows.length > 0 && rows.every((r) => r.state !== 'queued') ? rows : null;
    }, { what: 'ledger settled' });
    expect(ledger.map((r) => [r.state, r.last_error])).toEqual(ledger.map(() => ['sent', null]));
    expect(ledger.every((r) => !r.body.includes('\u0000'))).toBe(true);
    // Exactly one answer, whatever the queues do afterwards.
    await sleep(300);
    expect(answers()).toHaveLength(1);
  }

  describe('Telegram webhook', () => {
    it.each(telegramCorpus)('$name', async (entry) => {
      const n = (nextId += 10);
      const ids: TgIds = { updateId: n, userId: n, chatId: n, messageId: 1, date: Math.floor(Date.now() / 1000) };
      const before = await counts();
      const body = entry.body(ids);
      const raw =
        body && typeof body === 'object' && 'raw' in body && 'contentType' in body
          ? (body as { raw: string; contentType: string })
          : { raw: JSON.stringify(body), contentType: 'application/json' };
      const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': raw.contentType, 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET! }, body: raw.raw });
      expect(entry.status ?? [200], `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`).toContain(res.status);
      const chatId = entry.answerChat?.(ids) ?? ids.chatId;
      await settle(entry.expect, 'telegram', String(chatId), () => h.emulator.botMessagesTo(chatId).map((m) => m.text), before);
    });
  });

  describe('WhatsApp adapter over the stand-in client', () => {
    it.each(whatsappCorpus)('$name', async (entry) => {
      const from = waUser();
      const before = await counts();
      h.wa.deliverRaw(entry.message(from));
      await settle(entry.expect, 'whatsapp', from, () => h.wa.texts(from), before);
    });
  });

  describe('HTTP edges of the webhook route', () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(webhook, { method: 'POST', headers: { 'content-type': contentType, 'x-telegram-bot-api-secret-token': h.env.TELEGRAM_WEBHOOK_SECRET! }, body });

    it('refuses a 2 MB body with 413, an unknown content type with 415, a prototype-polluting body with 400', async () => {
      const huge = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(2 * 1024 * 1024) } });
      expect((await post(huge)).status).toBe(413);
      const xml = await post('<update><id>1</id></update>', 'application/xml');
      expect(xml.status).toBe(415);
      const proto = await post('{"update_id": 5, "__proto__": {"polluted": true}, "message": {"text": "x"}}');
      expect(proto.status).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('answers a deeply nested body without crashing', async () => {
      const depth = 100_000;
      const res = await post(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      expect(res.status).toBeLessThan(500);
      const obj = await post(`{"update_id": 7, "message": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`);
      expect(obj.status).toBeLessThan(500);
    });

    it('takes a 900 KB update (under the route limit) as one truncated report', async () => {
      const n = (nextId += 10);
      const update = {
        update_id: n,
        message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: n, type: 'private' }, from: { id: n, is_bot: false, first_name: 'W' }, text: 'Hoaks '.repeat(150_000) },
      };
      const res = await post(JSON.stringify(update));
      expect(res.status).toBe(200);
      await waitFor(() => h.emulator.botMessagesTo(n).find((m) => TICKET.test(m.text)), { what: 'ticket for the 900 KB update' });
    });
  });

  describe('after the whole table', () => {
    it('has no half-stored report, no failed ledger row, no unsafe stored text', async () => {
      // Everything sent has settled: no report still waiting for analysis, no reply still queued.
      await waitFor(async () => {
        const [row] = await sql()<Array<{ n: number }>>`
          select (select count(*)::int from reports where status = 'received')
               + (select count(*)::int from outbound_messages where state = 'queued') as n`;
        return row!.n === 0;
      }, { what: 'pipeline settled' });
      const orphans = await sql()`
        select r.id from reports r
        where not exists (select 1 from outbound_messages o where o.report_id = r.id and o.purpose like 'ticket%' and o.state = 'sent')`;
      expect(orphans).toEqual([]);
      const failed = await sql()`select purpose, last_error from outbound_messages where state = 'failed'`;
      expect(failed).toEqual([]);
      const [{ longest }] = (await sql()`select coalesce(max(char_length(raw_text)), 0)::int as longest from reports`) as unknown as [{ longest: number }];
      expect(longest).toBeLessThanOrEqual(MAX_REPORT_CHARS);
      const texts = await sql()<Array<{ raw_text: string }>>`select raw_text from reports`;
      for (const { raw_text } of texts) {
        expect(LONE_SURROGATE.test(raw_text)).toBe(false);
        expect(raw_text).not.toMatch(CONTROL);
      }
    });

    it('is still healthy and still answers a normal report with a ticket', async () => {
      const health = await (await fetch(`${h.saring.url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', db: true, redis: true, adapters: { telegram: 'ready', whatsapp: 'ready' } });
      const r = resident(h.emulator, 'Sari');
      await r.client.sendMessage(r.client.makeMessage('Benarkah minyak goreng subsidi dibagikan gratis di kantor kecamatan besok pagi?'));
      const reply = await waitFor(() => h.emulator.botMessagesTo(r.chatId)[0]?.text, { what: 'normal ticket' });
      expect(reply).toMatch(TICKET);
      const from = waUser();
      h.wa.deliver({ from, body: 'Katanya ada pembagian beras gratis di balai desa, harus bawa fotokopi KTP, benar?' });
      expect(await h.wa.waitText(from, (t) => TICKET.test(t), 'normal WhatsApp ticket')).toMatch(TICKET);
    });
  });
});
