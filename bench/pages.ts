/**
 * npm run bench:pages [-- --claims 300 --requests 400]
 *
 * The public clarification pages as a resident's phone or WhatsApp's link preview fetches them: the
 * service (API role only, production config) on a throw-away database seeded with published
 * clarifications spread over kabupaten, then one request at a time over loopback HTTP for the list,
 * a search, a kabupaten filter, a claim page and its card. Prints p50/p95/p99 per page (the time from
 * request to the last byte on loopback: an upper bound of the server's time) and each page's weight.
 * Target (issue 16): p95 ≤ 50 ms, pages ≤ 100 KB without the card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/config.js';
import { startSaring, type RunningSaring } from '../src/entry/service.js';
import type { VerdictCode } from '../src/domain/verdict.js';
import { createRedis } from '../src/queues/redis.js';
import {
  REDIS_URL,
  clearRedisPrefix,
  countingLogger,
  createBenchDatabase,
  freePort,
  intArg,
  latencyLine,
  loadLine,
  machineLine,
  uniquePrefix,
} from './bench-support.js';

const KABUPATEN = [
  ['15.02', 'Kabupaten Merangin', ['15.02.13', 'Pamenang Barat'], ['15.02.13.2005', 'Simpang Limbur Merangin']],
  ['15.03', 'Kabupaten Sarolangun', ['15.03.01', 'Sarolangun'], ['15.03.01.2001', 'Lidung']],
  ['15.04', 'Kabupaten Batang Hari', ['15.04.01', 'Muara Bulian'], ['15.04.01.2002', 'Rengas Condong']],
] as const;

const TOPICS = [
  'Pendaftaran bansos tahap dua dibuka lewat tautan formulir, bantuan Rp 3,5 juta untuk setiap kepala keluarga',
  'Vaksin booster mengandung chip pelacak yang dipasang pemerintah untuk mengawasi warga',
  'Air sumur di desa tercemar limbah tambang emas dan warga dilarang memakainya untuk minum',
  'Gardu induk PLN meledak sehingga listrik padam total se-kabupaten selama seminggu',
  'Beras plastik beredar di pasar tradisional, ciri-cirinya tidak hancur saat dimasak',
  'Penculikan anak dengan mobil putih di sekitar sekolah dasar, orang tua diminta waspada',
];
const VERDICTS: VerdictCode[] = ['hoaks', 'penipuan', 'menyesatkan', 'belum_terbukti', 'benar'];

async function timed(url: string, n: number): Promise<{ ms: number[]; bytes: number; status: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    ms.push(performance.now() - t);
    bytes = body.length;
    status = res.status;
  }
  return { ms, bytes, status };
}

async function main(): Promise<void> {
  const claimCount = intArg('claims', 'BENCH_CLAIMS', 300, 20_000);
  const requests = intArg('requests', 'BENCH_REQUESTS', 400, 20_000);
  console.log(machineLine());
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const database = await createBenchDatabase();
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'saring-bench-pages-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const prefix = uniquePrefix();
    const redis = createRedis(REDIS_URL);
    cleanups.push(async () => {
      await clearRedisPrefix(redis, prefix);
      await redis.quit();
    });
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: 'https://saring.example.go.id',
      HOME_REGION: '15.02',
      REGIONS_AUTOLOAD: 'false',
      // One client makes every request here; the per-address limit is for crowds, not for this.
      HTTP_RATE_PER_MINUTE: '1000000',
      PSEUDONYM_SECRET: randomBytes(24).toString('hex'),
      CONTACT_KEY: randomBytes(32).toString('base64'),
    });
    const logs = countingLogger('warn');
    const saring: RunningSaring = await startSaring(config, logs.logger, { api: true, workers: false, bots: false });
    cleanups.unshift(() => saring.stop());
    const s = saring.services;
    await s.regions.importLines(['15,Jambi', ...KABUPATEN.flatMap(([code, name, kec, desa]) => [`${code},${name}`, `${kec[0]},${kec[1]}`, `${desa[0]},${desa[1]}`])]);

    const officers = new Map<string, number>();
    for (const [kab, name] of KABUPATEN) officers.set(kab, (await s.staff.add({ name: `Diskominfo ${name}`, role: 'diskominfo', regionCode: kab })).staff.id);
    const seedStart = performance.now();
    let firstId = 0;
    for (let i = 0; i < claimCount; i++) {
      const [kab, , , desa] = KABUPATEN[i % KABUPATEN.length]!;
      const text = `${TOPICS[i % TOPICS.length]} (versi ${i + 1}, beredar di grup warga sejak pekan lalu)`;
      const claim = await s.repos.claims.findOrCreateByHash({ text, basicText: text, basicHash: `bench-pages-${i}`, normalizedText: null, regionCode: desa[0], score: 0.8 });
      firstId ||= claim.id;
      await s.verdicts.publish({
        claimId: claim.id,
        verdict: VERDICTS[i % VERDICTS.length]!,
        clarification: `Sudah diperiksa oleh Diskominfo: informasi ini ${i % 2 ? 'tidak benar' : 'menyesatkan'}; rujuk sumber resmi sebelum meneruskan.`,
        sources: ['https://www.komdigi.go.id/berita/klarifikasi-hoaks'],
        actor: { id: officers.get(kab)!, role: 'diskominfo', regionCode: kab },
      });
    }
    console.log(`seeded ${claimCount} published clarifications over ${KABUPATEN.length} kabupaten in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const base = saring.url!;
    const pages: Array<[string, string]> = [
      ['list /klarifikasi', '/klarifikasi'],
      ['search ?q=bansos', '/klarifikasi?q=bansos'],
      ['kabupaten ?kab=15.03', '/klarifikasi?kab=15.03'],
      ['claim page /klarifikasi/:id', `/klarifikasi/${firstId}`],
      ['card PNG (cached)', `/klarifikasi/${firstId}/kartu.png`],
    ];
    // Warm-up: the first render of the card and the JIT of every route are not what a reader waits for.
    for (const [, p] of pages) await timed(`${base}${p}`, 5);
    console.log(`requests per page: ${requests}, one at a time over loopback HTTP; ${loadLine()}`);
    for (const [label, p] of pages) {
      const r = await timed(`${base}${p}`, requests);
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}`);
      console.log(`${latencyLine(label.padEnd(30), r.ms, 'ms', 1)}  weight ${(r.bytes / 1024).toFixed(1)} KB`);
    }
    if (logs.errors || logs.warnings) console.log(['service log:', ...logs.summary()].join('\n'));
  } finally {
    for (const c of cleanups) await c().catch((err: unknown) => console.error('cleanup:', err));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
