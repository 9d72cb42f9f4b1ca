import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import * as schema from './schema/index.js';
import { attachOrStartEmbedded, startEmbeddedPostgres } from './embedded.js';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction or the database itself: repositories accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  sql: postgres.Sql;
  url: string;
  embedded: boolean;
  /** Statements sent to PostgreSQL by this pool so far (each one is a round trip): the bench's cost measure. */
  statements(): number;
  close(): Promise<void>;
}

/**
 * Connect to DATABASE_URL, or, when it is unset, to an embedded PGlite under dataDir served over a
 * local socket, so the same `postgres` driver, schema and migrations run in both.
 */
export async function connectDatabase(config: Config, logger: Logger, opts: { shareRunning?: boolean } = {}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, logger, { max: config.databasePoolSize });
  // The CLI beside a running `npm start` goes through that service's socket (see embedded.ts).
  const embedded = opts.shareRunning ? await attachOrStartEmbedded(config.dataDir, logger) : await startEmbeddedPostgres(config.dataDir, logger);
  // PGlite is single-connection: one client connection avoids interleaved transactions.
  const database = openPostgres(embedded.url, logger, { max: 1 });
  return { ...database, embedded: true, close: async () => (await database.close(), await embedded.stop()) };
}

export function openPostgres(url: string, logger: Logger, options: { max: number }): Database {
  let statements = 0;
  const sql = postgres(url, {
    max: options.max,
    onnotice: () => undefined,
    connection: { application_name: 'saring' },
    // The connection errors surface as rejected queries; log once here for operators.
    debug: false,
  });
  void logger;
  // Counted at drizzle, where every query of the service passes: its logger hook sees each statement, and a
  // transaction adds its BEGIN and COMMIT. (The driver's own `debug` hook would also make the SQL and parameters
  // of every error enumerable, and so loggable: not worth a counter.)
  const db = drizzle(sql, { schema, logger: { logQuery: () => void statements++ } });
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => ((statements += 2), transaction(fn, config))) as typeof db.transaction;
  return { db, sql, url, embedded: false, statements: () => statements, close: () => sql.end({ timeout: 5 }) };
}
