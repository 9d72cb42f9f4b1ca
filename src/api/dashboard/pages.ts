import type { ClaimRow, VerdictRow } from '../../db/schema/index.js';
import { SOURCE_OPTIONAL_VERDICTS, VERDICT_CODES, VERDICT_LABELS } from '../../domain/verdict.js';
import type { QueueItem, ReportView } from '../../services/claims-query.service.js';
import type { SimilarClaim } from '../../services/similar-claims.service.js';
import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import { CLAIM_STATUSES, CLARIFICATION_MAX } from '../schemas/claims.schema.js';
import { html, link, wrapLong, type Place, type SafeHtml } from './html.js';

/** Verdicts that stand without a source link ("belum terbukti", "di luar cakupan"). */
export const SOURCE_OPTIONAL: readonly string[] = SOURCE_OPTIONAL_VERDICTS;
import { SUMMARY_MAX } from '../../domain/safe-quote.js';
import { bandOf } from '../../domain/score-band.js';

/** The hoax-score band, with the exact score in the tooltip for those who want it. */
function bandBadge(band: string | null, score: number | null, m: DashboardMessages): SafeHtml | string {
  const b = bandOf(band, score);
  if (!b) return '–';
  return html`<span class="badge band-${b}" title="${m.scoreBandHint}${score === null ? '' : ` (${score.toFixed(2)})`}">${m.scoreBand[b] ?? b}</span>`;
}

/**
 * The dashboard's pages, in the staff member's language (`m`, Bahasa Indonesia by default; see
 * src/api/dashboard/lang.ts). Pure functions of their data: no I/O here.
 */

export const dateTime = (d: Date | string, m: DashboardMessages = dashboardId) =>
  new Date(d).toLocaleString(m.dateLocale, { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }) + ' WIB';

export const verdictBadge = (verdict: string | null | undefined, kind?: string | null, m: DashboardMessages = dashboardId) =>
  verdict
    ? html`<span class="badge v-${verdict}">${(m.verdicts as Record<string, string>)[verdict] ?? VERDICT_LABELS[verdict as keyof typeof VERDICT_LABELS] ?? verdict}</span>${kind === 'official' ? html` <small>${m.official}</small>` : ''}`
    : html`<span class="muted">${m.noVerdict}</span>`;

export function loginPage(input: { csrf: string; error?: string; m?: DashboardMessages }): SafeHtml {
  const m = input.m ?? dashboardId;
  return html`<section class="card narrow">
  <h1>${m.login.heading}</h1>
  ${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
  <form method="post" action="/dashboard/login">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="token">${m.login.token}</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required maxlength="200">
    <button type="submit">${m.login.submit}</button>
  </form>
  <p class="muted">${m.login.hint} <code>saring staff add</code>.</p>
</section>`;
}

/** A region input that takes a name or a code; the picker script turns it into search-as-you-type. */
export function regionInput(input: { name: string; id: string; value: string; multi?: boolean; placeholder: string; required?: boolean; chosen?: Array<{ code: string; label: string }> }): SafeHtml {
  return html`<span class="picker"><input id="${input.id}" name="${input.name}" value="${input.value}" placeholder="${input.placeholder}" maxlength="${input.multi ? 600 : 80}" autocomplete="off"
    data-region-picker="${input.multi ? 'multi' : 'single'}"${input.chosen?.length ? html` data-chosen="${JSON.stringify(input.chosen)}"` : ''}${input.required ? html` required` : ''}></span>`;
}

export function queuePage(input: {
  items: QueueItem[];
  filter: { status?: string; region?: string };
  /** The region filter as understood, e.g. "Kec. Pamenang Barat, Kab. Merangin". */
  regionLabel?: string;
  place: Place;
  nextHref: string | null;
  error?: string;
  m?: DashboardMessages;
}): SafeHtml {
  const m = input.m ?? dashboardId;
  const q = m.queue;
  const statusOptions = [html`<option value="">${q.all}</option>`].concat(
    CLAIM_STATUSES.map((s) => html`<option value="${s}"${input.filter.status === s ? html` selected` : ''}>${m.statuses[s]}</option>`),
  );
  const rows = input.items.map(
    (c) => html`<tr data-claim="${c.id}">
      <td data-label="${q.claim}"><a href="/dashboard/claims/${c.id}">${q.claimNo(c.id)}</a></td>
      <td class="text" data-label="${q.text}"><span class="snippet">${wrapLong(c.snippet)}</span></td>
      <td data-label="${q.reports}">${c.reportCount}${c.suggested ? html` <span class="badge">${q.toConfirm(c.suggested)}</span>` : ''}${c.desaCount > 1 ? html` <span class="muted">${q.fromDesa(c.desaCount)}</span>` : ''}</td>
      <td data-label="${q.score}">${bandBadge(c.scoreBand, c.score, m)}${c.scamCandidate ? html` <span class="badge v-penipuan">${q.scam}</span>` : ''}</td>
      <td data-label="${q.region}">${c.regionCode ? input.place(c.regionCode) : html`<span class="muted">${q.noDesa}</span>`}</td>
      <td data-label="${q.verdict}">${verdictBadge(c.verdict, c.verdictKind, m)}</td>
    </tr>`,
  );
  return html`<h1>${q.title}</h1>
<form method="get" action="/dashboard" class="filters">
  <label>${q.status} <select name="status">${statusOptions}</select></label>
  <label for="region-filter">${q.region} <span class="hint">${q.regionHint}</span>${regionInput({ name: 'region', id: 'region-filter', value: input.filter.region ?? '', placeholder: q.regionPlaceholder })}</label>
  <button type="submit">${q.filter}</button>
</form>
${input.regionLabel ? html`<p class="resolved" id="region-resolved">${q.regionResolved(input.regionLabel)}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<table class="queue">
  <thead><tr><th>${q.claim}</th><th>${q.textHeading}</th><th>${q.reports}</th><th>${q.score}</th><th>${q.region}</th><th>${q.verdict}</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">${q.empty}</td></tr>`}</tbody>
</table>
${input.nextHref ? html`<p><a class="button secondary" href="${input.nextHref}">${q.next}</a></p>` : ''}`;
}

export interface VerdictForm {
  verdict?: string;
  clarification?: string;
  source?: string;
  into?: string;
  summary?: string;
}

export function claimPage(input: {
  claim: ClaimRow;
  verdict: VerdictRow | undefined;
  reports: ReportView[];
  similar: SimilarClaim[];
  place: Place;
  csrf: string;
  flash?: string;
  error?: string;
  form?: VerdictForm;
  /** What the public summary field starts with: the approved summary, else the text with personal data masked. */
  summaryPrefill?: string;
  /** Diskominfo/admin looking at a claim with an official verdict: offer to broadcast it. */
  broadcastable?: boolean;
  /** Pictures and files residents forwarded: region-scoped dashboard URLs (never public). */
  media?: Array<{ url: string; picture: boolean }>;
  m?: DashboardMessages;
  /** The published verdict's card (its public, versioned URL), when the claim has a public page. */
  cardUrl?: string | null;
  /** 👍/👎 residents gave the answer of the verdict in force. */
  feedback?: { helpful: number; unhelpful: number } | null;
}): SafeHtml {
  const { claim, verdict } = input;
  const m = input.m ?? dashboardId;
  const t = m.claim;
  const chosen = input.form?.verdict ?? '';
  const options = VERDICT_CODES.map((v) => html`<option value="${v}"${chosen === v ? html` selected` : ''}>${m.verdicts[v]}</option>`);
  const reports = input.reports.map(
    (r) => html`<li><strong>${r.ticket}</strong> · ${dateTime(r.receivedAt, m)} · ${matchLabel(r.matchLevel, r.similarity, m)}${r.forwarded ? ` · ${t.forwarded}` : ''}
      <pre class="text">${r.text === null ? `(${r.mediaKind ?? t.noText})` : wrapLong(r.text)}</pre>${claim.mergedIntoId ? '' : reportActions(r, input.csrf, m)}</li>`,
  );
  const region = claim.regionCode ? input.place(claim.regionCode) : t.noDesa;
  const routed = claim.routedRegion && claim.routedRegion !== claim.regionCode ? html` <span class="muted">${t.handledBy(input.place(claim.routedRegion))}</span>` : '';
  return html`<p><a href="/dashboard">${t.back}</a></p>
<h1>${m.queue.claimNo(claim.id)}</h1>
${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<section class="card">
  <pre class="text claim-text">${wrapLong(claim.text)}</pre>
  ${(input.media ?? []).map((f) => (f.picture ? html`<p><img class="claim-media" src="${f.url}" alt="${t.picture}" style="max-width:100%;height:auto"></p>` : html`<p><a href="${f.url}">${t.file}</a></p>`))}
  <dl class="meta">
    <dt>${t.status}</dt><dd>${m.statuses[claim.status]}</dd>
    <dt>${t.region}</dt><dd id="claim-region">${region}${routed}</dd>
    <dt>${t.score}</dt><dd>${bandBadge(claim.scoreBand, claim.score, m)}</dd>
    <dt>${t.signals}</dt><dd>${claim.signals.join(', ') || '–'}</dd>
    <dt>${t.reports}</dt><dd>${claim.reportCount}</dd>
    <dt>${t.verdict}</dt><dd>${verdictBadge(verdict?.verdict, verdict?.kind, m)}</dd>
  </dl>
  ${verdict ? html`<p>${verdict.clarification}</p>${verdict.sources.length > 0 ? html`<p>${t.source} ${verdict.sources.map((s) => html`<span class="long">${link(s)}</span> `)}</p>` : ''}` : ''}
  ${input.cardUrl ? html`<p><a class="button" id="card-download" href="${input.cardUrl}" download="klarifikasi-${claim.id}.png">${m.answer.downloadCard}</a> <span class="hint">${m.answer.cardHint}</span></p>` : ''}
  ${input.feedback ? html`<p id="answer-feedback"><strong>${m.answer.feedbackTitle}:</strong> ${m.answer.feedback(input.feedback.helpful, input.feedback.unhelpful)}</p>` : ''}
  ${verdict && claim.status === 'in_review' && input.feedback ? html`<p class="error" role="status">${m.answer.reopened(input.feedback.unhelpful)}</p>` : ''}
  ${input.broadcastable ? html`<p><a class="button" href="/dashboard/broadcasts?claim=${claim.id}">${t.broadcast}</a></p>` : ''}
</section>
${claim.mergedIntoId ? '' : html`<section class="card">
  <h2>${t.giveVerdict}</h2>
  <form method="post" action="/dashboard/claims/${claim.id}/verdict/preview" id="verdict-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="verdict">${t.verdict}</label>
    <select id="verdict" name="verdict" required><option value="">${t.choose}</option>${options}</select>
    <label for="clarification">${t.clarification} <span class="hint">${t.clarificationHint(CLARIFICATION_MAX)}</span></label>
    <textarea id="clarification" name="clarification" maxlength="${CLARIFICATION_MAX}" rows="5" required>${input.form?.clarification ?? ''}</textarea>
    <label for="source">${t.sourceLink} <span class="hint">${t.sourceHint}</span></label>
    <input id="source" name="source" type="url" maxlength="2000" placeholder="https://" value="${input.form?.source ?? ''}">
    <label for="summary">${t.summary} <span class="hint">${t.summaryHint}</span></label>
    <textarea id="summary" name="summary" maxlength="${SUMMARY_MAX}" rows="4">${input.form?.summary ?? input.summaryPrefill ?? ''}</textarea>
    <button type="submit">${t.preview}</button>
  </form>
</section>`}
${claim.mergedIntoId
    ? html`<section class="card"><p>${t.mergedInto} <a href="/dashboard/claims/${claim.mergedIntoId}">${m.queue.claimNo(claim.mergedIntoId)}</a>.</p></section>`
    : html`<section class="card" id="similar">
  <h2>${t.similar}</h2>
  ${input.similar.length > 0
    ? html`<p class="muted">${t.similarHelp}</p>
  <ul class="similar">${input.similar.map((c) => similarItem(claim.id, c, input.place, input.csrf, m))}</ul>`
    : html`<p class="muted">${t.noSimilar}</p>`}
  <details${input.form?.into ? html` open` : ''}>
    <summary>${t.mergeOther}</summary>
    <form method="post" action="/dashboard/claims/${claim.id}/merge">
      <input type="hidden" name="_csrf" value="${input.csrf}">
      <label for="into">${t.mergeTarget}</label>
      <input id="into" name="into" inputmode="numeric" required maxlength="12" placeholder="123" value="${input.form?.into ?? ''}">
      <button type="submit">${t.mergeSubmit}</button>
    </form>
  </details>
</section>`}
<section class="card">
  <h2>${t.residentReports(input.reports.length)}</h2>
  <ol class="reports">${reports}</ol>
</section>`;
}

/** One similar claim with its one-tap merge; the claim that keeps the reports is the decided (else older) one. */
function similarItem(thisId: number, c: SimilarClaim, place: Place, csrf: string, m: DashboardMessages): SafeHtml {
  const [from, into] = c.keep === 'other' ? [thisId, c.id] : [c.id, thisId];
  const first = c.text.split('\n').filter((l) => l.trim()).slice(0, 3).join('\n');
  return html`<li data-similar="${c.id}">
    <p><a href="/dashboard/claims/${c.id}">${m.queue.claimNo(c.id)}</a> · ${m.claim.similarLine(Math.round(c.similarity * 100), c.reportCount)} · ${c.regionCode ? place(c.regionCode) : m.queue.noDesa} · ${verdictBadge(c.verdict, c.verdictKind, m)}</p>
    <p class="snippet">${wrapLong(first.length > 240 ? `${first.slice(0, first.lastIndexOf(' ', 239) > 0 ? first.lastIndexOf(' ', 239) : 239)}…` : first)}</p>
    <form method="post" action="/dashboard/claims/${from}/merge" class="actions">
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="into" value="${into}">
      <button type="submit">${c.keep === 'other' ? m.claim.mergeInto(c.id) : m.claim.mergeHere(c.id)}</button>
    </form>
  </li>`;
}

/** Step two of a verdict, as in the moderators' chat: exactly what residents will receive, then "Terbitkan". */
export function verdictPreviewPage(input: {
  claimId: number;
  form: { verdict: string; clarification: string; source: string; summary: string };
  message: string;
  audience: { reporters: number; answered: number; corrected: number };
  csrf: string;
  m?: DashboardMessages;
}): SafeHtml {
  const { audience: a } = input;
  const p = (input.m ?? dashboardId).preview;
  const reach =
    a.reporters === 0
      ? p.noReporters
      : a.answered === 0 && a.corrected === 0
        ? p.allTold
        : [a.answered > 0 ? p.willAnswer(a.answered) : '', a.corrected > 0 ? p.willCorrect(a.corrected) : ''].filter(Boolean).join('; ') + '.';
  const hidden = html`<input type="hidden" name="_csrf" value="${input.csrf}">
      <input type="hidden" name="verdict" value="${input.form.verdict}">
      <input type="hidden" name="clarification" value="${input.form.clarification}">
      <input type="hidden" name="source" value="${input.form.source}">
      <input type="hidden" name="summary" value="${input.form.summary}">`;
  return html`<p><a href="/dashboard/claims/${input.claimId}">${p.back(input.claimId)}</a></p>
<h1>${p.heading}</h1>
<section class="card">
  <h2>${p.message}</h2>
  <pre class="text preview" id="verdict-preview" lang="id">${wrapLong(input.message)}</pre>
  <p id="verdict-reach">${reach}</p>
  <p class="muted">${p.ticketNote} ${p.languageNote}</p>
  <div class="actions">
    <form method="post" action="/dashboard/claims/${input.claimId}/verdict" id="publish-form">${hidden}<button type="submit">${p.publish}</button></form>
    <form method="post" action="/dashboard/claims/${input.claimId}/verdict/preview">${hidden}<input type="hidden" name="ubah" value="1"><button type="submit" class="secondary">${p.edit}</button></form>
  </div>
</section>`;
}

function matchLabel(level: string | null, similarity: number | null, m: DashboardMessages): string {
  if (!level) return m.claim.notAnalysed;
  const label = (m.claim.match as Record<string, string>)[level] ?? level;
  return similarity !== null && (level === 'auto' || level === 'suggest') ? `${label}, ${Math.round(similarity * 100)}%` : label;
}

/** Settling what the matcher placed: a suggestion can be confirmed; any machine match can be undone. */
function reportActions(r: ReportView, csrf: string, m: DashboardMessages): SafeHtml | '' {
  const form = (action: 'confirm' | 'detach', label: string) => html`<form method="post" action="/dashboard/reports/${r.id}/${action}" class="inline">
        <input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${label}</button></form>`;
  if (r.matchLevel === 'suggest') return html`<p class="actions">${form('confirm', m.claim.confirm)} ${form('detach', m.claim.detach)}</p>`;
  if (r.matchLevel === 'auto' || r.matchLevel === 'confirmed') return html`<p class="actions">${form('detach', m.claim.detachAuto)}</p>`;
  return '';
}

export function errorPage(status: number, message: string, options: { loggedIn?: boolean; m?: DashboardMessages } = {}): SafeHtml {
  const m = options.m ?? dashboardId;
  const titles = m.errors.titles as Record<number, string>;
  const title = titles[status] ?? (status >= 500 ? titles[500] : titles[400]);
  return html`<section class="card narrow"><h1>${title}</h1><p>${message}</p>
  <p>${status === 401 || options.loggedIn === false ? html`<a class="button" href="/dashboard/login">${m.errors.login}</a>` : html`<a class="button" href="/dashboard">${m.errors.backToQueue}</a>`}</p></section>`;
}
