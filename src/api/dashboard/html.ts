import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';

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
  /** The staff member's language (src/api/dashboard/lang.ts `pageLang`); Bahasa Indonesia when absent. */
  m?: DashboardMessages;
  /** This page's address, so the language switch comes back to it. */
  path?: string;
}

/** The dashboard's sections, by who may open them. */
const NAV: Array<{ href: string; key: keyof DashboardMessages['chrome']['nav']; roles: readonly string[] }> = [
  { href: '/dashboard', key: 'queue', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/broadcasts', key: 'broadcasts', roles: ['admin', 'diskominfo'] },
  { href: '/dashboard/groups', key: 'groups', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/staff', key: 'staff', roles: ['admin', 'diskominfo'] },
  { href: '/dashboard/stats', key: 'stats', roles: ['admin', 'diskominfo', 'moderator'] },
  { href: '/dashboard/whatsapp', key: 'whatsapp', roles: ['admin'] },
];

function nav(role: string, m: DashboardMessages): SafeHtml {
  const links = NAV.filter((n) => n.roles.includes(role)).map((n) => html`<a href="${n.href}">${m.chrome.nav[n.key]}</a>`);
  return html`<nav class="sections" aria-label="${m.chrome.menu}">${links}</nav>`;
}

/**
 * "English / Bahasa Indonesia": each language named in itself, the current one not a link. A plain link
 * (GET sets a cookie and comes back), so it works without scripts and on the login page.
 */
function languageSwitch(m: DashboardMessages, path: string | undefined): SafeHtml {
  const back = path && path.startsWith('/dashboard') ? path : '/dashboard';
  const option = (lang: 'en' | 'id', name: string) =>
    m.chrome.htmlLang === lang
      ? html`<strong aria-current="true" lang="${lang}">${name}</strong>`
      : html`<a href="/dashboard/bahasa?${new URLSearchParams({ lang, back }).toString()}" lang="${lang}" hreflang="${lang}">${name}</a>`;
  return html`<span class="lang-switch" aria-label="${m.chrome.switchLabel}">${option('en', 'English')} / ${option('id', 'Bahasa Indonesia')}</span>`;
}

export function layout(page: LayoutInput): string {
  const m = page.m ?? dashboardId;
  const header = page.staff
    ? html`<header class="top"><a class="brand" href="/dashboard">Saring</a>
        ${nav(page.staff.role, m)}
        <span class="who"><span>${page.staff.name}</span> <span>· ${(m.roles as Record<string, string>)[page.staff.role] ?? page.staff.role}</span> <span>· ${page.staff.regionLabel ?? page.staff.regionCode}</span></span>
        ${languageSwitch(m, page.path)}
        <form method="post" action="/dashboard/logout" class="inline logout"><input type="hidden" name="_csrf" value="${page.csrf ?? ''}"><button type="submit">${m.chrome.logout}</button></form>
      </header>`
    : html`<header class="top"><span class="brand">Saring</span> ${languageSwitch(m, page.path)}</header>`;
  return html`<!doctype html>
<html lang="${m.chrome.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no, email=no, address=no, date=no">
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
