import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { TestProject } from 'vitest/node';
import { PG_ADMIN_URL, databaseUrl } from './helpers/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

const admin = () => postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });

/**
 * Migrations run once per test run into a template of its own; each test file clones it (fast,
 * isolated). Several runs can share one server: only leftovers of old, crashed runs are dropped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `saring_tpl_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const sql = admin();
  try {
    // Names carry their creation time: only leftovers of runs older than two hours are removed.
    const stale = await sql<{ datname: string }[]>`
      select datname from pg_database
      where datname ~ '^saring_(t|tpl)_[0-9]+_'
        and split_part(datname, '_', 3)::bigint < extract(epoch from now())::bigint - 7200`;
    for (const { datname } of stale) await sql.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
    await sql.unsafe(`create database ${template}`);
  } finally {
    await sql.end();
  }
  const db = postgres(databaseUrl(template), { max: 1, onnotice: () => undefined });
  try {
    await migrate(drizzle(db), { migrationsFolder: new URL('../drizzle', import.meta.url).pathname });
  } finally {
    await db.end();
  }
  project.provide('templateDb', template);
  return async () => {
    const s = admin();
    try {
      await s.unsafe(`drop database if exists ${template} with (force)`);
    } finally {
      await s.end();
    }
  };
}
