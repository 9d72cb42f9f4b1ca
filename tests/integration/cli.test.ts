import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/claims.jsonl', import.meta.url));

/** `env` overrides the CLI's environment (e.g. a DATABASE_URL nothing answers at). */
function saring(db: TestDatabase, args: string[], stdin?: string, env: Record<string, string> = {}) {
  const p = run(process.execPath, ['bin/saring.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', ...env },
  });
  if (stdin !== undefined) {
    p.child.stdin?.end(stdin);
  }
  return p;
}

// Each case starts the CLI as its own node process (tsx compiles on start): generous on a loaded 2-core machine.
describe('saring import-claims and saring check (the evaluation contract)', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('imports verified claims idempotently and names each rejected line with its reason', async () => {
    const first = await saring(db, ['import-claims', FIXTURE]);
    expect(first.stdout).toContain('added 3, updated 0, rejected 3');
    expect(first.stdout).toMatch(/line 4: verdict/);
    expect(first.stdout).toMatch(/line 5: not valid JSON/);
    expect(first.stdout).toMatch(/line 6: text/);
    const again = await saring(db, ['import-claims', FIXTURE]);
    expect(again.stdout).toContain('added 0, updated 3, rejected 3');
  });

  it('checks JSON Lines in order: known hoax matched with its verdict, unrelated text unmatched', async () => {
    const input = [
      { id: 'a', text: 'SEBARKAN!! vaksin booster covid-19 ternyata mengandung chip 5G yg dipakai pemerintah utk melacak keberadaan warga!!' },
      { id: 'b', text: 'Selamat pagi ibu-ibu, jadwal posyandu pindah ke hari Sabtu jam 8 di balai desa' },
      { id: 'c', text: 'vaksin chip' },
    ];
    const { stdout } = await saring(db, ['check'], input.map((x) => JSON.stringify(x)).join('\n') + '\nnot json\n');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', null]);
    const [a, b, c] = lines;
    expect(a).toMatchObject({ label: 'hoaks', match: { externalId: 'ext-vaksin-chip', level: 'auto', verdict: 'hoaks' } });
    expect(a.match.similarity).toBeGreaterThanOrEqual(0.9);
    expect(typeof a.match.claimId).toBe('string');
    for (const l of [a, b, c]) {
      expect(l.hoaxScore).toBeGreaterThanOrEqual(0);
      expect(l.hoaxScore).toBeLessThanOrEqual(1);
      expect(Array.isArray(l.signals)).toBe(true);
      expect(['hoaks', 'valid']).toContain(l.label);
    }
    expect(b.match).toBeNull();
    // Under 8 content words never matches automatically.
    expect(c.match === null || c.match.level === 'suggest').toBe(true);
    expect(lines[3].error).toBeTruthy();
  });

  it('writes nothing to the database', async () => {
    const postgres = (await import('postgres')).default;
    const sql = postgres(db.url, { max: 1 });
    try {
      const before = await sql`select (select count(*) from claims) c, (select count(*) from reports) r, (select count(*) from verdicts) v`;
      await saring(db, ['check'], JSON.stringify({ id: 'x', text: 'Ada razia kendaraan besar-besaran di seluruh kabupaten besok pagi mulai jam enam' }) + '\n');
      const after = await sql`select (select count(*) from claims) c, (select count(*) from reports) r, (select count(*) from verdicts) v`;
      expect(after).toEqual(before);
    } finally {
      await sql.end();
    }
  });
});

describe('saring staff list|disable|code|rotate (the lifecycle of an account)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  /** The token check the API and the dashboard run, against this database. */
  async function tokenWorks(token: string): Promise<boolean> {
    const postgres = (await import('postgres')).default;
    const { createHash } = await import('node:crypto');
    const sql = postgres(db.url, { max: 1 });
    try {
      const rows = await sql`select 1 from staff where token_hash = ${createHash('sha256').update(token).digest('hex')} and disabled_at is null`;
      return rows.length === 1;
    } finally {
      await sql.end();
    }
  }

  it('lists, issues a one-time code, rotates (old token dead at once) and disables', async () => {
    const added = await saring(db, ['staff', 'add', '--name', 'KIM Limbur', '--role', 'moderator', '--region', '15.02.13']);
    const first = /API token \(shown only now; keep it secret\): (\S+)/.exec(added.stdout)![1]!;
    const id = /staff #(\d+) added/.exec(added.stdout)![1]!;
    expect(await tokenWorks(first)).toBe(true);

    const list = await saring(db, ['staff', 'list']);
    expect(list.stdout).toMatch(new RegExp(`#${id}\\tmoderator\\t15\\.02\\.13\\tactive\\tno chat\\tKIM Limbur`));

    const code = await saring(db, ['staff', 'code', id]);
    expect(code.stdout).toMatch(/send "\/masuk [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}" to the bot before \d{4}-/);

    const rotated = await saring(db, ['staff', 'rotate', id]);
    const second = /new API token \(shown only now; keep it secret\): (\S+)/.exec(rotated.stdout)![1]!;
    expect(second).not.toBe(first);
    expect(await tokenWorks(first)).toBe(false);
    expect(await tokenWorks(second)).toBe(true);

    const disabled = await saring(db, ['staff', 'disable', id]);
    expect(disabled.stdout).toContain(`staff #${id} (KIM Limbur) disabled`);
    expect(await tokenWorks(second)).toBe(false);
    expect((await saring(db, ['staff', 'list'])).stdout).toMatch(new RegExp(`#${id}\\tmoderator\\t15\\.02\\.13\\tdisabled `));
    // A disabled account gets neither a new token nor a code; unknown ids and typos are refused.
    await expect(saring(db, ['staff', 'rotate', id])).rejects.toMatchObject({ code: 65, stderr: expect.stringContaining('disabled') });
    await expect(saring(db, ['staff', 'code', '999'])).rejects.toMatchObject({ code: 66, stderr: expect.stringContaining('not found') });
    await expect(saring(db, ['staff', 'disable', 'abc'])).rejects.toMatchObject({ code: 64 });
  }, 180_000);

  it('answers --help on a command with its usage, exit 0, and touches nothing', async () => {
    const before = (await saring(db, ['staff', 'list'])).stdout;
    // Nothing listens on port 1: a help that opened the database would fail (non-zero exit rejects).
    const nowhere = { DATABASE_URL: 'postgres://127.0.0.1:1/none' };
    const help = await saring(db, ['staff', 'add', '--help'], undefined, nowhere);
    expect(help.stdout).toContain('usage: saring staff add --name NAME');
    expect(help.stderr).not.toContain('Unknown option');
    expect((await saring(db, ['purge', '-h'], undefined, nowhere)).stdout).toContain('saring purge --older-than 180d');
    expect((await saring(db, ['staff', 'list'])).stdout).toBe(before);
  }, 180_000);
});
