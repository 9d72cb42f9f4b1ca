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

  return {
    /** The batch's exact-text lookups in one statement (a key with no claim is remembered as none). */
    async preloadHashes(hashes: string[]): Promise<void> {
      const wanted = [...new Set(hashes)].filter((h) => !byHash.has(h));
      for (const h of wanted) byHash.set(h, undefined);
      for (const row of await repos.claims.findByHashes(wanted, tx)) keep(row);
    },

    async findByHash(hash: string): Promise<ClaimRow | undefined> {
      if (!byHash.has(hash)) {
        const row = await repos.claims.findByHash(hash, tx);
        if (row) keep(row);
        else byHash.set(hash, undefined);
      }
      return byHash.get(hash);
    },

    async findById(id: number): Promise<ClaimRow | undefined> {
      if (!byId.has(id)) {
        const row = await repos.claims.findById(id, tx);
        if (row) keep(row);
        else byId.set(id, undefined);
      }
      return byId.get(id);
    },

    /** A claim this batch starts is found by the batch's later reports of the same text. */
    async findOrCreateByHash(draft: Draft): Promise<ClaimRow> {
      const row = await repos.claims.findOrCreateByHash(draft, tx);
      keep(row);
      return row;
    },
  };
}

export type BatchClaims = ReturnType<typeof createBatchClaims>;
