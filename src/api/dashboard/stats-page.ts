import { html, type SafeHtml } from './html.js';
import { VERDICT_LABELS, type VerdictCode } from '../../domain/verdict.js';
import type { StatsOverview } from '../../services/stats.service.js';
import { regionInput } from './pages.js';

const PLATFORM_NAMES: Record<string, string> = { telegram: 'Telegram', whatsapp: 'WhatsApp' };

function verdictName(code: string): string {
  return code === 'belum' ? 'Belum diputus' : (VERDICT_LABELS[code as VerdictCode] ?? code);
}

function hours(h: number | null): string {
  if (h === null) return '—';
  return h < 48 ? `${h.toFixed(1).replace('.', ',')} jam` : `${(h / 24).toFixed(1).replace('.', ',')} hari`;
}

/**
 * Reports per day as an SVG bar chart drawn on the server: no script (the CSP allows none), it scales
 * to the screen (viewBox, width 100%), and the numbers are in a <title> per bar and in the table.
 */
export function reportsChart(days: StatsOverview['reportsPerDay']): SafeHtml {
  const w = 640;
  const h = 240;
  const top = Math.max(1, ...days.map((d) => d.reports));
  const slot = w / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.75);
  const bars = days.map((d, i) => {
    const bh = Math.round((d.reports / top) * (h - 64));
    return html`<rect x="${(i * slot).toFixed(1)}" y="${h - 32 - bh}" width="${bar.toFixed(1)}" height="${bh}" fill="#0b4f6c"><title>${d.day}: ${d.reports} laporan</title></rect>`;
  });
  const first = days[0]?.day ?? '';
  const last = days[days.length - 1]?.day ?? '';
  return html`<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="Laporan per hari, tertinggi ${top}">
    <line x1="0" y1="${h - 32}" x2="${w}" y2="${h - 32}" stroke="#aab4be"/>
    ${bars}
    <text x="0" y="${h - 4}" font-size="22" fill="#5c6873">${first}</text>
    <text x="${w}" y="${h - 4}" font-size="22" fill="#5c6873" text-anchor="end">${last}</text>
    <text x="0" y="22" font-size="22" fill="#5c6873">maks. ${top}/hari</text>
  </svg>`;
}

export function statsPage(o: StatsOverview, form: { from: string; to: string; region: string; error?: string | undefined }): SafeHtml {
  const csv = `/dashboard/stats.csv?${new URLSearchParams({ from: o.period.fromDay, to: o.period.toDay, ...(form.region ? { region: form.region } : {}) })}`;
  return html`<h1>Statistik — ${o.scopeLabel}</h1>
  ${form.error ? html`<p class="error">${form.error}</p>` : ''}
  <form method="get" action="/dashboard/stats" class="filters card">
    <label>Dari <input type="date" name="from" value="${form.from}"></label>
    <label>Sampai <input type="date" name="to" value="${form.to}"></label>
    <label for="stats-region">Wilayah <span class="hint">nama atau kode; kosongkan untuk seluruh wilayah Anda</span>${regionInput({ name: 'region', id: 'stats-region', value: form.region, placeholder: 'mis. Pamenang Barat' })}</label>
    <button type="submit">Tampilkan</button>
    <a class="button-link" href="${csv}" download>Unduh CSV</a>
  </form>
  <section class="stat-tiles">
    <div><strong>${o.totalReports}</strong>laporan</div>
    <div><strong>${o.timeToVerdict.decided}</strong>klaim diputus</div>
    <div><strong>${hours(o.timeToVerdict.medianHours)}</strong>median sampai putusan</div>
    <div><strong>${hours(o.timeToVerdict.p90Hours)}</strong>90% diputus dalam</div>
    <div><strong>${o.slaBreaches}</strong>melewati batas waktu</div>
    <div id="feedback-rate"><strong>${o.feedback.rate === null ? '–' : `${o.feedback.rate}%`}</strong>jawaban dinilai warga (👍 ${o.feedback.helpful} · 👎 ${o.feedback.unhelpful} dari ${o.feedback.answered})</div>
  </section>
  <section class="card"><h2>Laporan per hari</h2>${reportsChart(o.reportsPerDay)}</section>
  <div class="stat-grid">
    <section class="card"><h2>Klaim menurut putusan</h2>
      <table class="plain"><tbody>${o.byVerdict.map((v) => html`<tr><td>${verdictName(v.verdict)}</td><td class="num">${v.claims}</td></tr>`)}</tbody></table>
      ${o.byVerdict.length === 0 ? html`<p class="muted">Belum ada klaim pada periode ini.</p>` : ''}
    </section>
    <section class="card"><h2>Kanal</h2>
      <table class="plain"><tbody>${o.byPlatform.map((p) => html`<tr><td>${PLATFORM_NAMES[p.platform] ?? p.platform}</td><td class="num">${p.reports}</td></tr>`)}</tbody></table>
      ${o.byPlatform.length === 0 ? html`<p class="muted">Belum ada laporan.</p>` : ''}
    </section>
  </div>
  <section class="card"><h2>Klaim paling banyak dilaporkan</h2>
    ${o.topClaims.length === 0 ? html`<p class="muted">Belum ada laporan pada periode ini.</p>` : ''}
    <ol class="top-claims">${o.topClaims.map(
      (t) => html`<li><a href="/dashboard/claims/${t.id}">#${t.id}</a> ${t.verdict ? html`<span class="badge v-${t.verdict}">${verdictName(t.verdict)}</span>` : ''}
        <span class="muted">${t.reports} laporan · ${t.region}</span><br>${t.text.length > 140 ? `${t.text.slice(0, 140)}…` : t.text}</li>`,
    )}</ol>
  </section>
  <section class="card"><h2>Per wilayah</h2>
    <table class="plain"><thead><tr><th>Wilayah</th><th class="num">Laporan</th><th class="num">Klaim</th><th class="num">Diputus</th></tr></thead>
    <tbody>${o.byRegion.map((r) => html`<tr><td>${r.name}</td><td class="num">${r.reports}</td><td class="num">${r.claims}</td><td class="num">${r.decided}</td></tr>`)}</tbody></table>
  </section>
  <p class="muted">Periode ${o.period.fromDay} s.d. ${o.period.toDay} (WIB).</p>`;
}
