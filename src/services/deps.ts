import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Secrets } from '../config/secrets.js';
import type { Db } from '../db/client.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Producers } from '../queues/queues.js';
import type { FloodGate } from '../queues/flood-gate.js';

/** What every use case receives; built once in the composition root. */
export interface ServiceDeps {
  config: Config;
  secrets: Secrets;
  db: Db;
  repos: Repositories;
  producers: Producers;
  logger: Logger;
  now?: () => Date;
  /** Flood counters; absent (no limit) in tools such as the CLI. */
  flood?: FloodGate;
}
