import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { openPostgres, type Database } from '../../src/db/client.js';
import { installErrorHandler } from '../../src/api/error-handler.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Red team: an id above 2^31−1 gave a 500 with the SQL and its parameters in the log. Whatever a
 * database error says (query, parameters, a message quoting the value), the log keeps its code only.
 */
describe('database errors in logs', () => {
  let database: TestDatabase;
  let pg: Database;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ logLevel: 'info' }, { destination: sink });
  const SECRET_VALUE = '98765432101234';
  const RESIDENT_TEXT = 'Nomor WA saya 081234567890 alamat Jl Mawar 5';

  beforeAll(async () => {
    database = await createTestDatabase();
    pg = openPostgres(database.url, logger, { max: 2 });
  });
  afterAll(async () => {
    await pg?.close();
    await database?.drop();
  });

  it('the HTTP error handler logs a failed query without its SQL, parameters or quoted values', async () => {
    const app: FastifyInstance = Fastify({ loggerInstance: logger as FastifyBaseLogger });
    installErrorHandler(app);
    app.get('/boom', async () => {
      await pg.db.execute(sql`select ${SECRET_VALUE}::int as id, ${RESIDENT_TEXT}::text as t`);
      return 'unreachable';
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(SECRET_VALUE);
    await app.close();
    const log = lines.join('');
    expect(log).toContain('request failed');
    expect(log).toContain('22003'); // numeric_value_out_of_range: the code stays, for the operator
    for (const leak of [SECRET_VALUE, '081234567890', 'Mawar', 'select ']) expect(log, leak).not.toContain(leak);
  });

  it('any logger call with a database error as `err` is reduced the same way', async () => {
    const err = await pg.db.execute(sql`insert into no_such_table values (${RESIDENT_TEXT})`).then(() => undefined, (e: unknown) => e);
    expect(err).toBeDefined();
    lines.length = 0;
    logger.error({ err }, 'job failed');
    const log = lines.join('');
    expect(log).toContain('42P01');
    for (const leak of ['081234567890', 'no_such_table', 'insert']) expect(log, leak).not.toContain(leak);
  });
});
