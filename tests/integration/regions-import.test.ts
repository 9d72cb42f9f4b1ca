import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../fixtures/regions-sample.csv', import.meta.url));

function saring(db: TestDatabase, args: string[]) {
  return run(process.execPath, ['bin/saring.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', PSEUDONYM_SECRET: 'test-pseudonym-secret-0123456789' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function failing(p: Promise<unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; stdout: string; stderr: string };
  }
  throw new Error('expected the command to fail');
}

describe('saring import-regions and saring staff add', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let sql: postgres.Sql;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = postgres(db.url, { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('warns but accepts a well-formed region while the regions table is empty', async () => {
    const { stdout, stderr } = await saring(db, ['staff', 'add', '--name', 'Admin Awal', '--role', 'admin', '--region', '62']);
    expect(stderr).toMatch(/regions table is empty/);
    expect(stdout).toMatch(/API token \(shown only now; keep it secret\): srg_\S+/);
    expect(stdout).toMatch(/\/masuk [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
  });

  it('imports the sample with levels and parents, and names each rejected line', async () => {
    const { stdout } = await saring(db, ['import-regions', SAMPLE]);
    expect(stdout).toContain('added 13, updated 0, unchanged 0, rejected 4');
    expect(stdout).toMatch(/line 15: code "62\.2" is not a Kemendagri code/);
    expect(stdout).toMatch(/line 16: name is empty/);
    expect(stdout).toMatch(/line 17: duplicate code 62\.02\.01 \(first on line 9\)/);
    expect(stdout).toMatch(/line 18: expected 2 fields/);
    expect(stdout).toMatch(/1 region\(s\) imported without their parent[\s\S]*12\.07\.28\.1007/);
    const rows = await sql`select code, name, level, parent_code from regions where code in ('15.02.13.2005', '62.02', '15', '12.07.28.1007') order by code`;
    expect(rows).toEqual([
      { code: '12.07.28.1007', name: 'Lubuk Pakam I,II', level: 4, parent_code: '12.07.28' },
      { code: '15', name: 'Jambi', level: 1, parent_code: null },
      { code: '15.02.13.2005', name: 'Simpang Limbur Merangin', level: 4, parent_code: '15.02.13' },
      { code: '62.02', name: 'Kabupaten Kotawaringin Timur', level: 2, parent_code: '62' },
    ]);
    const again = await saring(db, ['import-regions', SAMPLE]);
    expect(again.stdout).toContain('added 0, updated 0, unchanged 13, rejected 4');
  });

  it('adds staff only in a known region once regions are imported', async () => {
    const ok = await saring(db, ['staff', 'add', '--name', 'Pengurus KIM Limbur', '--role', 'moderator', '--region', '15.02.13.2005', '--telegram-id', '424242']);
    expect(ok.stdout).toMatch(/moderator, 15\.02\.13\.2005 Simpang Limbur Merangin/);
    expect(ok.stdout).not.toMatch(/\/masuk/);
    const unknown = await failing(saring(db, ['staff', 'add', '--name', 'X', '--role', 'moderator', '--region', '15.02.99']));
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toMatch(/unknown region 15\.02\.99/);
    const badRole = await failing(saring(db, ['staff', 'add', '--name', 'X', '--role', 'bupati', '--region', '15.02']));
    expect(badRole.code).toBe(64);
    const [staffCount] = await sql`select count(*)::int n from staff`;
    expect(staffCount?.n).toBe(2);
    const [hash] = await sql`select token_hash from staff where name = 'Pengurus KIM Limbur'`;
    expect(hash?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports the bundled whole-country list (no file argument, no ../shared), idempotently', async () => {
    const first = await saring(db, ['import-regions']);
    expect(first.stdout).toMatch(/rejected 0/);
    const count1 = (await sql`select count(*)::int n from regions`)[0]?.n;
    // Every sample code is a real one, so the table holds exactly the country's 91,599 regions.
    expect(count1).toBe(91_599);
    const second = await saring(db, ['import-regions']);
    expect(second.stdout).toContain('added 0, updated 0, unchanged 91599, rejected 0');
    const count2 = (await sql`select count(*)::int n from regions`)[0]?.n;
    expect(count2).toBe(count1);
  }, 180_000);
});
