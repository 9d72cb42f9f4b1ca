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
 * Reports per day as an SVG bar chart drawn on the server: no script (the CSP allows none), it scales
 * to the screen (viewBox, width 100%), and the numbers are in a <title> per bar and in the table.
 */
export function reportsChart(days: StatsOverview['reportsPerDay'], m: DashboardMessages = dashboardId): SafeHtml {
  const w = 640;
  const h = 240;
  const top = Math.max(1, ...days.map((d) => d.reports));
  const slot = w / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.75);
  const bars = days.map((d, i) => {
    const bh = Math.round((d.reports / top) * (h - 64));
    return html`<rect x="${(i * slot).toFixed(1)}" y="${h - 32 - bh}" width="${bar.toFixed(1)}" height="${bh}" fill="#0b4f6c"><title>${m.stats.barTitle(d.day, d.reports)}</title></rect>`;
  });
  const first = days[0]?.day ?? '';
  const last = days[days.length - 1]?.day ?? '';
  return html`<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${m.stats.chartLabel(top)}">
    <line x1="0" y1="${h - 32}" x2="${w}" y2="${h - 32}" stroke="#aab4be"/>
    ${bars}
    <text x="0" y="${h - 4}" font-size="22" fill="#5c6873">${first}</text>
    <text x="${w}" y="${h - 4}" font-size="22" fill="#5c6873" text-anchor="end">${last}</text>
    <text x="0" y="22" font-size="22" fill="#5c6873">${m.stats.chartMax(top)}</text>
  </svg>`;
}

export function statsPage(o: StatsOverview, form: { from: string; to: string; region: string; error?: string | undefined }, m: DashboardMessages = dashboardId): SafeHtml {
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
  <p class="muted">${s.period(o.period.fromDay, o.period.toDay)}</p>`;
}
