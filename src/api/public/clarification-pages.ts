import { html, link, SafeHtml } from '../dashboard/html.js';
import { VERDICT_LABELS } from '../../domain/verdict.js';
import type { PublicClarification } from '../../services/public-clarifications.service.js';
import { indonesianDate } from '../../services/public-clarifications.service.js';
import { toClaimReview } from '../../services/claimreview.service.js';

/** The public site's only stylesheet: small, mobile-first, no web fonts (page weight stays far under 100 KB). */
export const SITE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
header{background:#0b4f6c;color:#fff;padding:.7rem 1rem}
header a{color:#fff;font-weight:700;text-decoration:none}
main{max-width:760px;margin:0 auto;padding:1rem}
.item,.claim{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:1rem;margin:0 0 1rem}
.item h2{font-size:1.05rem;margin:.3rem 0}
.item a{color:#0b4f6c}
.stamp{display:inline-block;padding:.1rem .5rem;border-radius:4px;font-weight:700;color:#fff;font-size:.9rem}
.s-hoaks,.s-penipuan{background:#C62828}.s-menyesatkan{background:#EF6C00}.s-belum_terbukti{background:#616161}.s-benar{background:#2E7D32}
.muted{color:#5c6873;font-size:.9rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
form.search input,form.search select{font:inherit;padding:.55rem;border:1px solid #aab4be;border-radius:6px;min-height:44px;flex:1 1 12rem;max-width:100%}
form.search button,a.button{font:inherit;padding:.55rem 1rem;border:0;border-radius:6px;background:#0b4f6c;color:#fff;min-height:44px;text-decoration:none;display:inline-block}
img.card{width:100%;height:auto;border-radius:8px;display:block;margin:1rem 0}
blockquote{margin:.5rem 0;padding:.2rem 1rem;border-left:4px solid #aab4be;overflow-wrap:anywhere}
p{overflow-wrap:anywhere}
`;

export interface SiteMeta {
  title: string;
  description: string;
  /** Absolute URLs when PUBLIC_URL is set (OpenGraph requires them). */
  url?: string | undefined;
  image?: string | undefined;
  jsonLd?: unknown;
}

/** JSON inside a <script> data block: "<" escaped so no text can close the element. */
function jsonLdBlock(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return html`<script type="application/ld+json">${new SafeHtml(json)}</script>`;
}

export function siteLayout(meta: SiteMeta, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title}</title>
<meta name="description" content="${meta.description}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Saring — cek hoaks KIM &amp; Diskominfo">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
${meta.url ? html`<meta property="og:url" content="${meta.url}"><link rel="canonical" href="${meta.url}">` : ''}
${meta.image ? html`<meta property="og:image" content="${meta.image}"><meta property="og:image:type" content="image/png"><meta property="og:image:width" content="1080"><meta property="og:image:height" content="1350">` : ''}
<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">
${meta.image ? html`<meta name="twitter:image" content="${meta.image}">` : ''}
<link rel="stylesheet" href="/klarifikasi/assets/site.css">
${meta.jsonLd ? jsonLdBlock(meta.jsonLd) : ''}
</head>
<body>
<header><a href="/klarifikasi">Saring · Klarifikasi hoaks</a></header>
<main>
${body}
</main>
</body>
</html>`.value;
}

function stamp(c: PublicClarification): SafeHtml {
  return html`<span class="stamp s-${c.verdict}">${VERDICT_LABELS[c.verdict]}</span>`;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text;
}

export function clarificationListPage(input: {
  items: PublicClarification[];
  search: string;
  kabupaten: string;
  choices: Array<{ code: string; name: string }>;
  nextHref: string | null;
}): SafeHtml {
  return html`<h1>Klarifikasi terbaru</h1>
  <form class="search" method="get" action="/klarifikasi" role="search">
    <input type="search" name="q" value="${input.search}" placeholder="Cari kata, misalnya: bansos" aria-label="Cari">
    <select name="kab" aria-label="Kabupaten/kota">
      <option value="">Semua wilayah</option>
      ${input.choices.map((c) => html`<option value="${c.code}"${c.code === input.kabupaten ? html` selected` : ''}>${c.name}</option>`)}
    </select>
    <button type="submit">Cari</button>
  </form>
  ${input.items.length === 0 ? html`<p class="muted">Belum ada klarifikasi yang cocok.</p>` : ''}
  ${input.items.map(
    (c) => html`<article class="item">${stamp(c)} <span class="muted">${c.issuer} · ${indonesianDate(c.publishedAt)}</span>
      <h2><a href="/klarifikasi/${c.id}">${short(c.summary, 160)}</a></h2>
      <p>${short(c.clarification, 200)}</p></article>`,
  )}
  ${input.nextHref ? html`<p><a class="button" href="${input.nextHref}">Klarifikasi sebelumnya</a></p>` : ''}`;
}

export function clarificationPage(c: PublicClarification, cardUrl: string): SafeHtml {
  return html`<article class="claim">
  <p>${stamp(c)} <span class="muted">${c.official ? 'Klarifikasi resmi' : 'Diperiksa pengurus KIM'} · ${c.issuer} · ${indonesianDate(c.publishedAt)}</span></p>
  <h1>Pesan yang beredar</h1>
  <blockquote>${c.summary}</blockquote>
  ${c.place ? html`<p class="muted">Dilaporkan warga di ${c.place}</p>` : ''}
  <h2>Faktanya</h2>
  <p>${c.clarification}</p>
  ${c.sources.length ? html`<p>Sumber: ${c.sources.map((s) => html`${link(s)} `)}</p>` : ''}
  <img class="card" src="${cardUrl}" width="1080" height="1350" alt="Kartu klarifikasi ${VERDICT_LABELS[c.verdict]} untuk dibagikan" loading="lazy">
  <p><a class="button" href="${cardUrl}" download="klarifikasi-${c.id}.png">Unduh kartu untuk dibagikan</a></p>
</article>`;
}

/** The page's ClaimReview (as in /claimreview.json), with the page itself as its url. */
export function clarificationJsonLd(c: PublicClarification, pageUrl: string, baseUrl: string): unknown {
  const review = toClaimReview({ id: c.id, text: c.summary, verdict: c.verdict, kind: c.official ? 'official' : 'community', clarification: c.clarification, sources: c.sources, publishedAt: c.publishedAt }, baseUrl);
  return { ...review, url: pageUrl };
}

export function publicErrorPage(title: string, message: string): SafeHtml {
  return html`<article class="claim"><h1>${title}</h1><p>${message}</p><p><a class="button" href="/klarifikasi">Lihat klarifikasi terbaru</a></p></article>`;
}
