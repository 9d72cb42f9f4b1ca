import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

export interface Secrets {
  pseudonymSecret: string;
  contactKey: Buffer;
}

/**
 * A newcomer runs `npm start` without configuring secrets; production sets them.
 * Generated secrets are kept under dataDir so pseudonyms and encrypted contacts survive restarts.
 */
export function resolveSecrets(config: Config): Secrets {
  return {
    pseudonymSecret: config.pseudonymSecret ?? readOrCreate(config.dataDir, 'pseudonym-secret', () => randomBytes(32).toString('base64')),
    contactKey: Buffer.from(
      config.contactKey ?? readOrCreate(config.dataDir, 'contact-key', () => randomBytes(32).toString('base64')),
      'base64',
    ),
  };
}

function readOrCreate(dir: string, name: string, make: () => string): string {
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const value = make();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}
