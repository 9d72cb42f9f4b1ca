import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time by who spent it, read from /proc (Linux): the bench process (the service and the simulated
 * residents share it), the Bot API emulator's process, the worker processes, PostgreSQL, Redis, and the
 * whole machine. On two cores the pipeline's ceiling is the sum of these per report, not any one
 * process's share: each of them showed half idle while the machine was full.
 */
export interface CpuSnapshot {
  /** Seconds of CPU (user + system) per group, including exited children already reaped. */
  bench: number;
  workers: number;
  emulator: number;
  postgres: number;
  redis: number;
  /** Machine-wide busy and total CPU seconds (all cores) from /proc/stat. */
  machineBusy: number;
  machineTotal: number;
}

// Linux's USER_HZ is 100 on every architecture it runs on; /proc reports ticks in it.
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  own: number;
  reaped: number;
}

function readProcStat(pid: string): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: the fields after it start at the last ')'.
    const close = raw.lastIndexOf(')');
    const comm = raw.slice(raw.indexOf('(') + 1, close);
    const f = raw.slice(close + 2).split(' ');
    // After comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    return { pid: Number(pid), ppid: Number(f[1]), comm, own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // the process ended between listing and reading
  }
}

function machineTimes(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** `emulatorPid`: the Bot API emulator's process, a child of the bench counted apart from the worker processes. */
export function cpuSnapshot(emulatorPid?: number): CpuSnapshot {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(readProcStat)
    .filter((s): s is ProcStat => s !== null);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const isPostgres = (s: ProcStat) => s.comm.startsWith('postgres') || s.comm.startsWith('postmaster');
  let postgres = 0;
  let redis = 0;
  let workers = 0;
  let emulator = 0;
  for (const s of stats) {
    // Backends that ended (a pool closed) are counted in the postmaster's reaped time: the postmaster is the
    // PostgreSQL process whose parent is not one.
    const parent = byPid.get(s.ppid);
    if (isPostgres(s)) postgres += s.own + (parent && isPostgres(parent) ? 0 : s.reaped);
    else if (s.comm.startsWith('redis-server')) redis += s.own;
    else if (s.pid === emulatorPid) emulator += s.own;
    else if (s.ppid === process.pid) workers += s.own;
  }
  const self = byPid.get(process.pid);
  const machine = machineTimes();
  return {
    bench: (self?.own ?? 0) / TICKS_PER_SECOND,
    // Worker processes reaped before the snapshot (a run's service stopped) count as the bench's children.
    workers: (workers + (self?.reaped ?? 0)) / TICKS_PER_SECOND,
    postgres: postgres / TICKS_PER_SECOND,
    redis: redis / TICKS_PER_SECOND,
    emulator: emulator / TICKS_PER_SECOND,
    machineBusy: machine.busy / TICKS_PER_SECOND,
    machineTotal: machine.total / TICKS_PER_SECOND,
  };
}

/** CPU spent between two snapshots, in milliseconds per report, and the machine's load meanwhile. */
export function cpuPerReportLine(before: CpuSnapshot, after: CpuSnapshot, reports: number, cores: number): string {
  const ms = (k: keyof CpuSnapshot) => ((after[k] - before[k]) * 1000) / Math.max(1, reports);
  const ours = ms('bench') + ms('workers') + ms('postgres') + ms('redis') + ms('emulator');
  const busy = after.machineBusy - before.machineBusy;
  const total = after.machineTotal - before.machineTotal;
  const other = ms('machineBusy') - ours;
  return (
    `CPU per report: ${ours.toFixed(1)} core-ms (bench process with service + residents ${ms('bench').toFixed(1)}, Bot API emulator ${ms('emulator').toFixed(1)}, ` +
    `worker processes ${ms('workers').toFixed(1)}, PostgreSQL ${ms('postgres').toFixed(1)}, Redis ${ms('redis').toFixed(1)}; ` +
    `other work on the machine ${Math.max(0, other).toFixed(1)}); machine busy ${((busy / Math.max(1e-9, total)) * cores).toFixed(2)} of ${cores} cores — ` +
    `at this cost ${cores} cores allow at most ${((cores * 1000) / Math.max(1e-9, ours)).toFixed(0)} reports/s`
  );
}
