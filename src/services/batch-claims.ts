import type { ClaimRow } from '../db/schema/index.js';
import type { DbOrTx } from '../db/client.js';
import type { ServiceDeps } from './deps.js';

type Draft = Parameters<ServiceDeps['repos']['claims']['findOrCreateByHash']>[0];

/**
 * Claims read once per batch transaction. Under a viral burst most reports of a batch land on the same
 * few claims, and every report asked for its exact-text claim and its matched claim separately: two
 * statements a report for rows the batch had already read. Rows are as the batch first read them; the
 * batch changes claims only by creating them (kept here) and by its closing counters.
 */
export function createBatchClaims(repos: Pick<ServiceDeps['repos'], 'claims'>, tx: DbOrTx) {
  const byHash = new Map<string, ClaimRow | undefined>();
  const byId = new Map<number, ClaimRow | undefined>();
  const keep = (row: ClaimRow) => {
    byId.set(row.id, row);
    if (row.externalId === null) byHash.set(row.basicHash, row);
  };

  /** A row read before (or known missing) is not read again; one read is kept under both its keys. */
  async function readOnce<K>(cache: Map<K, ClaimRow | undefined>, key: K, read: () => Promise<ClaimRow | undefined>): Promise<ClaimRow | undefined> {
    if (!cache.has(key)) {
      const row = await read();
      if (row) keep(row);
      else cache.set(key, undefined);
    }
    return cache.get(key);
  }

  return {
    /** The batch's exact-text lookups in one statement (a key with no claim is remembered as none). */
    async preloadHashes(hashes: string[]): Promise<void> {
      const wanted = [...new Set(hashes)].filter((h) => !byHash.has(h));
      for (const h of wanted) byHash.set(h, undefined);
      for (const row of await repos.claims.findByHashes(wanted, tx)) keep(row);
    },

    findByHash: (hash: string) => readOnce(byHash, hash, () => repos.claims.findByHash(hash, tx)),

    findById: (id: number) => readOnce(byId, id, () => repos.claims.findById(id, tx)),

    /** A claim this batch starts is found by the batch's later reports of the same text. */
    async findOrCreateByHash(draft: Draft): Promise<ClaimRow> {
      const row = await repos.claims.findOrCreateByHash(draft, tx);
      keep(row);
      return row;
    },
  };
}

export type BatchClaims = ReturnType<typeof createBatchClaims>;
