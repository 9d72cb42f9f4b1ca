/**
 * The few facts a link preview keeps from a page: its title and description, read from the `<head>` of at most
 * the first bytes a resolver downloaded. A small, forgiving scanner (pages in the wild are rarely valid HTML),
 * not a DOM: no scripts run, nothing is fetched, and text is capped.
 */

export interface PageHead {
  title: string | null;
  description: string | null;
}

const MAX_TITLE = 300;
const MAX_DESCRIPTION = 500;
/** Where a `<meta charset>` must appear, per the HTML standard's prescan. */
const PRESCAN_BYTES = 1024;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®', middot: '·',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return NAMED[ent.toLowerCase()] ?? whole;
  });
}

/** Entities decoded, tags and control characters dropped, whitespace collapsed, capped. */
function clean(raw: string | undefined, max: number): string | null {
  if (!raw) return null;
  const text = decodeEntities(raw.replace(/<[^>]*>/g, ' '))
    .replace(/\p{Cc}|\p{Cf}|[\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const CHARSET_IN = /charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i;

/** The encoding to decode with: the Content-Type header, else a BOM, else `<meta charset>`, else UTF-8. */
export function detectCharset(body: Uint8Array, contentType: string | undefined): string {
  const fromHeader = contentType?.match(CHARSET_IN)?.[1];
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  const candidates = [fromHeader, Buffer.from(body.subarray(0, PRESCAN_BYTES)).toString('latin1').match(/<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i)?.[1]];
  for (const label of candidates) {
    if (!label) continue;
    try {
      // WHATWG labels: latin1 / iso-8859-1 decode as windows-1252, as browsers do.
      return new TextDecoder(label.toLowerCase()).encoding;
    } catch {
      continue;
    }
  }
  return 'utf-8';
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttrs(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of s.matchAll(ATTR)) {
    const key = (m[1] ?? '').toLowerCase();
    if (!attrs.has(key)) attrs.set(key, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** `<meta …>` tags and the first `<title>…</title>` of the head. */
function scanHead(html: string): { title: string | undefined; metas: Tag[] } {
  const noComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  // Stop where the body starts: the head is all a preview needs, and body text is the page's, not its summary.
  const bodyAt = noComments.search(/<\/head\s*>|<body[\s>]/i);
  const head = (bodyAt >= 0 ? noComments.slice(0, bodyAt) : noComments).replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  const title = head.match(/<title\b[^>]*>([\s\S]*?)(?:<\/title\s*>|$)/i)?.[1];
  const metas: Tag[] = [];
  for (const m of head.matchAll(/<meta\b([^>]*)>/gi)) metas.push({ name: 'meta', attrs: parseAttrs(m[1] ?? '') });
  return { title, metas };
}

function metaContent(metas: Tag[], key: string): string | undefined {
  for (const m of metas) {
    const which = (m.attrs.get('property') ?? m.attrs.get('name') ?? '').toLowerCase();
    if (which === key) return m.attrs.get('content');
  }
  return undefined;
}

/** Title (og:title, else `<title>`) and description (og:description, else meta description) of a page. */
export function readPageHead(body: Uint8Array, contentType: string | undefined): PageHead {
  const encoding = detectCharset(body, contentType);
  let html: string;
  try {
    html = new TextDecoder(encoding).decode(body);
  } catch {
    html = new TextDecoder('utf-8').decode(body);
  }
  const { title, metas } = scanHead(html);
  return {
    title: clean(metaContent(metas, 'og:title'), MAX_TITLE) ?? clean(title, MAX_TITLE),
    description: clean(metaContent(metas, 'og:description'), MAX_DESCRIPTION) ?? clean(metaContent(metas, 'description'), MAX_DESCRIPTION),
  };
}
