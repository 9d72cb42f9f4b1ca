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
 * isolated). Several runs can share one server: leftovers of crashed runs are dropped only when idle.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `saring_tpl_${randomBytes(4).toString('hex')}`;
  const sql = admin();
  try {
    const stale = await sql<{ datname: string }[]>`
      select datname from pg_database d
      where (datname like 'saring_t_%' or datname like 'saring_tpl_%')
        and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`;
    for (const { datname } of stale) await sql.unsafe(`drop database if exists "${datname}"`).catch(() => undefined);
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
