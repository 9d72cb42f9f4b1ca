/**
 * Tests talk to real servers. These defaults match the prepared machines and `.ci/run`;
 * override with TEST_PG_ADMIN_URL / TEST_REDIS_URL elsewhere.
 */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
