import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { startSaring } from '../../src/entry/service.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** HOME_REGION must exist among the imported regions: a typo stops start-up instead of routing claims nowhere. */
describe('HOME_REGION at start-up', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    await sql`insert into regions (code, name, level, parent_code) values ('15', 'Jambi', 1, null), ('15.02', 'Kabupaten Merangin', 2, '15')`;
    await sql.end();
  });
  afterAll(async () => db?.drop());

  it('refuses a code that is not in the regions table, naming the variable', async () => {
    const start = startSaring(testConfig({ DATABASE_URL: db.url, HOME_REGION: '15.99' }), pino({ level: 'silent' }), { api: false, workers: false, bots: false });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/HOME_REGION: 15\.99 is not in the imported regions/);
  });

  it('starts with a code that is there', async () => {
    const saring = await startSaring(testConfig({ DATABASE_URL: db.url, HOME_REGION: '15.02' }), pino({ level: 'silent' }), { api: false, workers: false, bots: false });
    expect(saring.config.homeRegion).toBe('15.02');
    await saring.stop();
  });
});
