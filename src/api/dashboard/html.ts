/**
 * Server-side HTML with escaping by default: every value interpolated into `html\`…\`` is escaped
 * unless it is itself the output of `html` — so forgetting to escape is not possible, only
 * deliberately opting out is.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += render(v) + (strings[i + 1] ?? '')));
  return new SafeHtml(out);
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) stays text. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function link(url: string): SafeHtml {
  const href = safeHref(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${url}</a>` : html`${url}`;
}

/**
 * Text as written, wrapping only where it must: long unbroken tokens (links, codes, "aaaaaa…") may
 * break anywhere; ordinary words never break in the middle.
 */
const LONG_TOKEN = /\S{25,}/g;
export function wrapLong(text: string): SafeHtml {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LONG_TOKEN)) {
    out += escapeHtml(text.slice(last, m.index)) + `<span class="long">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  return new SafeHtml(out + escapeHtml(text.slice(last)));
}

export const ROLE_LABELS: Record<string, string> = { admin: 'Admin', diskominfo: 'Diskominfo', moderator: 'Pengurus KIM' };

/** A region as people read it; the code underneath when it is not in the regions table. */
export type Place = (code: string | null | undefined) => string;

export interface Viewer {
  name: string;
  role: string;
  regionCode: string;
  /** The staff region's name ("Kab. Merangin"); the code when unknown. */
  regionLabel?: string;
}

export interface LayoutInput {
  title: string;
  body: SafeHtml;
  /** The signed-in staff member, for the header and the logout button. */
  staff?: Viewer | null;
  csrf?: string;
  /** Reload the page every n seconds (a meta refresh: no script needed), e.g. while a broadcast runs. */
  refreshSeconds?: number;
}

/** The dashboard's sections, by who may open them. */
const NAV: Array<{ href: string; label: string; roles: readonly string[] }> = [
  { href: '/dashboard', label: 'Antrean klaim', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/broadcasts', label: 'Siaran', roles: ['admin', 'diskominfo'] },
  { href: '/dashboard/groups', label: 'Grup KIM', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/staff', label: 'Staf', roles: ['admin', 'diskominfo'] },
  { href: '/dashboard/stats', label: 'Statistik', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/whatsapp', label: 'WhatsApp', roles: ['admin'] },
];

function nav(role: string): SafeHtml {
  const links = NAV.filter((n) => n.roles.includes(role)).map((n) => html`<a href="${n.href}">${n.label}</a>`);
  return html`<nav class="sections" aria-label="Menu">${links}</nav>`;
}

export function layout(page: LayoutInput): string {
  const header = page.staff
    ? html`<header class="top"><a class="brand" href="/dashboard">Saring</a>
        ${nav(page.staff.role)}
        <span class="who"><span>${page.staff.name}</span> <span>· ${ROLE_LABELS[page.staff.role] ?? page.staff.role}</span> <span>· ${page.staff.regionLabel ?? page.staff.regionCode}</span></span>
        <form method="post" action="/dashboard/logout" class="inline logout"><input type="hidden" name="_csrf" value="${page.csrf ?? ''}"><button type="submit">Keluar</button></form>
      </header>`
    : html`<header class="top"><span class="brand">Saring</span></header>`;
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${page.refreshSeconds ? html`<meta http-equiv="refresh" content="${Math.max(1, Math.round(page.refreshSeconds))}">` : ''}
<title>${page.title} — Saring</title>
<link rel="stylesheet" href="/dashboard/assets/app.css">
${page.staff ? html`<script src="/dashboard/assets/region-picker.js" defer></script>` : ''}
</head>
<body>
${header}
<main>
${page.body}
</main>
</body>
</html>`.value;
}
