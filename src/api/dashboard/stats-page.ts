import { html, type SafeHtml } from './html.js';
import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import type { StatsOverview } from '../../services/stats.service.js';
import { regionInput } from './pages.js';

const PLATFORM_NAMES: Record<string, string> = { telegram: 'Telegram', whatsapp: 'WhatsApp' };

function verdictName(code: string, m: DashboardMessages): string {
  return code === 'belum' ? m.stats.undecided : ((m.verdicts as Record<string, string>)[code] ?? code);
}

function hours(h: number | null, m: DashboardMessages): string {
  if (h === null) return '—';
  return h < 48 ? m.stats.hours(m.stats.decimal(h)) : m.stats.days(m.stats.decimal(h / 24));
}

/**
 * Reports per day as an SVG bar chart drawn on the server: no script (the CSP allows none). The bars stretch to
 * the card (viewBox without a fixed aspect, fixed height); the labels are HTML at the page's own size, because
 * text inside a scaled SVG grew to headline size on a desktop. The numbers are in a <title> per bar and the table.
 */
export function reportsChart(days: StatsOverview['reportsPerDay'], m: DashboardMessages = dashboardId): SafeHtml {
  const w = 640;
  const h = 200;
  const top = Math.max(1, ...days.map((d) => d.reports));
  const slot = w / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.75);
  const bars = days.map((d, i) => {
    const bh = Math.round((d.reports / top) * (h - 8));
    return html`<rect x="${(i * slot).toFixed(1)}" y="${h - 1 - bh}" width="${bar.toFixed(1)}" height="${bh}" fill="#0b4f6c"><title>${m.stats.barTitle(d.day, d.reports)}</title></rect>`;
  });
  const first = days[0]?.day ?? '';
  const last = days[days.length - 1]?.day ?? '';
  return html`<figure class="chart">
    <figcaption class="chart-max">${m.stats.chartMax(top)}</figcaption>
    <svg class="chart" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${m.stats.chartLabel(top)}">
      ${bars}
      <line x1="0" y1="${h - 0.5}" x2="${w}" y2="${h - 0.5}" stroke="#aab4be" vector-effect="non-scaling-stroke"/>
    </svg>
    <div class="chart-axis"><span>${first}</span><span>${last}</span></div>
  </figure>`;
}

/** Which hoax model scores reports now, and what retraining did lately. */
export interface ModelInfo {
  version: string;
  shipped: boolean;
  localMemory: number;
  history: Array<{ version: string; status: string; createdAt: Date }>;
}

function modelSection(info: ModelInfo, m: DashboardMessages): SafeHtml {
  return html`<section class="card" id="hoax-model"><h2>${m.modelTitle}</h2>
    <p>${m.modelLive(info.version)}</p>
    <p class="muted">${info.shipped ? m.modelShipped : ''} ${m.modelMemory(info.localMemory)}</p>
    ${info.history.length
      ? html`<table class="plain"><tbody>${info.history.map(
          (h) => html`<tr><td>${h.version}</td><td>${m.modelHistoryStatus[h.status] ?? h.status}</td><td class="muted">${h.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td></tr>`,
        )}</tbody></table>`
      : ''}
  </section>`;
}

export function statsPage(o: StatsOverview, form: { from: string; to: string; region: string; error?: string | undefined }, m: DashboardMessages = dashboardId, model?: ModelInfo): SafeHtml {
  const s = m.stats;
  const csv = `/dashboard/stats.csv?${new URLSearchParams({ from: o.period.fromDay, to: o.period.toDay, ...(form.region ? { region: form.region } : {}) })}`;
  return html`<h1>${s.heading(o.scopeLabel)}</h1>
  ${form.error ? html`<p class="error">${form.error}</p>` : ''}
  <form method="get" action="/dashboard/stats" class="filters card">
    <label>${s.from} <input type="date" name="from" value="${form.from}"></label>
    <label>${s.to} <input type="date" name="to" value="${form.to}"></label>
    <label for="stats-region">${s.region} <span class="hint">${s.regionHint}</span>${regionInput({ name: 'region', id: 'stats-region', value: form.region, placeholder: s.regionPlaceholder })}</label>
    <button type="submit">${s.show}</button>
    <a class="button-link" href="${csv}" download>${s.csv}</a>
  </form>
  <section class="stat-tiles">
    <div><strong>${o.totalReports}</strong>${s.reports}</div>
    <div><strong>${o.timeToVerdict.decided}</strong>${s.decided}</div>
    <div><strong>${hours(o.timeToVerdict.medianHours, m)}</strong>${s.median}</div>
    <div><strong>${hours(o.timeToVerdict.p90Hours, m)}</strong>${s.p90}</div>
    <div><strong>${o.slaBreaches}</strong>${s.breaches}</div>
    <div id="feedback-rate"><strong>${o.feedback.rate === null ? '–' : `${o.feedback.rate}%`}</strong>${s.feedbackTile(o.feedback.helpful, o.feedback.unhelpful, o.feedback.answered)}</div>
  </section>
  <section class="card"><h2>${s.perDay}</h2>${reportsChart(o.reportsPerDay, m)}</section>
  <div class="stat-grid">
    <section class="card"><h2>${s.byVerdict}</h2>
      <table class="plain"><tbody>${o.byVerdict.map((v) => html`<tr><td>${verdictName(v.verdict, m)}</td><td class="num">${v.claims}</td></tr>`)}</tbody></table>
      ${o.byVerdict.length === 0 ? html`<p class="muted">${s.noClaims}</p>` : ''}
    </section>
    <section class="card"><h2>${s.channels}</h2>
      <table class="plain"><tbody>${o.byPlatform.map((p) => html`<tr><td>${PLATFORM_NAMES[p.platform] ?? p.platform}</td><td class="num">${p.reports}</td></tr>`)}</tbody></table>
      ${o.byPlatform.length === 0 ? html`<p class="muted">${s.noReports}</p>` : ''}
    </section>
  </div>
  <section class="card"><h2>${s.top}</h2>
    ${o.topClaims.length === 0 ? html`<p class="muted">${s.noReportsPeriod}</p>` : ''}
    <ol class="top-claims">${o.topClaims.map(
      (t) => html`<li><a href="/dashboard/claims/${t.id}">#${t.id}</a> ${t.verdict ? html`<span class="badge v-${t.verdict}">${verdictName(t.verdict, m)}</span>` : ''}
        <span class="muted">${s.topLine(t.reports, t.region)}</span><br>${t.text.length > 140 ? `${t.text.slice(0, 140)}…` : t.text}</li>`,
    )}</ol>
  </section>
  <section class="card"><h2>${s.perRegion}</h2>
    <table class="plain"><thead><tr><th>${s.region}</th><th class="num">${s.reportsCol}</th><th class="num">${s.claims}</th><th class="num">${s.decidedCol}</th></tr></thead>
    <tbody>${o.byRegion.map((r) => html`<tr><td>${r.name}</td><td class="num">${r.reports}</td><td class="num">${r.claims}</td><td class="num">${r.decided}</td></tr>`)}</tbody></table>
  </section>
  <p class="muted">${s.period(o.period.fromDay, o.period.toDay)}</p>
  ${model ? modelSection(model, m) : ''}`;
}
