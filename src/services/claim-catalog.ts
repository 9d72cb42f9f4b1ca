import type { Logger } from 'pino';
import type { ClaimsRepository, IndexedClaim } from '../db/repositories/claims.repository.js';
import type { VerdictCode } from '../domain/verdict.js';
import { id as t } from '../domain/messages/id.js';
import type { MatchIndex, Nlp } from '../nlp/index.js';

export interface ClaimMeta {
  externalId: string | null;
  verdict: VerdictCode | null;
  verdictKind: 'community' | 'official' | null;
}

/**
 * The in-memory matching index of every claim, built from Postgres at start-up and refreshed by
 * polling `claims.updated_at`, so each worker process sees a newly verified claim within seconds —
 * and a lost Redis cannot make it miss one.
 */
export function createClaimCatalog(nlp: Nlp, claims: ClaimsRepository, logger: Logger) {
  const index: MatchIndex = nlp.newIndex();
  const meta = new Map<string, ClaimMeta>();
  /** updated_at of what is indexed per claim: a row seen again unchanged is not re-indexed. */
  const seen = new Map<string, number>();
  let since: Date | null = null;
  let timer: NodeJS.Timeout | undefined;

  const put = (c: Pick<IndexedClaim, 'id' | 'externalId' | 'text' | 'verdict' | 'verdictKind'> & { updatedAt?: Date }) => {
    const id = String(c.id);
    if (c.updatedAt) {
      if (seen.get(id) === c.updatedAt.getTime()) return;
      seen.set(id, c.updatedAt.getTime());
    }
    // A claim whose text was erased has nothing left to match (and its placeholder must not match others').
    index.add({ id, text: c.text === t.erasedClaimText ? '' : c.text });
    meta.set(id, { externalId: c.externalId, verdict: c.verdict, verdictKind: c.verdictKind });
  };

  const catalog = {
    index,
    meta(id: string): ClaimMeta | undefined {
      return meta.get(id);
    },
    get size() {
      return index.size;
    },
    /** Load what changed since the last call (everything, the first time). */
    async refresh(): Promise<number> {
      // The cursor trails the database clock by a few seconds, so a row committed late with an earlier
      // timestamp is still read; rows read twice in that overlap are skipped unless they changed.
      const { rows, now } = await claims.listForIndex(since);
      for (const row of rows) put(row);
      const cursor = new Date(now.getTime() - 5_000);
      if (!since || cursor > since) since = cursor;
      return rows.length;
    },
    /** What this process just wrote is matchable at once, without waiting for the poll. */
    put,
    startPolling(everyMs = 2_000): void {
      timer = setInterval(() => {
        catalog.refresh().catch((err: unknown) => logger.warn({ err: String(err) }, 'claim index refresh failed'));
      }, everyMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
  return catalog;
}

export type ClaimCatalog = ReturnType<typeof createClaimCatalog>;
