import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { PG_ADMIN_URL, TEMPLATE_DB, databaseUrl } from './helpers/services.js';

/** Migrations run once per test run into a template; each test file clones it (fast, isolated). */
export default async function setup(): Promise<void> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  try {
    const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'saring_t_%'`;
    for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const sql = postgres(databaseUrl(TEMPLATE_DB), { max: 1, onnotice: () => undefined });
  try {
    await migrate(drizzle(sql), { migrationsFolder: new URL('../drizzle', import.meta.url).pathname });
  } finally {
    await sql.end();
  }
}
