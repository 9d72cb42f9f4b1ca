/**
 * npm run bench:pipeline [-- --n 1000 --procs 1,2 --steady-rate 25 --steady-seconds 20 --phases lifted,ceiling,steady]
 *   (or BENCH_N, BENCH_PROCS, BENCH_STEADY_RATE, BENCH_STEADY_SECONDS, BENCH_PHASES)
 *
 * For each count of worker processes (WORKER_PROCESSES; 0 = in-process): a burst with the ceiling lifted
 * (reports/s stored and analysed), a burst at Telegram's 30/s ceiling (msg/s delivered, share of the
 * ceiling used, idle seconds) and a steady rate (message → ticket p95); PostgreSQL statements per message
 * (each a round trip) in every run; raw BullMQ no-op jobs in the same run as the reference.
 *
 * The whole service in-process (startSaring, Telegram webhook mode) against the Bot API emulator on
 * loopback, in a process of its own as Telegram's servers are (bench/emulator-child.ts), so the service's
 * event loop does not also serve Telegram's side:
 * N residents, each in their own private chat, send one report; we time message-in (the
 * client's send started) → ticket reply out (the emulator's stored time of the bot's message to that
 * chat). Run twice: with Telegram's production ceiling (TELEGRAM_RATE_GLOBAL_PER_SEC=30, the
 * platform-bound figure) and with the ceiling lifted (Saring's own capacity). Then N raw no-op BullMQ
 * jobs on the same Redis as the ceiling to compare against. Own database and queue prefix per run,
 * both removed at the end; the bench stops itself within about five minutes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '../src/config/config.js';
import { startSaring, type RunningSaring } from '../src/entry/service.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createClaimImportService } from '../src/services/claim-import.service.js';
import { createNlp } from '../src/nlp/index.js';
import { createRedis } from '../src/queues/redis.js';
import { QUEUE_NAMES } from '../src/queues/queues.js';
import { makeVariant, rng, type Rng } from './nlp-variants.js';
import { repoRoot } from './nlp-corpus.js';
import { cpuPerReportLine, cpuSnapshot } from './cpu-by-process.js';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.js';
import {
  assertLoopback,
  BENCH_BOT_TOKEN,
  clearRedisPrefix,
  countingLogger,
  createBenchDatabase,
  freePort,
  intArg,
  rawArg,
  latencyLine,
  loadLine,
  percentile,
  machineLine,
  openBenchDb,
  REDIS_URL,
  sleep,
  uniquePrefix,
  watchdog,
  within,
  type BenchDatabase,
} from './bench-support.js';

const N = intArg('n', 'BENCH_N', 1000, 5000);
const IN_FLIGHT = intArg('in-flight', 'BENCH_IN_FLIGHT', 20, 200);
const STEADY_RATE = intArg('steady-rate', 'BENCH_STEADY_RATE', 25, 200);
const STEADY_SECONDS = intArg('steady-seconds', 'BENCH_STEADY_SECONDS', 20, 120);
const PROCS = listArg('procs', 'BENCH_PROCS', [1, 2]);
/** Which runs to make for each process count (lifted, ceiling, steady): one alone is quicker to profile. */
const PHASES = new Set((rawArg('phases', 'BENCH_PHASES') ?? 'lifted,ceiling,steady').split(',').map((p) => p.trim()));
const BENCH_LIMIT_MS = 900_000;
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// Realistic reports: a few templates of what circulates in Indonesian family and RT groups, with
// their slots varied so the texts are distinct; some exact repeats in another case/spacing (they
// must cluster into one claim), and some forwarded copies of verified claims (they get the
// clarification at once).
// ---------------------------------------------------------------------------------------------
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const KOTA = ['Merangin', 'Sampit', 'Bekasi', 'Sleman', 'Garut', 'Kupang', 'Palu', 'Ambon', 'Jember', 'Binjai', 'Kediri', 'Pontianak', 'Pekalongan', 'Tasikmalaya', 'Banyuwangi', 'Lhokseumawe'];
const PROVINSI = ['Jawa Barat', 'Jawa Tengah', 'Jawa Timur', 'Sumatera Utara', 'Kalimantan Tengah', 'NTT', 'Sulawesi Tengah', 'Maluku', 'Aceh', 'Banten'];
const PULAU = ['Jawa', 'Bali', 'Sumatera', 'Kalimantan', 'Sulawesi', 'Jawa-Bali'];
const WARNA = ['putih', 'hitam', 'silver', 'merah', 'abu-abu'];
const KENDARAAN = ['ambulans', 'minibus', 'mobil boks', 'avanza', 'van'];
const BAHAN = ['daun sirsak', 'jahe merah', 'bawang putih', 'kunyit', 'serai', 'daun kelor', 'pare'];
const PENYAKIT = ['kanker', 'diabetes', 'darah tinggi', 'asam urat', 'stroke', 'gagal ginjal'];
const BARANG = ['beras', 'minyak goreng', 'gas elpiji 3 kg', 'gula pasir', 'telur ayam', 'cabai rawit'];
const HARI = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

const TEMPLATES: Array<(r: Rng) => string> = [
  (r) => `Besok PLN padamkan listrik se-${pick(r, PULAU)} selama ${2 + Math.floor(r() * 6)} hari mulai pukul ${String(6 + Math.floor(r() * 15)).padStart(2, '0')}.00, segera isi air dan SEBARKAN ke keluarga!!`,
  (r) => `Info dari grup RT ${String(1 + Math.floor(r() * 30)).padStart(2, '0')}: ada penculikan anak pakai ${pick(r, KENDARAAN)} warna ${pick(r, WARNA)} di ${pick(r, KOTA)}, hati-hati kalau jemput anak sekolah`,
  (r) => `Bantuan sosial Rp ${(1 + Math.floor(r() * 9)) * 300}.000 cair hari ini untuk warga ${pick(r, PROVINSI)}, daftar lewat link bit.ly/bansos-${randomCode(r)} sebelum tanggal ${1 + Math.floor(r() * 28)}`,
  (r) => `Minum air rebusan ${pick(r, BAHAN)} ${2 + Math.floor(r() * 3)} kali sehari bisa menyembuhkan ${pick(r, PENYAKIT)} dalam ${3 + Math.floor(r() * 25)} hari, dokter di ${pick(r, KOTA)} sudah membuktikan`,
  (r) => `Gempa susulan ${(5 + r() * 3).toFixed(1)} SR akan terjadi di ${pick(r, KOTA)} malam ini jam ${19 + Math.floor(r() * 5)}.${pick(r, ['00', '15', '30', '45'])} menurut BMKG, warga diminta mengungsi sekarang juga`,
  (r) => `Pendaftaran CPNS ${2024 + Math.floor(r() * 3)} jalur khusus dibuka untuk lulusan SMA di ${pick(r, PROVINSI)}, cukup transfer biaya administrasi Rp ${(2 + Math.floor(r() * 8)) * 250}.000 ke rekening panitia`,
  (r) => `Harga ${pick(r, BARANG)} naik ${20 + Math.floor(r() * 60)} persen mulai ${pick(r, HARI)} depan karena stok habis di ${pick(r, KOTA)}, borong sekarang sebelum kehabisan`,
  (r) => `Apakah benar jembatan ${pick(r, ['gantung', 'layang', 'penyeberangan'])} di ${pick(r, KOTA)} ambruk kemarin sore dan ${1 + Math.floor(r() * 40)} orang hilang? Fotonya beredar di grup ${pick(r, ['keluarga', 'alumni', 'PKK', 'pengajian'])}`,
];

function randomCode(r: Rng): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += 'abcdefghjkmnpqrstuvwxyz23456789'[Math.floor(r() * 31)];
  return s;
}

interface Fixture {
  id: string;
  text: string;
}

function fixtureClaims(): { lines: string[]; verified: Fixture[] } {
  const lines = readFileSync(path.join(repoRoot, 'tests/fixtures/claims.jsonl'), 'utf8').split('\n');
  const verified: Fixture[] = [];
  for (const l of lines) {
    try {
      const c = JSON.parse(l) as Partial<Fixture> & { verdict?: string };
      if (c.id && c.text && c.text.split(/\s+/).length >= 8) verified.push({ id: c.id, text: c.text });
    } catch {
      // the fixture has deliberately broken lines (the importer rejects them)
    }
  }
  return { lines, verified };
}

type Kind = 'fresh' | 'repeat' | 'verified-copy';

function buildMessages(n: number, verified: Fixture[], seed: number): Array<{ text: string; kind: Kind }> {
  const r = rng(seed);
  const out: Array<{ text: string; kind: Kind }> = [];
  const fresh: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.1 && verified.length) {
      const base = pick(r, verified).text;
      out.push({ text: makeVariant(r, base, pick(r, ['boilerplate', 'boilerplate', 'slang'] as const)), kind: 'verified-copy' });
    } else if (x < 0.25 && fresh.length) {
      // The same message forwarded by someone else: other case and spacing, one claim.
      const base = pick(r, fresh);
      out.push({ text: r() < 0.5 ? base.toUpperCase() : `  ${base.replace(/ /g, '  ')}\n`, kind: 'repeat' });
    } else {
      let text = '';
      for (let tries = 0; tries < 50; tries++) {
        text = pick(r, TEMPLATES)(r);
        if (!seen.has(text)) break;
      }
      seen.add(text);
      fresh.push(text);
      out.push({ text, kind: 'fresh' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** `--procs 0,1,2`: non-negative integers. */
function listArg(flag: string, envName: string, fallback: number[]): number[] {
  const raw = rawArg(flag, envName);
  if (raw === undefined) return fallback;
  const xs = raw.split(',').map((x) => Number.parseInt(x.trim(), 10));
  if (xs.some((x) => !Number.isFinite(x) || x < 0 || x > 8)) throw new Error(`--${flag} / ${envName}: comma-separated counts 0–8, got ${raw}`);
  return xs;
}

interface RunSpec {
  label: string;
  /** TELEGRAM_RATE_GLOBAL_PER_SEC */
  rate: number;
  workerProcesses: number;
  /** burst: n messages as fast as IN_FLIGHT senders go; steady: `steadyRate` per second for `seconds`. */
  mode: 'burst' | 'steady';
  n: number;
  steadyRate?: number;
}

interface PipelineResult {
  label: string;
  rate: number;
  spec: RunSpec;
  /** PostgreSQL statements (round trips) of the service and its worker processes over the run. */
  statements: number;
  /** First send → last report analysed (analyzed_at), and how many were. */
  analysedSpanS: number;
  analysed: number;
  /** Ticket replies per whole second from the first reply to the last (the delivering period). */
  perSecond: number[];
  sent: number;
  replied: number;
  timedOut: boolean;
  throughput: number;
  /** First send → first reply: what the whole burst's rate pays before the platform's window can fill. */
  firstReplyMs: number;
  latencies: number[];
  acks: number[];
  toAnalyze: number[];
  analyzeToReply: number[];
  sendPhaseS: number;
  wallS: number;
  notes: string[];
}

const cleanups: Array<() => Promise<void>> = [];
async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop() as () => Promise<void>;
    await fn().catch((err: unknown) => console.log(`cleanup step failed: ${String(err)}`));
  }
}

let nextUserId = 9_100_000;

async function runPipeline(spec: RunSpec, budgetMs: number): Promise<PipelineResult> {
  const { label, rate } = spec;
  const N = spec.n;
  const notes: string[] = [];
  const { lines, verified } = fixtureClaims();
  const messages = buildMessages(N, verified, 2024);

  const database: BenchDatabase = await createBenchDatabase();
  cleanups.push(() => database.drop());
  // Verified claims the service knows from the start, imported the way `saring import-claims` does.
  {
    const seed = openBenchDb(database.url, 2);
    try {
      const summary = await createClaimImportService({ db: seed.db, repos: createRepositories(seed.db) }, createNlp()).importLines(lines);
      notes.push(`${summary.added} verified claims imported before the run (fixture; ${summary.rejected.length} bad lines rejected as designed)`);
    } finally {
      await seed.close();
    }
  }

  const emulator: EmulatorProcess = await startEmulatorProcess();
  cleanups.push(() => emulator.stop());
  const port = await freePort();
  const prefix = uniquePrefix();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'saring-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const redis = createRedis(REDIS_URL);
  cleanups.push(async () => {
    await clearRedisPrefix(redis, prefix);
    await redis.quit();
  });

  const config = loadConfig({
    // Not 'production': that demands an https webhook, PUBLIC_URL and HOME_REGION, none of which a loopback bench has.
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    HOST: '127.0.0.1',
    PORT: String(port),
    PSEUDONYM_SECRET: randomBytes(24).toString('hex'),
    CONTACT_KEY: randomBytes(32).toString('base64'),
    TELEGRAM_BOT_TOKEN: BENCH_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_RATE_GLOBAL_PER_SEC: String(rate),
    WORKER_PROCESSES: String(spec.workerProcesses),
  });
  const logs = countingLogger('warn');
  const saring: RunningSaring = await startSaring(config, logs.logger);
  if (spec.workerProcesses > 0) {
    // The children start after the service; wait until each has its workers up (it reports once a second).
    const until = Date.now() + 60_000;
    while (saring.workerProcesses && saring.workerProcesses.pids().length < spec.workerProcesses && Date.now() < until) await sleep(200);
    await sleep(8_000);
  }
  let stopped = false;
  const stopSaring = async () => {
    if (stopped) return;
    stopped = true;
    await saring.stop();
  };
  cleanups.push(stopSaring);
  if (saring.adapters.telegram?.state() !== 'ready') notes.push(`telegram adapter state at start: ${saring.adapters.telegram?.state()}`);

  // Each resident has their own private chat.
  const residents = messages.map(() => {
    const userId = nextUserId++;
    return { userId, client: emulator.client(BENCH_BOT_TOKEN, { userId, chatId: userId, firstName: 'Warga', userName: `warga${userId}`, type: 'private' }) };
  });
  const index = new Map(residents.map((r, i) => [r.userId, i]));
  const sentAt = new Array<number>(N).fill(0);
  const ackAt = new Array<number>(N).fill(0);
  const replyAt = new Array<number>(N).fill(0);
  const replyText = new Array<string>(N).fill('');
  let replied = 0;
  let sendErrors = 0;
  let cursor = 0;
  const collect = () => {
    const stored = emulator.botMessages;
    for (; cursor < stored.length; cursor++) {
      const u = stored[cursor];
      if (!u || u.botToken !== BENCH_BOT_TOKEN) continue;
      const i = index.get(u.chatId);
      if (i === undefined || replyAt[i]) continue;
      replyAt[i] = u.time;
      // An answer with its clarification card is a photo: its words (the caption) came as its text.
      replyText[i] = u.text;
      replied++;
    }
  };

  // Diagnostics while it runs: the one event loop everything shares, CPU, and Postgres lock waits.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const probe = openBenchDb(database.url, 1);
  const lockSamples: number[] = [];
  const activeSamples: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await probe.sql<{ locked: number; active: number }[]>`
        select count(*) filter (where wait_event_type = 'Lock')::int as locked,
               count(*) filter (where state = 'active')::int as active
        from pg_stat_activity where datname = ${database.name} and application_name = 'saring'`.catch(() => []);
      if (row) {
        lockSamples.push(row.locked);
        activeSamples.push(row.active);
      }
      await sleep(250);
    }
  })();

  await sleep(1_200);
  const statements0 = saring.statements();
  const cpuAtStart = cpuSnapshot(emulator.pid);
  const t0 = Date.now();
  // The budget starts with the first message: setting up (database, claims, service, worker processes) is not in it.
  const deadlineMs = t0 + budgetMs;
  let next = 0;
  // The emulator numbers a message only after the webhook has answered, so concurrency comes from
  // different residents (chats) at once, never from one resident.
  const sender = async () => {
    while (next < N && Date.now() < deadlineMs) {
      const i = next++;
      const r = residents[i] as (typeof residents)[number];
      sentAt[i] = Date.now();
      try {
        await r.client.sendMessage(r.client.makeMessage((messages[i] as { text: string }).text));
        ackAt[i] = Date.now();
      } catch (err) {
        sendErrors++;
        if (sendErrors <= 3) notes.push(`send failed for resident ${i}: ${String(err).slice(0, 200)}`);
      }
    }
  };
  // Steady: message i leaves at t0 + i/rate, whatever the answers to earlier ones (each resident its own chat).
  const steadySender = async () => {
    const gap = 1000 / (spec.steadyRate ?? 1);
    const inFlight: Array<Promise<void>> = [];
    while (next < N && Date.now() < deadlineMs) {
      const i = next++;
      const due = t0 + i * gap;
      if (due > Date.now()) await sleep(due - Date.now());
      const r = residents[i] as (typeof residents)[number];
      sentAt[i] = Date.now();
      inFlight.push(
        r.client.sendMessage(r.client.makeMessage((messages[i] as { text: string }).text)).then(
          () => void (ackAt[i] = Date.now()),
          (err: unknown) => {
            sendErrors++;
            if (sendErrors <= 3) notes.push(`send failed for resident ${i}: ${String(err).slice(0, 200)}`);
          },
        ),
      );
    }
    await Promise.all(inFlight);
  };
  const sending = spec.mode === 'steady' ? steadySender().then(() => []) : Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  let sendDone = 0;
  void sending.then(() => (sendDone = Date.now()));
  while (Date.now() < deadlineMs) {
    collect();
    if (sendDone && replied >= next - sendErrors) break;
    await sleep(20);
  }
  await sending;
  collect();
  const cpuAtEnd = cpuSnapshot(emulator.pid);
  // Worker processes report their statement counts once a second.
  await sleep(spec.workerProcesses > 0 ? 1_500 : 0);
  const statements = saring.statements() - statements0;
  sampling = false;
  await sampler;
  await probe.close();
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const runMs = Date.now() - t0;
  notes.push(
    `process CPU ${(((cpu.user + cpu.system) / 1000 / runMs) * 100).toFixed(0)}% of one core over the run; event-loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms`,
  );
  notes.push(cpuPerReportLine(cpuAtStart, cpuAtEnd, Math.max(1, replied), os.cpus().length));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  notes.push(
    `postgres (service pool of 10): active backends mean ${mean(activeSamples).toFixed(1)} max ${Math.max(0, ...activeSamples)}; waiting on a lock mean ${mean(lockSamples).toFixed(1)} max ${Math.max(0, ...lockSamples)}`,
  );
  const timedOut = replied < N;
  const lastReply = Math.max(t0, ...replyAt.filter((x) => x > 0));
  const firstSend = Math.min(...sentAt.filter((x) => x > 0));
  const firstReply = Math.min(...replyAt.filter((x) => x > 0));

  // Replies per wall-clock second while they were flowing: does the ceiling's rate ever get reached?
  const measured = { perSecond: [] as number[], analysed: 0, analysedSpanS: Number.NaN };
  {
    const perSecond = new Map<number, number>();
    for (const t of replyAt) if (t) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const secs = [...perSecond.keys()];
    const counts: number[] = [];
    for (let sec = Math.min(...secs); sec <= Math.max(...secs); sec++) counts.push(perSecond.get(sec) ?? 0);
    measured.perSecond = counts;
    const full = counts.slice(1, -1).sort((a, b) => a - b);
    if (full.length) notes.push(`replies per second (whole seconds between first and last reply): median ${full[Math.floor((full.length - 1) / 2)]}, max ${full[full.length - 1]}`);
  }

  const latencies: number[] = [];
  const acks: number[] = [];
  for (let i = 0; i < N; i++) {
    if (replyAt[i]) latencies.push((replyAt[i] as number) - (sentAt[i] as number));
    if (ackAt[i]) acks.push((ackAt[i] as number) - (sentAt[i] as number));
  }

  // Where the time goes: the analyze transaction's start (the ledger row's created_at, Postgres now())
  // splits message-in → reply-out into "intake + inbound + analyze queues" and "analysis + outbound".
  const toAnalyze: number[] = [];
  const analyzeToReply: number[] = [];
  const check = openBenchDb(database.url, 2);
  try {
    const ticketOf = (t: string) => /T-(\d+)/.exec(t)?.[1];
    const byReport = new Map<number, number>();
    replyText.forEach((t, i) => {
      const id = ticketOf(t);
      if (id) byReport.set(Number(id), i);
    });
    const rows = await check.sql<{ report_id: number; created_ms: number }[]>`
      select report_id, (extract(epoch from created_at) * 1000)::float8 as created_ms
      from outbound_messages where purpose like 'ticket%' and report_id is not null`;
    for (const row of rows) {
      const i = byReport.get(row.report_id);
      if (i === undefined) continue;
      toAnalyze.push(row.created_ms - (sentAt[i] as number));
      analyzeToReply.push((replyAt[i] as number) - row.created_ms);
    }
    // What the whole burst pays before the window can fill: the first ticket's way to the outbound ledger.
    if (rows.length) {
      const firstQueued = Math.min(...rows.map((r) => r.created_ms)) - firstSend;
      notes.push(`first ticket: in the outbound ledger ${firstQueued.toFixed(0)} ms after the first send, at the emulator ${(firstReply - firstSend).toFixed(0)} ms`);
    }
    const [an] = await check.sql<{ n: number; last_ms: number | null }[]>`
      select count(*)::int as n, (extract(epoch from max(analyzed_at)) * 1000)::float8 as last_ms from reports where status = 'analyzed'`;
    measured.analysed = an?.n ?? 0;
    measured.analysedSpanS = an?.last_ms ? (an.last_ms - firstSend) / 1000 : Number.NaN;
    const kinds = { clarification: 0, ticket: 0, scam: 0, other: 0 };
    for (const t of replyText) {
      if (!t) continue;
      if (/Klarifikasi resmi|Hasil pemeriksaan/.test(t)) kinds.clarification++;
      else if (/T-\d+/.test(t) && /penipuan/i.test(t)) kinds.scam++;
      else if (/T-\d+/.test(t)) kinds.ticket++;
      else kinds.other++;
    }
    const mix = messages.reduce<Record<string, number>>((acc, m) => ((acc[m.kind] = (acc[m.kind] ?? 0) + 1), acc), {});
    notes.push(`messages: ${Object.entries(mix).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    notes.push(`replies: ${kinds.ticket} ticket, ${kinds.scam} ticket+scam warning, ${kinds.clarification} ticket+clarification, ${kinds.other} other`);
    // Each resident sends one message, so a second bot message in a resident's chat is a duplicate reply.
    const perChat = new Map<number, number>();
    for (const u of emulator.botMessages) {
      if (u.botToken === BENCH_BOT_TOKEN && index.has(u.chatId)) perChat.set(u.chatId, (perChat.get(u.chatId) ?? 0) + 1);
    }
    const twice = [...perChat.values()].filter((n) => n > 1).length;
    notes.push(`lost: ${next - perChat.size} residents who sent without a reply; duplicated: ${twice} residents with more than one`);

    // A moment for the tail (review routing) to settle before judging what is stuck.
    await sleep(1_000);
    const reports = await check.sql<{ status: string; match_level: string | null; n: number }[]>`
      select status, match_level, count(*)::int as n from reports group by 1, 2 order by 1, 2`;
    notes.push(`reports: ${reports.map((x) => `${x.status}/${x.match_level ?? '-'} ${x.n}`).join(', ')}`);
    const [claimCount] = await check.sql<{ n: number; multi: number }[]>`
      select count(*)::int as n, count(*) filter (where report_count > 1)::int as multi from claims where external_id is null`;
    notes.push(`claims from reports: ${claimCount?.n} (${claimCount?.multi} with more than one report)`);
    const outbound = await check.sql<{ state: string; n: number; retried: number }[]>`
      select state, count(*)::int as n, count(*) filter (where attempts > 1)::int as retried from outbound_messages group by 1 order by 1`;
    notes.push(`outbound ledger: ${outbound.map((x) => `${x.state} ${x.n}${x.retried ? ` (${x.retried} after retries)` : ''}`).join(', ')}`);
    const counts: string[] = [];
    // Per stage, from BullMQ's own job timestamps: time queued before a worker took the job
    // (for a parked outbound job: since it was last parked) and time the processor ran.
    for (const name of [QUEUE_NAMES.inbound, QUEUE_NAMES.analyze, QUEUE_NAMES.outbound]) {
      const q = new Queue(name, { connection: redis, prefix });
      const jobs = await q.getJobs(['completed'], 0, -1);
      await q.close();
      const waits = jobs.filter((j) => j.processedOn).map((j) => (j.processedOn as number) - (j.delay ? j.timestamp + j.delay : j.timestamp));
      const runs = jobs.filter((j) => j.processedOn && j.finishedOn).map((j) => (j.finishedOn as number) - (j.processedOn as number));
      notes.push(`${latencyLine(`${name} queue wait`, waits)}`);
      notes.push(`${latencyLine(`${name} processor run`, runs)}`);
      if (name === QUEUE_NAMES.outbound) {
        // Every pass of the outbound processor, including the ones parked again by pacing.
        const starts = jobs.reduce((a, j) => a + (j.attemptsStarted ?? 0), 0);
        notes.push(`outbound processor passes: ${starts} for ${jobs.length} completed jobs (${(starts / Math.max(1, jobs.length)).toFixed(2)} per message; extra passes were parked by pacing)`);
      }
    }
    for (const name of Object.values(QUEUE_NAMES)) {
      const q = new Queue(name, { connection: redis, prefix });
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
      await q.close();
      const live = Object.entries(c).filter(([k, v]) => v > 0 && k !== 'completed');
      counts.push(`${name} ${c.completed ?? 0} done${live.length ? ` [${live.map(([k, v]) => `${k} ${v}`).join(', ')}]` : ''}`);
    }
    notes.push(`queues: ${counts.join('; ')}`);
  } finally {
    await check.close();
  }
  if (sendErrors) notes.push(`${sendErrors} sends failed at the emulator/webhook`);
  notes.push(`service log: ${logs.warnings} warnings, ${logs.errors} errors`);
  for (const line of logs.summary().slice(0, 8)) notes.push(`  ${line}`);

  // Stop now (not only at the end): the next run starts its own service on a fresh database.
  await stopSaring();
  const span = (lastReply - firstSend) / 1000;
  return {
    label,
    rate,
    spec,
    statements,
    ...measured,
    sent: next - sendErrors,
    replied,
    timedOut,
    throughput: span > 0 ? replied / span : Number.NaN,
    firstReplyMs: firstReply - firstSend,
    latencies,
    acks,
    toAnalyze,
    analyzeToReply,
    sendPhaseS: ((sendDone || Date.now()) - t0) / 1000,
    wallS: (Date.now() - t0) / 1000,
    notes,
  };
}

async function runRawBullmq(n: number): Promise<{ throughput: number; seconds: number }> {
  const prefix = uniquePrefix();
  const connection = createRedis(REDIS_URL, 'worker');
  const queue = new Queue('raw-noop', { connection, prefix });
  let completed = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const worker = new Worker('raw-noop', async () => undefined, { connection, prefix, concurrency: 50 });
  worker.on('completed', () => {
    if (++completed === n) resolveDone();
  });
  cleanups.push(async () => {
    await worker.close();
    await queue.close();
    await clearRedisPrefix(connection, prefix);
    await connection.quit();
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: { age: 3600, count: 10_000 } } })),
    );
  }
  await Promise.race([done, sleep(60_000)]);
  const seconds = (performance.now() - t0) / 1000;
  return { throughput: completed / seconds, seconds };
}

/** Share of the ceiling used while replies flowed, and seconds that fell short while messages still waited. */
function ceilingUse(r: PipelineResult): { msgPerSec: number; share: number; shortSeconds: number; seconds: number } {
  // Whole seconds between the first and the last reply (the partial first and last seconds left out).
  const inner = r.perSecond.slice(1, -1);
  const delivered = inner.reduce((a, b) => a + b, 0);
  const msgPerSec = inner.length ? delivered / inner.length : Number.NaN;
  return { msgPerSec, share: msgPerSec / r.rate, shortSeconds: inner.filter((x) => x < r.rate * 0.9).length, seconds: inner.length };
}

const perMessage = (r: PipelineResult) => r.statements / Math.max(1, r.sent);
const analysedPerSec = (r: PipelineResult) => r.analysed / r.analysedSpanS;

function printResult(r: PipelineResult): void {
  console.log(`\n## ${r.label} (WORKER_PROCESSES=${r.spec.workerProcesses}, TELEGRAM_RATE_GLOBAL_PER_SEC=${r.rate}${r.spec.mode === 'steady' ? `, steady ${r.spec.steadyRate} msg/s` : ', burst'})`);
  console.log(`residents ${r.spec.n}${r.spec.mode === 'burst' ? `, ${IN_FLIGHT} sends in flight` : ''}; sent ${r.sent}, ticket replies ${r.replied}${r.timedOut ? '  !! NOT ALL REPLIES ARRIVED before the deadline' : ''}`);
  console.log(
    `throughput: ${r.throughput.toFixed(1)} messages/s end to end (first send → last reply; the first reply ${r.firstReplyMs} ms after the first send); sending took ${r.sendPhaseS.toFixed(1)} s, run ${r.wallS.toFixed(1)} s`,
  );
  console.log(`stored and analysed: ${r.analysed} reports in ${r.analysedSpanS.toFixed(1)} s from the first send = ${analysedPerSec(r).toFixed(1)} reports/s`);
  const c = ceilingUse(r);
  console.log(`delivering: ${c.msgPerSec.toFixed(1)} msg/s over ${c.seconds} whole seconds (${(c.share * 100).toFixed(1)}% of the ${r.rate}/s ceiling${r.rate < 1000 ? `; ${c.shortSeconds} s below 90% of it` : ''})`);
  if (r.rate < 1000) console.log(`replies in each second: ${r.perSecond.join(' ')}`);
  console.log(`PostgreSQL statements (round trips): ${r.statements} = ${perMessage(r).toFixed(1)} per message (service and its worker processes)`);
  console.log(latencyLine('message-in → reply-out', r.latencies));
  console.log(latencyLine('  webhook acknowledged (intake stored)', r.acks));
  console.log(latencyLine('  message-in → analyze transaction start', r.toAnalyze));
  console.log(latencyLine('  analyze start → reply at emulator', r.analyzeToReply));
  for (const n of r.notes) console.log(`  ${n}`);
}

// An exception escaping the service (e.g. from a driver callback) would otherwise leave the bench
// database and queue keys behind: report it, clean up, stop.
process.on('uncaughtException', (err) => {
  console.log(`\n!! uncaught exception in the service process: ${err.stack ?? err.message}`);
  void within(20_000, cleanupAll()).finally(() => process.exit(1));
});

async function main(): Promise<void> {
  assertLoopback(REDIS_URL, 'BENCH_REDIS_URL');
  console.log('# bench:pipeline');
  console.log(machineLine());
  console.log(`at start: ${loadLine()}`);
  watchdog(BENCH_LIMIT_MS, cleanupAll);

  // Raw BullMQ first and last: the machine's load moves during the run, so the reference is taken twice.
  const rawBefore = await runRawBullmq(N);
  await cleanupAll();
  const rows: Array<{ procs: number; lifted?: PipelineResult; ceiling?: PipelineResult; steady?: PipelineResult }> = [];
  const phase = async (name: string, run: () => Promise<PipelineResult>): Promise<PipelineResult | undefined> => {
    if (!PHASES.has(name)) return undefined;
    const result = await run();
    printResult(result);
    await cleanupAll();
    return result;
  };
  for (const procs of PROCS) {
    const lifted = await phase('lifted', () => runPipeline({ label: "Burst, ceiling lifted: Saring's own capacity", rate: 100_000, workerProcesses: procs, mode: 'burst', n: N }, 150_000));
    const ceilingN = Math.min(N, 900);
    const ceiling = await phase('ceiling', () =>
      runPipeline({ label: 'Burst at the production Telegram ceiling', rate: 30, workerProcesses: procs, mode: 'burst', n: ceilingN }, Math.ceil((ceilingN / 30) * 1000 * 2) + 60_000),
    );
    const steadyN = STEADY_RATE * STEADY_SECONDS;
    const steady = await phase('steady', () =>
      runPipeline({ label: 'Steady rate', rate: 30, workerProcesses: procs, mode: 'steady', n: steadyN, steadyRate: STEADY_RATE }, STEADY_SECONDS * 1000 + 60_000),
    );
    rows.push({ procs, lifted, ceiling, steady });
  }
  const rawAfter = await runRawBullmq(N);
  await cleanupAll();

  console.log(`\n## Raw BullMQ on the same Redis (${N} no-op jobs, 1 Queue + 1 Worker at concurrency 50, addBulk)`);
  console.log(`before the pipeline runs: ${rawBefore.throughput.toFixed(0)} jobs/s (${rawBefore.seconds.toFixed(2)} s); after: ${rawAfter.throughput.toFixed(0)} jobs/s (${rawAfter.seconds.toFixed(2)} s)`);
  const raw = (rawBefore.throughput + rawAfter.throughput) / 2;

  console.log('\n## Summary');
  console.log('| worker processes | reports/s stored+analysed (ceiling lifted) | ratio to raw BullMQ | msg/s delivered at 30/s | share of ceiling | seconds < 90% | steady ' + STEADY_RATE + ' msg/s: ticket p50 / p95 | statements per message (lifted / ceiling / steady) |');
  console.log('|---|---|---|---|---|---|---|---|');
  const na = '–';
  for (const { procs, lifted, ceiling, steady } of rows) {
    const c = ceiling ? ceilingUse(ceiling) : undefined;
    const s = steady ? [...steady.latencies].sort((a, b) => a - b) : [];
    const perMsg = (r: PipelineResult | undefined) => (r ? perMessage(r).toFixed(1) : na);
    console.log(
      `| ${procs} | ${lifted ? analysedPerSec(lifted).toFixed(0) : na} | ${lifted ? (analysedPerSec(lifted) / raw).toFixed(4) : na} | ${c && ceiling ? `${c.msgPerSec.toFixed(1)} (whole burst ${ceiling.throughput.toFixed(1)})` : na} | ${c ? `${(c.share * 100).toFixed(1)}%` : na} | ${c ? `${c.shortSeconds}/${c.seconds}` : na} | ${steady ? `${percentile(s, 0.5)} / ${percentile(s, 0.95)} ms` : na} | ${perMsg(lifted)} / ${perMsg(ceiling)} / ${perMsg(steady)} |`,
    );
  }
  console.log(`raw BullMQ no-op: ${raw.toFixed(0)} jobs/s (mean of before and after)`);
  console.log(`at end: ${loadLine()}`);
  console.log(`bench time ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    console.error(`bench:pipeline failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanupAll();
    process.exit(1);
  });
