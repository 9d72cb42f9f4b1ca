import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Repositories } from '../db/repositories/index.js';
import type { PublicClarificationRow } from '../db/repositories/public-claims.repository.js';
import { isRegionCode } from '../domain/access.js';
import { id as messages } from '../domain/messages/id.js';
import { safeClarification, safeQuote } from '../domain/safe-quote.js';
import type { VerdictCode } from '../domain/verdict.js';
import { renderClarificationCard, type CardContent } from '../media/clarification-card.js';
import type { RegionNames } from './region-names.service.js';

export interface PublicClarification {
  id: number;
  /** The verdict in force the page and card show. */
  verdictId: number;
  verdict: VerdictCode;
  official: boolean;
  summary: string;
  clarification: string;
  sources: string[];
  publishedAt: Date;
  /** "Diskominfo Kab. Merangin" / "KIM Desa Limbur Merangin, Kab. Merangin". */
  issuer: string;
  /** Where the claim circulated, by name. */
  place: string | null;
  /** Changes whenever anything shown on the card changes: the card's cache key and URL version. */
  version: string;
}

const PAGE_SIZE = 20;

/** "3 Desember 2026", in WIB: how dates are written on the card and the pages. */
export function indonesianDate(at: Date): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

function sourceDomain(sources: string[]): string | undefined {
  try {
    return sources[0] ? new URL(sources[0]).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

function encodeCursor(row: { publishedAt: Date; id: number }): string {
  return Buffer.from(`${row.publishedAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { publishedAt: Date; id: number } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const publishedAt = new Date(at ?? '');
  const n = Number(id);
  return Number.isNaN(publishedAt.getTime()) || !Number.isSafeInteger(n) ? undefined : { publishedAt, id: n };
}

/**
 * The public side of verdicts: `/klarifikasi` pages and the shareable card. Only what a moderator
 * approved is shown (summary + clarification), quoted scam-safe; cards are rendered once per version
 * and kept under DATA_DIR/cards.
 */
export function createPublicClarifications(deps: { repos: Pick<Repositories, 'publicClaims'>; regionNames: RegionNames; dataDir: string; cardContact: string }) {
  const cardDir = join(deps.dataDir, 'cards');

  async function shape(row: PublicClarificationRow): Promise<PublicClarification> {
    const official = row.kind === 'official';
    const issuerRegion = row.issuerRegion ? await deps.regionNames.label(row.issuerRegion, { short: true }) : null;
    const issuer = `${official ? 'Diskominfo' : 'KIM'}${issuerRegion ? ` ${issuerRegion}` : ''}`;
    const place = row.regionCode ? await deps.regionNames.label(row.regionCode, { short: true }) : null;
    const summary = safeQuote(row.summary, 1000);
    const clarification = safeClarification(row.clarification);
    const version = createHash('sha256')
      .update(JSON.stringify([row.verdictId, row.verdict, row.kind, summary, clarification, row.sources[0] ?? '', issuer, deps.cardContact]))
      .digest('hex')
      .slice(0, 16);
    return { id: row.id, verdictId: row.verdictId, verdict: row.verdict as VerdictCode, official, summary, clarification, sources: row.sources, publishedAt: row.publishedAt, issuer, place, version };
  }

  function cardContent(c: PublicClarification): CardContent {
    return {
      verdict: c.verdict,
      claim: safeQuote(c.summary, 220),
      clarification: c.clarification,
      sourceDomain: sourceDomain(c.sources),
      issuer: c.issuer,
      official: c.official,
      date: indonesianDate(c.publishedAt),
      contact: deps.cardContact,
      labels: messages.card,
    };
  }

  return {
    async list(q: { search?: string | undefined; kabupaten?: string | undefined; cursor?: string | undefined }) {
      const search = q.search?.trim().slice(0, 100) || undefined;
      const prefix = q.kabupaten && isRegionCode(q.kabupaten) ? q.kabupaten : undefined;
      const rows = await deps.repos.publicClaims.page({ search, prefix, before: decodeCursor(q.cursor), limit: PAGE_SIZE + 1 });
      const items = await Promise.all(rows.slice(0, PAGE_SIZE).map(shape));
      const last = rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1] : undefined;
      return { items, nextCursor: last ? encodeCursor(last) : null };
    },

    async kabupatenChoices(): Promise<Array<{ code: string; name: string }>> {
      const codes = await deps.repos.publicClaims.kabupaten();
      const names = await deps.regionNames.labels(codes, { short: true });
      return codes.map((code) => ({ code, name: names.get(code) ?? code }));
    },

    async detail(id: number): Promise<PublicClarification | undefined> {
      const row = await deps.repos.publicClaims.byId(id);
      return row ? shape(row) : undefined;
    },

    /** The card's PNG: rendered once per version, then read from disk (same bytes every time). */
    async card(id: number): Promise<{ png: Buffer; version: string } | undefined> {
      const c = await this.detail(id);
      return c ? this.cardOf(c) : undefined;
    },

    /** The card of a clarification already read (answers and broadcasts check its verdict first). */
    cardOf(c: PublicClarification): { png: Buffer; version: string } {
      const file = join(cardDir, `${c.id}-${c.version}.png`);
      try {
        return { png: readFileSync(file), version: c.version };
      } catch {
        const png = renderClarificationCard(cardContent(c));
        mkdirSync(cardDir, { recursive: true });
        // Write then rename: a reader never sees half a file. The temporary name is this process's own: the API
        // and an outbound worker may render the same card at once.
        const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
        writeFileSync(tmp, png);
        renameSync(tmp, file);
        return { png, version: c.version };
      }
    },
  };
}

export type PublicClarifications = ReturnType<typeof createPublicClarifications>;
