import type { Repositories } from '../db/repositories/index.js';
import { STATS_TIME_ZONE } from '../db/repositories/stats.repository.js';
import { queueScope, regionLevel, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { feedbackRate } from '../domain/answer-feedback.js';
import type { RegionNames } from './region-names.service.js';

export interface StatsPeriod {
  /** Calendar days in WIB, inclusive: "2026-11-01" … "2026-11-30". */
  fromDay: string;
  toDay: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** Today's date in WIB as YYYY-MM-DD. */
export function wibDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: STATS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** WIB is UTC+7 all year (no daylight saving): a WIB midnight is 17:00 UTC the day before. */
function wibMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/**
 * The period a person asked for, made valid: missing ends default to the last 30 days up to today;
 * a reversed or over-long range is refused with words a person understands.
 */
export function parsePeriod(input: { from?: string | undefined; to?: string | undefined }, now: Date): StatsPeriod {
  const today = wibDay(now);
  const toDay = input.to && DAY.test(input.to) ? input.to : today;
  const fromDay = input.from && DAY.test(input.from) ? input.from : addDays(toDay, -29);
  if (Number.isNaN(wibMidnight(fromDay).getTime()) || Number.isNaN(wibMidnight(toDay).getTime())) {
    throw new AppError('VALIDATION_FAILED', 'Tanggal tidak valid.');
  }
  if (fromDay > toDay) throw new AppError('VALIDATION_FAILED', 'Tanggal awal harus sebelum tanggal akhir.');
  if ((wibMidnight(toDay).getTime() - wibMidnight(fromDay).getTime()) / 86_400_000 >= MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `Rentang paling lama ${MAX_DAYS} hari.`);
  }
  return { fromDay, toDay };
}

export interface StatsOverview {
  period: StatsPeriod;
  scopeLabel: string;
  reportsPerDay: Array<{ day: string; reports: number }>;
  totalReports: number;
  byPlatform: Array<{ platform: string; reports: number }>;
  byVerdict: Array<{ verdict: string; claims: number }>;
  topClaims: Array<{ id: number; text: string; reports: number; verdict: string | null; region: string }>;
  timeToVerdict: { decided: number; medianHours: number | null; p90Hours: number | null };
  slaBreaches: number;
  byRegion: Array<{ region: string; name: string; reports: number; claims: number; decided: number }>;
  /** Verdict answers offered "did it help?" in the period, the taps given, and the share rated (%). */
  feedback: { answered: number; helpful: number; unhelpful: number; rate: number | null };
}

export function createStatsService(deps: { repos: Pick<Repositories, 'stats'>; regionNames: RegionNames }) {
  return {
    async overview(actor: Actor, input: { from?: string | undefined; to?: string | undefined; region?: string | undefined }, now: Date): Promise<StatsOverview> {
      const period = parsePeriod(input, now);
      const scope = queueScope(actor, input.region || undefined);
      if (!scope) throw new AppError('FORBIDDEN', 'Wilayah itu di luar wilayah Anda.');
      const q = { prefix: scope.prefix, from: wibMidnight(period.fromDay), to: wibMidnight(addDays(period.toDay, 1)) };
      const level = scope.prefix ? Math.min(4, regionLevel(scope.prefix) + 1) : 2;
      const [perDay, byPlatform, byVerdict, top, ttv, sla, regions, feedback] = await Promise.all([
        deps.repos.stats.reportsPerDay(q),
        deps.repos.stats.reportsByPlatform(q),
        deps.repos.stats.claimsByVerdict(q),
        deps.repos.stats.topClaims(q, 10),
        deps.repos.stats.timeToVerdict(q),
        deps.repos.stats.slaBreaches(q),
        deps.repos.stats.byRegion(q, level),
        deps.repos.stats.feedback(q),
      ]);
      // Every day of the period, zero-filled, so the chart's gaps are real quiet days.
      const counts = new Map(perDay.map((d) => [d.day, d.reports]));
      const days: Array<{ day: string; reports: number }> = [];
      for (let d = period.fromDay; d <= period.toDay; d = addDays(d, 1)) days.push({ day: d, reports: counts.get(d) ?? 0 });
      const names = await deps.regionNames.labels([...regions.map((r) => r.region), ...top.flatMap((t) => (t.region ? [t.region] : []))], { short: true });
      return {
        period,
        scopeLabel: scope.prefix ? ((await deps.regionNames.label(scope.prefix)) ?? scope.prefix) : 'Seluruh Indonesia',
        reportsPerDay: days,
        totalReports: days.reduce((n, d) => n + d.reports, 0),
        byPlatform,
        byVerdict,
        topClaims: top.map((t) => ({ ...t, region: t.region ? (names.get(t.region) ?? t.region) : '—' })),
        timeToVerdict: ttv,
        slaBreaches: sla,
        byRegion: regions.map((r) => ({ ...r, name: names.get(r.region) ?? r.region })),
        feedback: { ...feedback, rate: feedbackRate(feedback.answered, feedback.helpful + feedback.unhelpful) },
      };
    },
  };
}

/** RFC 4180 CSV: quoted when needed, CRLF line ends, so spreadsheets open it as is. */
function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV export: one section per table, each with its own header row. */
export function statsCsv(o: StatsOverview): string {
  const lines: Array<Array<string | number | null>> = [
    // per_wilayah: nilai = reports, nilai2 = claims, nilai3 = claims decided; nama = the region's name.
    ['bagian', 'kunci', 'nilai', 'nilai2', 'nilai3', 'nama'],
    ...o.reportsPerDay.map((d) => ['laporan_per_hari', d.day, d.reports, null, null]),
    ...o.byPlatform.map((p) => ['laporan_per_kanal', p.platform, p.reports, null, null]),
    ...o.byVerdict.map((v) => ['klaim_per_putusan', v.verdict, v.claims, null, null]),
    ...o.byRegion.map((r) => ['per_wilayah', r.region, r.reports, r.claims, r.decided, r.name]),
    ['waktu_putusan_jam', 'median', o.timeToVerdict.medianHours, null, null],
    ['waktu_putusan_jam', 'p90', o.timeToVerdict.p90Hours, null, null],
    ['melewati_batas_waktu', 'klaim', o.slaBreaches, null, null],
    // umpan_balik: answers offered 👍/👎, taps of each kind, and the share of answers rated (percent).
    ['umpan_balik', 'jawaban', o.feedback.answered, null, null],
    ['umpan_balik', 'membantu', o.feedback.helpful, null, null],
    ['umpan_balik', 'tidak_membantu', o.feedback.unhelpful, null, null],
    ['umpan_balik', 'persen_dinilai', o.feedback.rate, null, null],
  ];
  return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export type StatsService = ReturnType<typeof createStatsService>;
