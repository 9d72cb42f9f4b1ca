import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createRegionSearchRepository } from '../../src/db/repositories/region-search.repository.js';
import { regions } from '../../src/db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_REGIONS } from '../helpers/moderation.js';

const logger = pino({ level: 'silent' });

async function seed(database: Database): Promise<void> {
  await database.db
    .insert(regions)
    .values(SEED_REGIONS.map(([code, name]) => ({ code, name, level: code.split('.').length, parentCode: code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null })))
    .onConflictDoNothing();
}

/** The same desa search on PostgreSQL and on the embedded PGlite, with and without pg_trgm. */
describe('desa search in SQL', () => {
  let test: TestDatabase;
  let pg: Database;
  let dir: string;
  let embedded: EmbeddedPostgres;
  let lite: Database;

  beforeAll(async () => {
    test = await createTestDatabase();
    pg = openPostgres(test.url, logger, { max: 2 });
    await seed(pg);
    dir = mkdtempSync(join(tmpdir(), 'saring-pglite-'));
    embedded = await startEmbeddedPostgres(dir, logger);
    lite = openPostgres(embedded.url, logger, { max: 1 });
    await runMigrations(lite.db);
    await seed(lite);
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
    await test?.drop();
    await lite?.close();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const where of ['PostgreSQL', 'PGlite'] as const) {
    it(`${where}: finds by whole name and by words without pg_trgm, and by a misspelling with it`, async () => {
      const db = where === 'PostgreSQL' ? pg : lite;
      const repo = createRegionSearchRepository(db.db);
      await db.sql`drop extension if exists pg_trgm`;
      expect((await repo.desaNamed(['simpang limbur merangin'])).map((m) => m.code)).toEqual(['15.02.13.2005']);
      const byWords = await repo.desaLike('limbur');
      expect(byWords.map((m) => m.code).sort()).toEqual(['15.02.13.2002', '15.02.13.2005']);
      expect(byWords.find((m) => m.code === '15.02.13.2005')).toEqual({
        code: '15.02.13.2005',
        name: 'Simpang Limbur Merangin',
        kecamatan: 'Pamenang Barat',
        kabupaten: 'Kabupaten Merangin',
        provinsi: 'Jambi',
      });
      expect(await repo.desaLike('simpang limbor merangin')).toEqual([]);

      const fresh = createRegionSearchRepository(db.db);
      await fresh.enableTrigram();
      expect((await fresh.desaLike('simpang limbor merangin')).map((m) => m.code)[0]).toBe('15.02.13.2005');
    });
  }
});
