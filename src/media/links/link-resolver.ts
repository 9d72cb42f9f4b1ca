/**
 * Follows one link the way a careful browser would, within a strict budget: at most `maxRedirects` redirects,
 * one deadline for the whole chain, at most `maxBytes` of the final page, http/https only, and every hop's
 * address checked (and pinned) before connecting. It never throws: every outcome is a LinkResolution.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readPageHead } from './html-head.js';
import { LinkRefusedError, pinnedLookup, resolveCheckedHost, systemResolver, type HostResolver } from './host-resolver.js';

export type LinkStatus =
  /** The chain ended at a page (2xx), whether or not it had a title. */
  | 'ok'
  /** The chain ended at an error page (4xx/5xx): the final address is known, the content is not. */
  | 'http_error'
  /** A hop pointed at a forbidden address or scheme: nothing was fetched from it. */
  | 'refused'
  | 'too_many_redirects'
  | 'timeout'
  /** DNS failure, connection refused, reset, bad redirect… */
  | 'error';

export interface LinkResolution {
  /** The link as the resident sent it (absolute). */
  url: string;
  /** Where the chain ended (or stopped), absolute. */
  finalUrl: string;
  status: LinkStatus;
  /** Every URL visited or refused, in order, starting with `url`. */
  hops: string[];
  title: string | null;
  description: string | null;
  /** Why it was refused or failed, for logs and moderators (never shown to residents). */
  detail: string | null;
}

export interface LinkBudget {
  maxRedirects: number;
  timeoutMs: number;
  maxBytes: number;
}

/** ≤ 5 redirects, 3 s for the whole chain, 256 KB of the final page (issue #12). */
export const LINK_BUDGET: LinkBudget = { maxRedirects: 5, timeoutMs: 3_000, maxBytes: 256 * 1024 };

export interface LinkResolverOptions {
  /** Test-only: loopback addresses are reachable (LINK_FETCH_ALLOW_LOOPBACK). */
  allowLoopback: boolean;
  resolver?: HostResolver;
  budget?: Partial<LinkBudget>;
  /** The signal that ends one resolution; default: aborts after budget.timeoutMs. Tests pass their own. */
  deadline?: (timeoutMs: number) => AbortSignal;
}

const USER_AGENT = 'Mozilla/5.0 (compatible; SaringBot/1.0; link preview for a hoax-reporting service)';
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface HopResponse {
  status: number;
  location: string | undefined;
  contentType: string | undefined;
  body: Uint8Array;
}

class DeadlineError extends Error {}

function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DeadlineError('deadline'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DeadlineError('deadline'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function createLinkResolver(opts: LinkResolverOptions) {
  const budget: LinkBudget = { ...LINK_BUDGET, ...opts.budget };
  const resolver = opts.resolver ?? systemResolver;
  const policy = { allowLoopback: opts.allowLoopback };
  const deadline = opts.deadline ?? ((ms: number) => AbortSignal.timeout(ms));

  /** One GET to a checked, pinned address; reads the body only of a page worth reading, and only up to maxBytes. */
  async function fetchHop(url: URL, signal: AbortSignal): Promise<HopResponse> {
    const pinned = await raceSignal(resolveCheckedHost(url.hostname, resolver, policy), signal);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HopResponse>((resolve, reject) => {
      const req = send(url, {
        method: 'GET',
        lookup: pinnedLookup(pinned),
        signal,
        agent: false,
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
          'accept-language': 'id,en;q=0.5',
          // Compressed bodies could inflate past the byte budget; ask for plain bytes.
          'accept-encoding': 'identity',
        },
      });
      req.on('error', (err) => reject(signal.aborted ? new DeadlineError('deadline') : err));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : undefined;
        const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
        const worthReading = status >= 200 && status < 300 && HTML_TYPES.test(contentType ?? '') && !(res.headers['content-encoding'] && res.headers['content-encoding'] !== 'identity');
        if (!worthReading) {
          req.destroy();
          resolve({ status, location, contentType, body: new Uint8Array(0) });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          res.removeAllListeners('data');
          resolve({ status, location, contentType, body: Buffer.concat(chunks, size) });
        };
        res.on('data', (chunk: Buffer) => {
          const room = budget.maxBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (size >= budget.maxBytes) {
            // Enough: the head is at the top of a page; the rest is never downloaded.
            finish();
            req.destroy();
          }
        });
        res.on('end', finish);
        // Cut off by the deadline → a timeout; cut off by the server → what arrived is what there is.
        const cutOff = (err?: Error) => {
          if (signal.aborted) reject(new DeadlineError('deadline'));
          else if (size > 0) finish();
          else reject(err ?? new Error('response aborted'));
        };
        res.on('error', cutOff);
        res.on('aborted', () => cutOff());
      });
      req.end();
    });
  }

  return {
    budget,
    /** Follow `input` to its final page. Never throws. */
    async resolve(input: string): Promise<LinkResolution> {
      const hops: string[] = [];
      const result = (status: LinkStatus, finalUrl: string, detail: string | null, head?: { title: string | null; description: string | null }): LinkResolution => ({
        url: hops[0] ?? input,
        finalUrl,
        status,
        hops,
        title: head?.title ?? null,
        description: head?.description ?? null,
        detail,
      });
      let current: URL;
      try {
        current = new URL(input);
      } catch {
        return result('error', input, 'not a URL');
      }
      const signal = deadline(budget.timeoutMs);
      for (let redirects = 0; ; redirects++) {
        // Credentials in a link are never sent anywhere.
        current.username = '';
        current.password = '';
        hops.push(current.href);
        if (current.protocol !== 'http:' && current.protocol !== 'https:') return result('refused', current.href, `scheme ${current.protocol}`);
        let res: HopResponse;
        try {
          res = await fetchHop(current, signal);
        } catch (err) {
          if (err instanceof LinkRefusedError) return result('refused', current.href, err.message);
          if (err instanceof DeadlineError || signal.aborted) return result('timeout', current.href, 'deadline reached');
          return result('error', current.href, err instanceof Error ? err.message : String(err));
        }
        if (REDIRECTS.has(res.status) && res.location) {
          let next: URL;
          try {
            next = new URL(res.location, current);
          } catch {
            return result('error', current.href, 'bad redirect');
          }
          if (redirects + 1 > budget.maxRedirects) {
            hops.push(next.href);
            return result('too_many_redirects', next.href, `more than ${budget.maxRedirects} redirects`);
          }
          current = next;
          continue;
        }
        if (res.status >= 200 && res.status < 300) {
          const head = res.body.length ? readPageHead(res.body, res.contentType) : { title: null, description: null };
          return result('ok', current.href, null, head);
        }
        return result('http_error', current.href, `HTTP ${res.status}`);
      }
    },
  };
}

export type LinkResolver = ReturnType<typeof createLinkResolver>;
