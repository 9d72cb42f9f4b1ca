/**
 * Link previews for the analyze step: each link of a report resolved at most once per cache lifetime (the
 * cache is a small interface the database implements), concurrent asks for one link share one fetch, and at
 * most a few links per report are followed. Failures are results, never exceptions: a report always proceeds.
 */
import { normalizeUrl } from '../../nlp/extract.js';
import type { LinkResolution, LinkResolver, LinkStatus } from './link-resolver.js';

export interface LinkPreview {
  /** Normalised link as sent (`host/path?query`, the cache key). */
  url: string;
  /** Normalised address the chain ended at. */
  finalUrl: string;
  status: LinkStatus;
  title: string | null;
  description: string | null;
  /** Normalised addresses of every hop, first to last (the first is `url`). */
  hops: string[];
  fetchedAt: Date;
}

export interface LinkCache {
  find(url: string): Promise<LinkPreview | undefined>;
  save(preview: LinkPreview): Promise<void>;
}

export interface LinkPreviewerOptions {
  resolver: Pick<LinkResolver, 'resolve'>;
  cache: LinkCache;
  /** How long a resolved link is trusted. */
  ttlMs: number;
  now?: () => Date;
  /** Most links followed per report (default 3). */
  maxLinks?: number;
  /** A cache or lookup failure (the preview is still used when it can be). */
  onError?: (err: unknown, url: string) => void;
}

/** Longer links (in UTF-8 bytes) are not kept: real links are far shorter, and index rows have a size limit. */
export const MAX_LINK_BYTES = 2_000;

export const linkFits = (u: string): boolean => Buffer.byteLength(u) <= MAX_LINK_BYTES;

/** A link that failed for a passing reason (timeout, reset) is tried again sooner than one that resolved. */
const RETRY_FAILED_AFTER_MS = 10 * 60_000;
const TRANSIENT: ReadonlySet<LinkStatus> = new Set(['timeout', 'error']);

function toPreview(r: LinkResolution, key: string, fetchedAt: Date): LinkPreview {
  const norm = (u: string) => normalizeUrl(u) ?? u;
  const finalUrl = norm(r.finalUrl);
  const hops = r.hops.map(norm).filter(linkFits);
  // An address too long to store is no evidence of anything; what the page showed is still used.
  if (!linkFits(finalUrl)) return { url: key, finalUrl: key, status: 'error', title: r.title, description: r.description, hops, fetchedAt };
  return { url: key, finalUrl, status: r.status, title: r.title, description: r.description, hops, fetchedAt };
}

/** `bit.ly/x` (as residents type links) is fetched as `http://bit.ly/x`; the server upgrades it if it wants. */
export function absoluteUrl(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
}

export function createLinkPreviewer(opts: LinkPreviewerOptions) {
  const now = opts.now ?? (() => new Date());
  const maxLinks = opts.maxLinks ?? 3;
  const inFlight = new Map<string, Promise<LinkPreview>>();

  const fresh = (p: LinkPreview) => now().getTime() - p.fetchedAt.getTime() < (TRANSIENT.has(p.status) ? Math.min(RETRY_FAILED_AFTER_MS, opts.ttlMs) : opts.ttlMs);

  async function previewOne(raw: string, key: string): Promise<LinkPreview> {
    const cached = await opts.cache.find(key);
    if (cached && fresh(cached)) return cached;
    const resolution = await opts.resolver.resolve(absoluteUrl(raw));
    const preview = toPreview(resolution, key, now());
    // A cache that cannot be written costs a refetch later, not this report's preview.
    await opts.cache.save(preview).catch((err: unknown) => opts.onError?.(err, key));
    return preview;
  }

  return {
    /** Previews of the first `maxLinks` distinct links; a link whose lookup failed outright is left out. */
    async preview(rawUrls: string[]): Promise<LinkPreview[]> {
      const byKey = new Map<string, string>();
      for (const raw of rawUrls) {
        const key = normalizeUrl(raw);
        if (key && linkFits(key) && !byKey.has(key) && byKey.size < maxLinks) byKey.set(key, raw);
      }
      const settled = await Promise.all(
        [...byKey].map(async ([key, raw]) => {
          let pending = inFlight.get(key);
          if (!pending) {
            pending = previewOne(raw, key).finally(() => inFlight.delete(key));
            inFlight.set(key, pending);
          }
          try {
            return await pending;
          } catch (err) {
            opts.onError?.(err, key);
            return null;
          }
        }),
      );
      return settled.filter((p): p is LinkPreview => p !== null);
    },
  };
}

export type LinkPreviewer = ReturnType<typeof createLinkPreviewer>;
