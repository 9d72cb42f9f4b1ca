import { randomBytes } from 'node:crypto';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { sha256Of } from '../../src/media/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * move-media asks "is this picture still named?" after each copy. An erasure deletes the row and then removes the
 * bucket copy before it commits; read without a lock, the row still looked named in that moment and a copy put
 * meanwhile outlived the erasure. The question now waits for the erasure and gets its answer.
 */
describe('objectExists waits for an erasure in progress', () => {
  let testDb: TestDatabase;
  let database: Database;
  let eraser: postgres.Sql;
  let probe: postgres.Sql;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openPostgres(testDb.url, pino({ level: 'silent' }), { max: 2 });
    eraser = postgres(testDb.url, { max: 1, onnotice: () => undefined });
    probe = postgres(testDb.url, { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    await eraser?.end();
    await probe?.end();
    await database?.close();
    await testDb?.drop();
  });

  it('answers "gone" once the erasing transaction commits, not "named" while it runs', async () => {
    const sha = sha256Of(randomBytes(100));
    await eraser`insert into media_objects (sha256, kind, mime, size_bytes) values (${sha}, 'photo', 'image/jpeg', 100)`;
    const media = createRepositories(database.db).media;
    expect(await media.objectExists(sha)).toBe(true);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let deleted!: () => void;
    const rowDeleted = new Promise<void>((resolve) => (deleted = resolve));
    const erasure = eraser.begin(async (tx) => {
      await tx`delete from media_objects where sha256 = ${sha}`;
      deleted();
      // Here the service removes the bucket copy; the transaction has not committed yet.
      await held;
    });
    await rowDeleted;
    let answered = false;
    const asked = media.objectExists(sha).then((v) => {
      answered = true;
      return v;
    });
    // The question is waiting on the erasure's row lock, which PostgreSQL itself reports.
    const waiting = async () => (await probe`select 1 from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database() and query like '%media_objects%'`.catch(() => [])).length;
    for (let i = 0; i < 200 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(answered).toBe(false);
    release();
    await erasure;
    expect(await asked).toBe(false);
  });
});
