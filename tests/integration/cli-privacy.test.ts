import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { chatKeyOf, pseudonymize } from '../../src/domain/privacy.js';
import type { InboundMessage } from '../../src/domain/inbound.js';
import { startSaring } from '../../src/entry/service.js';
import { createRedis } from '../../src/queues/redis.js';
import { testEnv } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { REDIS_URL } from '../helpers/services.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SECRET = 'test-pseudonym-secret-0123456789';
const NEW_SECRET = 'a-brand-new-pseudonym-secret-2026';

/** Residents' Telegram ids: each sends one report (ticket order: old decided, recent decided, old undecided). */
const OLD = '7301';
const RECENT = '7302';
const UNDECIDED = '7303';

/** `saring purge` and `saring rotate-pseudonyms` as an operator runs them, on data the service itself stored. */
// Each case starts the CLI as its own node process (tsx compiles on start): generous on a loaded 2-core machine.
describe('saring purge and saring rotate-pseudonyms', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let sql: postgres.Sql;
  /** One environment for the service that stores the data and for the CLI run on it: same keys, same data dir. */
  let env: Record<string, string | undefined>;
  const tickets = new Map<string, number>();

  function saring(args: string[], extra: Record<string, string> = {}) {
    return run(process.execPath, ['bin/saring.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env, ...extra } });
  }

  const textOf = async (ticket: number) => (await sql<{ raw_text: string | null }[]>`select raw_text from reports where id = ${ticket}`)[0]!.raw_text;
  const claimOf = async (ticket: number) =>
    (await sql<{ report_count: number; status: string }[]>`select c.report_count, c.status from claims c join reports r on r.claim_id = c.id where r.id = ${ticket}`)[0]!;
  const residentOf = async (ticket: number) =>
    (await sql<{ id: number; pseudonym: string }[]>`select p.id, p.pseudonym from residents p join reports r on r.resident_id = p.id where r.id = ${ticket}`)[0]!;
  /** Everything the two commands may change. */
  const snapshot = () => sql`
    select (select json_agg(json_build_object('id', id, 'raw', raw_text, 'basic', basic_text) order by id) from reports) reports,
           (select json_agg(json_build_object('id', id, 'text', text, 'n', report_count) order by id) from claims) claims,
           (select json_agg(body order by id) from outbound_messages) bodies,
           (select json_agg(pseudonym order by id) from residents) pseudonyms,
           (select json_agg(chat_key order by id) from chats) chat_keys,
           (select count(*)::int from audit_events) audit`;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = testEnv({ DATABASE_URL: db.url, PSEUDONYM_SECRET: SECRET, LOG_LEVEL: 'warn' });
    sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    // The service's own intake and analysis store the reports (residents, chats, claims, ticket replies);
    // no workers or bots run behind the test's back, and the service is stopped before the CLI runs.
    const config = loadConfig(env);
    const service = await startSaring(config, pino({ level: 'silent' }), { api: false, workers: false, bots: false });
    try {
      const texts: Record<string, string> = {
        [OLD]: 'Besok ada pembagian sembako gratis di kantor camat, bawa fotokopi KK dan KTP semua anggota keluarga',
        [RECENT]: 'Minum air rebusan daun sirsak tiga kali sehari bisa menyembuhkan kanker dalam tujuh hari kata dokter',
        [UNDECIDED]: 'Gempa susulan tujuh SR akan terjadi di Palu malam ini menurut BMKG, warga diminta mengungsi',
      };
      for (const [userId, text] of Object.entries(texts)) {
        const msg: InboundMessage = {
          platform: 'telegram',
          messageId: `m${userId}`,
          chat: { id: userId, kind: 'private' },
          sender: { id: userId, isBot: false },
          text,
          forwarded: true,
          receivedAt: new Date(),
        };
        await service.services.intake.handleMessage(msg);
        const [row] = await sql<{ id: number }[]>`select id from reports where platform_message_id = ${msg.messageId}`;
        await service.services.prepare.prepare(row!.id);
        tickets.set(userId, row!.id);
      }
      await service.services.analyze.analyzeMany([...tickets.values()]);
    } finally {
      await service.stop();
    }
    const [old, recent, undecided] = [tickets.get(OLD)!, tickets.get(RECENT)!, tickets.get(UNDECIDED)!];
    // Decided: a moderator's verdict (verified); the undecided claim is still in review.
    await sql`update claims set status = 'verified' where id in (select claim_id from reports where id in (${old}, ${recent}))`;
    await sql`update claims set status = 'in_review' where id = (select claim_id from reports where id = ${undecided})`;
    await sql`update reports set received_at = now() - interval '200 days' where id in (${old}, ${undecided})`;
    // The old reports' ticket replies went out long ago; the recent one's is still queued.
    await sql`update outbound_messages set state = 'sent', created_at = now() - interval '200 days' where report_id in (${old}, ${undecided})`;

    // What the cases below start from: three analysed reports, each with its own claim and ticket reply.
    expect(tickets.size).toBe(3);
    const claims = await sql`select distinct claim_id from reports where claim_id is not null`;
    expect(claims).toHaveLength(3);
    for (const ticket of tickets.values()) {
      expect(await textOf(ticket)).toBeTruthy();
      expect((await claimOf(ticket)).report_count).toBe(1);
    }
    for (const userId of [OLD, UNDECIDED]) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int n from outbound_messages where report_id = ${tickets.get(userId)!} and state = 'sent' and body <> ''`;
      expect(row!.n).toBeGreaterThanOrEqual(1);
    }
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    if (env?.DATA_DIR) await rm(env.DATA_DIR, { recursive: true, force: true });
    if (!env?.QUEUE_PREFIX) return;
    const redis = createRedis(REDIS_URL);
    try {
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  });

  it('purge without --older-than, or with one it cannot read, prints the usage, exits 64 and changes nothing', async () => {
    const before = await snapshot();
    // An age reaching before year 1 is no date either (it used to end in a RangeError or a failed query).
    for (const args of [['purge'], ['purge', '--older-than', 'soon'], ['purge', '--older-than'], ['purge', '--older-than', '99999999999d'], ['purge', '--older-than', '1000000d']]) {
      await expect(saring(args)).rejects.toMatchObject({ code: 64, stdout: expect.stringContaining('usage: saring purge --older-than 180d') });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('purge --older-than 180d removes the texts of old decided reports only, keeps the counts, audits, and is idempotent', async () => {
    const [old, recent, undecided] = [tickets.get(OLD)!, tickets.get(RECENT)!, tickets.get(UNDECIDED)!];
    const recentText = await textOf(recent);
    const undecidedText = await textOf(undecided);
    const recentReplies = await sql`select id, body, state from outbound_messages where report_id = ${recent} order by id`;
    // The old decided report's reply quotes it: the erasure blanks it. Every other sent message that old loses
    // its body in the purge's second step, which is what its message count names.
    const [sent] = await sql<{ n: number }[]>`select count(*)::int n from outbound_messages where report_id = ${undecided} and state = 'sent'`;

    const first = await saring(['purge', '--older-than', '180d']);
    expect(first.stdout).toMatch(/^purged texts of 1 reports \(1 claim texts replaced\) and (\d+) sent messages older than \d{4}-\d\d-\d\dT/);
    const messages = Number(/and (\d+) sent messages/.exec(first.stdout)![1]);
    expect(messages).toBe(sent!.n);

    const [gone] = await sql`select raw_text, basic_text, normalized_text, status from reports where id = ${old}`;
    expect(gone).toMatchObject({ raw_text: null, basic_text: null, normalized_text: null, status: 'analyzed' });
    // Recent, or old but not yet decided: their texts stay.
    expect(await textOf(recent)).toBe(recentText);
    expect(await textOf(undecided)).toBe(undecidedText);
    // The claim keeps its count and verdict status; its text (which came from the report) no longer quotes it.
    const [claim] = await sql`select c.report_count, c.status, c.text from claims c join reports r on r.claim_id = c.id where r.id = ${old}`;
    expect(claim).toMatchObject({ report_count: 1, status: 'verified' });
    expect(claim!.text).not.toContain('sembako gratis');
    // Old sent replies keep their delivery facts but not their bodies; the recent reply is untouched.
    const bodies = await sql<{ body: string; state: string }[]>`select body, state from outbound_messages where report_id in (${old}, ${undecided})`;
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const b of bodies) expect(b).toEqual({ body: '', state: 'sent' });
    expect(await sql`select id, body, state from outbound_messages where report_id = ${recent} order by id`).toEqual(recentReplies);

    const audit = await sql<{ actor: string; data: Record<string, unknown> }[]>`select actor, data from audit_events where action = 'privacy.purge'`;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', data: { reports: 1, claims: 1, messages } });

    const after = await snapshot();
    // The same age written the other way people type flags.
    const again = await saring(['purge', '--older-than=180d']);
    expect(again.stdout).toMatch(/^purged texts of 0 reports \(0 claim texts replaced\) and 0 sent messages older than /);
    const { audit: auditAfter, ...rest } = (await snapshot())[0]!;
    const { audit: auditBefore, ...restBefore } = after[0]!;
    expect(rest).toEqual(restBefore);
    // The second run is audited too, as a run that purged nothing.
    expect(auditAfter).toBe(auditBefore + 1);
  });

  it('rotate-pseudonyms refuses without NEW_PSEUDONYM_SECRET and re-keys every resident with it', async () => {
    const before = await snapshot();
    await expect(saring(['rotate-pseudonyms'])).rejects.toMatchObject({
      code: 64,
      stdout: expect.stringContaining('set NEW_PSEUDONYM_SECRET to the new secret'),
    });
    expect(await snapshot()).toEqual(before);

    const ticket = tickets.get(OLD)!;
    const resident = await residentOf(ticket);
    expect(resident.pseudonym).toBe(pseudonymize(SECRET, 'telegram', OLD));

    const r = await saring(['rotate-pseudonyms'], { NEW_PSEUDONYM_SECRET: NEW_SECRET });
    expect(r.stdout).toContain('re-keyed 3 residents and 3 chats; 0 residents without a private chat keep their old pseudonym');
    expect(r.stdout).toContain('now restart Saring with PSEUDONYM_SECRET set to the new secret');

    // The same resident row (and so the same tickets), under the pseudonym the new secret gives.
    for (const [userId, t] of tickets) {
      const now = await residentOf(t);
      expect(now.pseudonym).toBe(pseudonymize(NEW_SECRET, 'telegram', userId));
    }
    const after = await residentOf(ticket);
    expect(after.id).toBe(resident.id);
    expect(after.pseudonym).not.toBe(resident.pseudonym);
    const [chat] = await sql<{ chat_key: string }[]>`select c.chat_key from chats c join reports r on r.chat_id = c.id where r.id = ${ticket}`;
    expect(chat!.chat_key).toBe(chatKeyOf(NEW_SECRET, 'telegram', OLD));
    const [audit] = await sql`select actor, data from audit_events where action = 'privacy.rotate'`;
    expect(audit).toMatchObject({ actor: 'cli', data: { residents: 3, chats: 3 } });
  });
});
