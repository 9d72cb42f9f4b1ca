/**
 * npm run bench:broadcast — one official clarification broadcast to 2,000 Telegram KIM groups, end to
 * end: the whole service in-process (API, workers, Telegram adapter in webhook mode) against the Bot
 * API emulator on loopback, a fresh PostgreSQL database `saring_bench_<ts>` and its own Redis prefix.
 *
 * Prints the wall time against the rate-limit floor (groups / TELEGRAM_RATE_GLOBAL_PER_SEC) and what
 * the emulator saw: the most messages in any 1-s window, the most to one group in any 60 s,
 * duplicates and missing deliveries. Bounded: gives up after BENCH_TIMEOUT_S (default 300 s); always
 * stops the service, drops its database and deletes its Redis keys.
 *
 * Env: BENCH_GROUPS (2000), TELEGRAM_RATE_GLOBAL_PER_SEC (30), BENCH_TIMEOUT_S (300),
 * TEST_PG_ADMIN_URL / TEST_REDIS_URL (as the tests), LOG_LEVEL (warn).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/config.js';
import { openPostgres } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { startSaring, type RunningSaring } from '../src/entry/service.js';
import { PG_ADMIN_URL, REDIS_URL, databaseUrl } from '../tests/helpers/services.js';
import { TEST_BOT_TOKEN } from '../tests/helpers/config.js';
import { startEmulator, type Emulator } from '../tests/helpers/telegram.js';
import { freePort } from '../tests/helpers/wait.js';
import { maxInWindow } from '../tests/helpers/groups.js';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 2000);
const RATE = Number(process.env.TELEGRAM_RATE_GLOBAL_PER_SEC ?? 30);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
const FIRST_GROUP_ID = -5_000_000_000;

const stamp = Math.floor(Date.now() / 1000);
const dbName = `saring_bench_${stamp}_${randomBytes(3).toString('hex')}`;
const queuePrefix = `saring-bench-${stamp}`;
const dataDir = mkdtempSync(join(tmpdir(), 'saring-bench-'));
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => (ms / 1000).toFixed(2);
const admin = () => postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });

let emulator: Emulator | undefined;
let saring: RunningSaring | undefined;
let dbCreated = false;

async function cleanUp(): Promise<void> {
  await saring?.stop().catch((err: unknown) => console.error(`stop failed: ${String(err)}`));
  await emulator?.stop().catch(() => undefined);
  if (dbCreated) {
    const a = admin();
    await a.unsafe(`drop database if exists ${dbName} with (force)`).catch((err: unknown) => console.error(`drop database failed: ${String(err)}`));
    await a.end();
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (err) {
    console.error(`redis cleanup failed: ${String(err)}`);
  } finally {
    redis.disconnect();
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function run(deadline: number): Promise<{ done: boolean }> {
  const t0 = performance.now();
  emulator = await startEmulator();
  const a = admin();
  try {
    await a.unsafe(`create database ${dbName}`);
    dbCreated = true;
  } finally {
    await a.end();
  }
  const url = databaseUrl(dbName);
  const migrating = openPostgres(url, logger, { max: 1 });
  await runMigrations(migrating.db);
  await migrating.close();

  const port = await freePort();
  const config = loadConfig({
    // Not 'production': that demands an https webhook, PUBLIC_URL and HOME_REGION, none of which a loopback bench has.
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    DATA_DIR: dataDir,
    PSEUDONYM_SECRET: randomBytes(24).toString('hex'),
    CONTACT_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    PORT: String(port),
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_RATE_GLOBAL_PER_SEC: String(RATE),
    // In-process, as the figures in the README were taken: this bench measures the sending side's pacing.
    WORKER_PROCESSES: '0',
  });
  saring = await startSaring(config, logger);
  const s = saring.services;
  console.log(`# Broadcast bench: ${GROUPS} Telegram groups, TELEGRAM_RATE_GLOBAL_PER_SEC=${RATE}, worker concurrency ${config.workerConcurrency}`);
  console.log(`setup (emulator, database, migrations, service): ${secs(performance.now() - t0)} s`);

  // 2,000 KIM groups across 20 kecamatan × 100 desa of one kabupaten, each its own Telegram group.
  const tReg = performance.now();
  const groups: Array<{ telegramId: string; chatId: number }> = [];
  for (let i = 0; i < GROUPS; i++) {
    const region = `15.02.${String(10 + (i % 20)).padStart(2, '0')}.${2001 + Math.floor(i / 20)}`;
    const telegramId = String(FIRST_GROUP_ID - i);
    const { chat } = await s.identity.resolve({ platform: 'telegram', chat: { id: telegramId, kind: 'group', title: `KIM ${region}` }, sender: { id: 'bench', isBot: false } });
    await s.repos.groups.register({ chatId: chat.id, platform: 'telegram', name: `KIM ${region}`, regionCode: region });
    groups.push({ telegramId, chatId: chat.id });
  }
  console.log(`registered ${groups.length} groups: ${secs(performance.now() - tReg)} s`);

  const text = 'Beredar pesan bahwa bendungan Merangin jebol dan seluruh warga Bangko harus mengungsi malam ini juga ke dataran tinggi';
  const [claim] = await saring.database.sql<{ id: number }[]>`
    insert into claims (text, basic_text, basic_hash, region_code, status)
    values (${text}, ${text.toLowerCase()}, ${`bench-${stamp}`}, '15.02', 'verified') returning id`;
  const { staff } = await s.staff.add({ name: 'Diskominfo Merangin (bench)', role: 'diskominfo', regionCode: '15.02' });
  const actor = { id: staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
  await s.verdicts.publish({
    claimId: claim!.id,
    verdict: 'hoaks',
    clarification: 'Bendungan Merangin aman dan diperiksa rutin; tidak ada perintah mengungsi.',
    sources: ['https://merangin.go.id/klarifikasi/bendungan'],
    actor,
  });

  const tStart = performance.now();
  const wallStart = Date.now();
  const broadcast = await s.broadcasts.start({ claimId: claim!.id, regions: ['15.02'], platforms: ['telegram'], actor });
  const staged = performance.now() - tStart;
  let status = await s.broadcasts.status(broadcast.id, actor);
  let lastPrint = 0;
  while (status.status !== 'done' && Date.now() < deadline) {
    await sleep(250);
    status = await s.broadcasts.status(broadcast.id, actor);
    if (performance.now() - lastPrint > 10_000) {
      lastPrint = performance.now();
      console.log(`  … ${secs(performance.now() - tStart)} s: sent ${status.sent}, failed ${status.failed}, pending ${status.pending}`);
    }
  }
  const total = performance.now() - tStart;
  await sleep(500);

  // What the emulator received, by chat: one pass over its store.
  const byChat = new Map<string, number[]>();
  const all: number[] = [];
  for (const u of emulator.server.storage.botMessages) {
    if (u.botToken !== TEST_BOT_TOKEN || u.time < wallStart) continue;
    const chat = String((u.message as { chat_id?: unknown }).chat_id);
    const list = byChat.get(chat) ?? [];
    list.push(u.time);
    byChat.set(chat, list);
    all.push(u.time);
  }
  let duplicates = 0;
  let missing = 0;
  let perGroupMax60 = 0;
  for (const g of groups) {
    const times = byChat.get(g.telegramId) ?? [];
    if (times.length === 0) missing++;
    if (times.length > 1) duplicates += times.length - 1;
    perGroupMax60 = Math.max(perGroupMax60, maxInWindow(times, 60_000));
  }
  const strangers = [...byChat.keys()].filter((k) => !groups.some((g) => g.telegramId === k)).length;
  const floor = GROUPS / RATE;

  console.log('');
  console.log(`groups                         ${GROUPS}`);
  console.log(`broadcast status               ${status.status} (total ${status.total}, sent ${status.sent}, failed ${status.failed}, pending ${status.pending})`);
  console.log(`staging (fan-out transaction)  ${secs(staged)} s`);
  console.log(`total (start → done)           ${secs(total)} s`);
  console.log(`rate-limit floor               ${floor.toFixed(2)} s (${GROUPS} / ${RATE} per s)`);
  console.log(`ratio total / floor            ${(total / 1000 / floor).toFixed(3)}`);
  console.log(`throughput                     ${(status.sent / (total / 1000)).toFixed(2)} msg/s`);
  console.log(`max messages in any 1-s window ${maxInWindow(all, 1000)} (limit ${RATE})`);
  console.log(`per-group max in any 60 s      ${perGroupMax60} (limit ${config.telegram.rate.groupPerMin})`);
  console.log(`duplicates                     ${duplicates}`);
  console.log(`missing deliveries             ${missing}`);
  console.log(`messages to unknown chats      ${strangers}`);
  return { done: status.status === 'done' };
}

const deadline = Date.now() + TIMEOUT_MS;
// A hard stop in case something hangs outside the polling loop (cleanup included).
const hard = setTimeout(() => {
  console.error(`bench: no result after ${TIMEOUT_MS / 1000 + 60} s, giving up`);
  void cleanUp().finally(() => process.exit(2));
}, TIMEOUT_MS + 60_000);
hard.unref();

let code = 0;
try {
  const { done } = await run(deadline);
  if (!done) {
    console.error(`bench: the broadcast was not done within ${TIMEOUT_MS / 1000} s`);
    code = 1;
  }
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
