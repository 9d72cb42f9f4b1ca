import type { Repositories } from '../db/repositories/index.js';
import type { ClaimRow, VerdictRow } from '../db/schema/index.js';
import { queueScope, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { formatTicket } from '../domain/ticket.js';

export type ClaimStatus = ClaimRow['status'];

export interface QueueItem {
  id: number;
  status: ClaimStatus;
  text: string;
  snippet: string;
  regionCode: string | null;
  routedRegion: string | null;
  score: number | null;
  scoreBand: string | null;
  signals: string[];
  scamCandidate: boolean;
  reportCount: number;
  reporters: number;
  reportsLastHour: number;
  desaCount: number;
  /** Reports only suggested as this claim, waiting for a moderator's ✓/✗. */
  suggested: number;
  urgency: number;
  verdict: VerdictRow['verdict'] | null;
  verdictKind: VerdictRow['kind'] | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

/** Report as staff see it: what was said and when — never who (no resident, chat or platform ids). */
export interface ReportView {
  id: number;
  ticket: string;
  text: string | null;
  mediaKind: string | null;
  forwarded: boolean;
  receivedAt: string;
  matchLevel: string | null;
  similarity: number | null;
}

/** A claim Diskominfo may broadcast: its official verdict is the one in force. */
export interface OfficialClaim {
  id: number;
  snippet: string;
  regionCode: string | null;
  verdict: VerdictRow['verdict'];
  clarification: string;
  verdictAt: string;
}

export interface BroadcastSummary {
  id: number;
  claimId: number;
  /** What the claim says (its approved summary when there is one), cut short: officers read words, not numbers. */
  snippet: string;
  verdict: VerdictRow['verdict'] | null;
  verdictKind: VerdictRow['kind'] | null;
  regions: string[];
  platforms: string[];
  status: 'running' | 'done';
  createdAt: string;
  total: number;
  sent: number;
  failed: number;
}

interface Cursor {
  u: number;
  i: number;
  t: string;
}

const SNIPPET = 160;
const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    // Every field reaches SQL: an id beyond PostgreSQL's integer or a non-finite number is no cursor of ours.
    if (Number.isFinite(c.u) && Number.isSafeInteger(c.i) && c.i >= 0 && c.i <= 2_147_483_647 && typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor is not one this API returned');
}

/**
 * The review queue and claim details, always within the caller's region. Urgency = hoax score ×
 * distinct reporters × (1 + reports in the last hour): a likely hoax spreading now comes first.
 * The cursor pins the "now" of the first page, so urgency — and the order — stay stable while
 * paging (only new reports can move a claim).
 */
export function createClaimsQueryService(deps: { repos: Pick<Repositories, 'claims' | 'claimsQuery'>; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const query = deps.repos.claimsQuery;

  return {
    async list(actor: Actor, q: { status?: ClaimStatus; region?: string; limit?: number; cursor?: string }): Promise<QueuePage> {
      const scope = queueScope(actor, q.region);
      if (!scope) throw new AppError('FORBIDDEN', `region ${q.region} is outside your region ${actor.regionCode}`);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
      const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
      const asOf = cursor?.t ?? now().toISOString();
      const rows = await query.queue({
        prefix: scope.prefix,
        status: q.status,
        asOf,
        after: cursor ? { urgency: cursor.u, id: cursor.i } : undefined,
        limit: limit + 1,
      });
      const list = rows.map(toItem);
      const more = list.length > limit;
      const items = list.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: more && last ? encodeCursor({ u: last.urgency, i: last.id, t: asOf }) : null };
    },

    async detail(id: number): Promise<{ claim: ClaimRow; verdict: VerdictRow | undefined; reports: ReportView[] } | undefined> {
      const claim = await deps.repos.claims.findById(id);
      if (!claim) return undefined;
      const verdict = await deps.repos.claims.currentVerdict(id);
      // Only the columns that may leave: the repository's select list is the privacy boundary.
      const rows = await query.reportsOf(id);
      return { claim, verdict, reports: rows.map((r) => ({ ...r, ticket: formatTicket(r.id), receivedAt: iso(r.receivedAt) })) };
    },

    /**
     * Claims whose verdict in force is official, newest verdict first, for choosing what to broadcast:
     * those of the actor's region (routed there or from there), plus claims with no region (national
     * or imported). `include` adds one claim by id whatever its region (a link from its own page).
     */
    async officialClaims(actor: Actor, opts: { limit?: number; include?: number } = {}): Promise<OfficialClaim[]> {
      const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
      const rows = await query.officialClaims({ prefix: actor.role === 'admin' ? null : actor.regionCode, include: opts.include, limit });
      return rows.map((r) => {
        const text = String(r.text ?? '');
        return {
          id: Number(r.id),
          snippet: text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text,
          regionCode: (r.region_code as string | null) ?? null,
          verdict: r.verdict as VerdictRow['verdict'],
          clarification: String(r.clarification ?? ''),
          verdictAt: iso(r.created_at),
        };
      });
    },

    /** The latest broadcasts whose regions all lie in the actor's region (admins: all), with their counts. */
    async recentBroadcasts(actor: Actor, limit = 20): Promise<BroadcastSummary[]> {
      const rows = await query.recentBroadcasts({ prefix: actor.role === 'admin' ? null : actor.regionCode, limit: Math.min(Math.max(limit, 1), 100) });
      const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? (JSON.parse(v) as string[]) : []);
      return rows.map((r) => ({
        id: Number(r.id),
        claimId: Number(r.claim_id),
        snippet: claimSnippet(String(r.claim_text ?? '')),
        verdict: (r.verdict as VerdictRow['verdict'] | null) ?? null,
        verdictKind: (r.verdict_kind as VerdictRow['kind'] | null) ?? null,
        regions: list(r.regions),
        platforms: list(r.platforms),
        status: r.status as 'running' | 'done',
        createdAt: iso(r.created_at),
        total: Number(r.total),
        sent: Number(r.sent),
        failed: Number(r.failed),
      }));
    },

    /** Where a claim belongs, for the access plugin's region check. */
    async regionOf(id: number): Promise<{ regionCode: string | null; routedRegion: string | null } | undefined> {
      const claim = await deps.repos.claims.findById(id);
      return claim ? { regionCode: claim.regionCode, routedRegion: claim.routedRegion } : undefined;
    },
  };
}

/**
 * The first lines of the text as the resident wrote it (never the normalised, stemmed form a
 * moderator cannot read), cut at a word boundary.
 */
export function firstLines(text: string, maxLines = 3, maxChars = 200): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, maxLines).join('\n');
  if (lines.length <= maxChars) return lines;
  const cut = lines.lastIndexOf(' ', maxChars - 1);
  return `${lines.slice(0, cut > maxChars / 2 ? cut : maxChars - 1)}…`;
}

/** A claim named by its words in the broadcast list and page: its first two lines, cut at a word. */
export const claimSnippet = (text: string): string => firstLines(text, 2, SNIPPET);

function toItem(r: Record<string, unknown>): QueueItem {
  return {
    id: Number(r.id),
    status: r.status as ClaimStatus,
    text: String(r.text ?? ''),
    snippet: firstLines(String(r.text ?? '')),
    regionCode: (r.region_code as string | null) ?? null,
    routedRegion: (r.routed_region as string | null) ?? null,
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    scoreBand: (r.score_band as string | null | undefined) ?? null,
    signals: Array.isArray(r.signals) ? (r.signals as string[]) : typeof r.signals === 'string' ? (JSON.parse(r.signals) as string[]) : [],
    scamCandidate: Boolean(r.scam_candidate),
    reportCount: Number(r.report_count),
    reporters: Number(r.reporters),
    reportsLastHour: Number(r.recent),
    desaCount: Number(r.desa),
    suggested: Number(r.suggested ?? 0),
    urgency: Number(r.urgency),
    verdict: (r.verdict as QueueItem['verdict']) ?? null,
    verdictKind: (r.verdict_kind as QueueItem['verdictKind']) ?? null,
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
  };
}

export type ClaimsQueryService = ReturnType<typeof createClaimsQueryService>;
