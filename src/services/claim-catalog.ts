import { safeMessage } from '../observability/safe-error.js';
import type { Logger } from 'pino';
import type { ClaimsRepository, IndexedClaim } from '../db/repositories/claims.repository.js';
import type { VerdictCode } from '../domain/verdict.js';
import { id as t } from '../domain/messages/id.js';
import type { MatchIndex, Nlp } from '../nlp/index.js';
import { MIN_AUTO_WORDS } from '../nlp/index.js';
import type { ReportsRepository } from '../db/repositories/reports.repository.js';

/** Where the confirmed wordings of claims come from (reports a moderator ✓-ed on a suggestion). */
export type AliasSource = Pick<ReportsRepository, 'confirmedTexts'>;

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
export function createClaimCatalog(nlp: Nlp, claims: ClaimsRepository, logger: Logger, aliases?: AliasSource) {
  const index: MatchIndex = nlp.newIndex();
  const meta = new Map<string, ClaimMeta>();
  /** updated_at of what is indexed per claim: a row seen again unchanged is not re-indexed. */
  const seen = new Map<string, number>();
  let since: Date | null = null;
  let timer: NodeJS.Timeout | undefined;

  const put = (c: Pick<IndexedClaim, 'id' | 'externalId' | 'text' | 'verdict' | 'verdictKind'> & { updatedAt?: Date }): boolean => {
    const id = String(c.id);
    if (c.updatedAt) {
      if (seen.get(id) === c.updatedAt.getTime()) return false;
      seen.set(id, c.updatedAt.getTime());
    }
    // A claim whose text was erased has nothing left to match (and its placeholder must not match others').
    index.add({ id, text: c.text === t.erasedClaimText ? '' : c.text });
    meta.set(id, { externalId: c.externalId, verdict: c.verdict, verdictKind: c.verdictKind });
    return true;
  };

  /**
   * A confirmed report is another wording of its claim: indexed as an alias, so the next forward in that wording
   * finds the claim even when it shares few words with the claim's own text (a fact-checker's short title).
   * Short texts are left out: a few words would suggest the claim for too many unrelated messages.
   */
  const putAlias = (claimId: number, reportId: number, text: string): boolean => {
    const normalized = nlp.normalize(text);
    if (normalized.wordCount < MIN_AUTO_WORDS) return false;
    index.addAlias(String(claimId), `r${reportId}`, normalized);
    return true;
  };

  /** Replace the aliases of these claims (all, when null) with what the database holds now. */
  async function loadAliases(claimIds: number[] | null): Promise<void> {
    if (!aliases) return;
    if (claimIds) for (const id of claimIds) index.removeAliases(String(id));
    // Re-read claims in chunks: a burst of verdicts can touch thousands of claims at once.
    const chunks = claimIds ? Array.from({ length: Math.ceil(claimIds.length / 1000) }, (_, i) => claimIds.slice(i * 1000, i * 1000 + 1000)) : [null];
    for (const chunk of chunks) for (const row of await aliases.confirmedTexts(chunk)) putAlias(row.claimId, row.id, row.rawText);
  }

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
      const first = since === null;
      const { rows, now } = await claims.listForIndex(since);
      const changed = rows.filter((row) => put(row)).map((row) => row.id);
      // A claim is touched when a report of it is confirmed or erased: its aliases are read again with it.
      if (first) await loadAliases(null);
      else if (changed.length) await loadAliases(changed);
      const cursor = new Date(now.getTime() - 5_000);
      if (!since || cursor > since) since = cursor;
      return rows.length;
    },
    /** What this process just wrote is matchable at once, without waiting for the poll. */
    put,
    putAlias,
    startPolling(everyMs = 2_000): void {
      timer = setInterval(() => {
        catalog.refresh().catch((err: unknown) => logger.warn({ err: safeMessage(err) }, 'claim index refresh failed'));
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
