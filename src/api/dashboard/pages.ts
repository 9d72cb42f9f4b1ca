import type { ClaimRow, VerdictRow } from '../../db/schema/index.js';
import { VERDICT_CODES, VERDICT_LABELS } from '../../domain/verdict.js';
import type { QueueItem, ReportView } from '../../services/claims-query.service.js';
import { CLAIM_STATUSES, CLARIFICATION_MAX } from '../schemas/claims.schema.js';
import { html, link, type SafeHtml } from './html.js';
import { SUMMARY_MAX } from '../../domain/safe-quote.js';

/** The dashboard's pages, in Bahasa Indonesia. Pure functions of their data: no I/O here. */

const STATUS_LABELS: Record<(typeof CLAIM_STATUSES)[number], string> = {
  new: 'Baru',
  in_review: 'Ditinjau',
  verified: 'Sudah diperiksa',
  closed: 'Ditutup',
};

export const dateTime = (d: Date | string) =>
  new Date(d).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }) + ' WIB';

export const verdictBadge = (verdict: string | null | undefined, kind?: string | null) =>
  verdict
    ? html`<span class="badge v-${verdict}">${VERDICT_LABELS[verdict as keyof typeof VERDICT_LABELS] ?? verdict}</span>${kind === 'official' ? html` <small>resmi</small>` : ''}`
    : html`<span class="muted">belum ada</span>`;

export function loginPage(input: { csrf: string; error?: string }): SafeHtml {
  return html`<section class="card narrow">
  <h1>Masuk ke dasbor</h1>
  ${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
  <form method="post" action="/dashboard/login">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="token">Token staf</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required maxlength="200">
    <button type="submit">Masuk</button>
  </form>
  <p class="muted">Token dibuat oleh admin dengan <code>saring staff add</code>.</p>
</section>`;
}

export function queuePage(input: {
  items: QueueItem[];
  filter: { status?: string; region?: string };
  nextHref: string | null;
  error?: string;
}): SafeHtml {
  const statusOptions = [html`<option value="">Semua</option>`].concat(
    CLAIM_STATUSES.map((s) => html`<option value="${s}"${input.filter.status === s ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`),
  );
  const rows = input.items.map(
    (c) => html`<tr data-claim="${c.id}">
      <td><a href="/dashboard/claims/${c.id}">#${c.id}</a></td>
      <td class="text">${c.snippet}</td>
      <td>${c.reportCount}${c.suggested ? html` <span class="badge">${c.suggested} perlu konfirmasi</span>` : ''}</td>
      <td>${c.desaCount || '–'}</td>
      <td>${c.score === null ? '–' : c.score.toFixed(2)}${c.scamCandidate ? html` <span class="badge v-penipuan">penipuan?</span>` : ''}</td>
      <td>${c.signals.slice(0, 3).join(', ') || '–'}</td>
      <td>${c.regionCode ?? '–'}</td>
      <td>${verdictBadge(c.verdict, c.verdictKind)}</td>
    </tr>`,
  );
  return html`<h1>Antrean klaim</h1>
<form method="get" action="/dashboard" class="filters">
  <label>Status <select name="status">${statusOptions}</select></label>
  <label>Wilayah (awalan kode) <input name="region" value="${input.filter.region ?? ''}" placeholder="mis. 62.02" maxlength="13"></label>
  <button type="submit">Saring</button>
</form>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<table class="queue">
  <thead><tr><th>Klaim</th><th>Isi (ringkas)</th><th>Laporan</th><th>Desa</th><th>Skor hoaks</th><th>Sinyal</th><th>Wilayah</th><th>Putusan</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="8" class="muted">Tidak ada klaim.</td></tr>`}</tbody>
</table>
${input.nextHref ? html`<p><a href="${input.nextHref}">Berikutnya →</a></p>` : ''}`;
}

export function claimPage(input: {
  claim: ClaimRow;
  verdict: VerdictRow | undefined;
  reports: ReportView[];
  csrf: string;
  flash?: string;
  error?: string;
  form?: { verdict?: string; clarification?: string; source?: string; into?: string; summary?: string };
  /** What the public summary field starts with: the approved summary, else the text with personal data masked. */
  summaryPrefill?: string;
  /** Diskominfo/admin looking at a claim with an official verdict: offer to broadcast it. */
  broadcastable?: boolean;
  /** Pictures and files residents forwarded: region-scoped dashboard URLs (never public). */
  media?: Array<{ url: string; picture: boolean }>;
}): SafeHtml {
  const { claim, verdict } = input;
  const chosen = input.form?.verdict ?? '';
  const options = VERDICT_CODES.map((v) => html`<option value="${v}"${chosen === v ? html` selected` : ''}>${VERDICT_LABELS[v]}</option>`);
  const reports = input.reports.map(
    (r) => html`<li><strong>${r.ticket}</strong> · ${dateTime(r.receivedAt)} · ${matchLabel(r.matchLevel, r.similarity)}${r.forwarded ? ' · diteruskan' : ''}
      <pre class="text">${r.text ?? `(${r.mediaKind ?? 'tanpa teks'})`}</pre>${claim.mergedIntoId ? '' : reportActions(r, input.csrf)}</li>`,
  );
  return html`<p><a href="/dashboard">← Antrean</a></p>
<h1>Klaim #${claim.id}</h1>
${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<section class="card">
  <pre class="text claim-text">${claim.text}</pre>
  ${(input.media ?? []).map((m) => (m.picture ? html`<p><img class="claim-media" src="${m.url}" alt="Gambar yang dilaporkan warga" style="max-width:100%;height:auto"></p>` : html`<p><a href="${m.url}">Berkas yang dilaporkan (video/suara)</a></p>`))}
  <dl class="meta">
    <dt>Status</dt><dd>${STATUS_LABELS[claim.status]}</dd>
    <dt>Wilayah</dt><dd>${claim.regionCode ?? '–'}${claim.routedRegion && claim.routedRegion !== claim.regionCode ? ` (ditangani ${claim.routedRegion})` : ''}</dd>
    <dt>Skor hoaks</dt><dd>${claim.score === null ? '–' : claim.score.toFixed(2)}</dd>
    <dt>Sinyal</dt><dd>${claim.signals.join(', ') || '–'}</dd>
    <dt>Laporan</dt><dd>${claim.reportCount}</dd>
    <dt>Putusan</dt><dd>${verdictBadge(verdict?.verdict, verdict?.kind)}</dd>
  </dl>
  ${verdict ? html`<p>${verdict.clarification}</p><p>Sumber: ${verdict.sources.map((s) => html`${link(s)} `)}</p>` : ''}
  ${input.broadcastable ? html`<p><a class="action" href="/dashboard/broadcasts?claim=${claim.id}">Siarkan klarifikasi ini ke grup KIM →</a></p>` : ''}
</section>
${claim.mergedIntoId ? '' : html`<section class="card">
  <h2>Beri putusan</h2>
  <form method="post" action="/dashboard/claims/${claim.id}/verdict">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="verdict">Putusan</label>
    <select id="verdict" name="verdict" required><option value="">— pilih —</option>${options}</select>
    <label for="clarification">Klarifikasi singkat (maks. ${CLARIFICATION_MAX} karakter)</label>
    <textarea id="clarification" name="clarification" maxlength="${CLARIFICATION_MAX}" rows="5" required>${input.form?.clarification ?? ''}</textarea>
    <label for="source">Tautan sumber</label>
    <input id="source" name="source" type="url" required maxlength="2000" placeholder="https://" value="${input.form?.source ?? ''}">
    <label for="summary">Ringkasan yang akan dipublikasikan (halaman publik klaim)</label>
    <p class="muted">Nomor telepon, NIK/KK, rekening, e-mail dan akun sudah disamarkan. Hapus juga alamat atau nama orang bila ada.</p>
    <textarea id="summary" name="summary" maxlength="${SUMMARY_MAX}" rows="4">${input.form?.summary ?? input.summaryPrefill ?? ''}</textarea>
    <button type="submit">Terbitkan putusan</button>
  </form>
</section>`}
${claim.mergedIntoId
    ? html`<section class="card"><p>Klaim ini sudah digabung ke <a href="/dashboard/claims/${claim.mergedIntoId}">klaim #${claim.mergedIntoId}</a>.</p></section>`
    : html`<section class="card">
  <h2>Sama dengan klaim lain?</h2>
  <p class="muted">Semua laporan pindah ke klaim tujuan, klaim ini ditutup. Pelapor menerima putusan klaim tujuan bila sudah ada.</p>
  <form method="post" action="/dashboard/claims/${claim.id}/merge">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="into">Nomor klaim tujuan</label>
    <input id="into" name="into" inputmode="numeric" required maxlength="12" placeholder="123" value="${input.form?.into ?? ''}">
    <button type="submit">Gabungkan</button>
  </form>
</section>`}
<section class="card">
  <h2>Laporan warga (${input.reports.length})</h2>
  <ol class="reports">${reports}</ol>
</section>`;
}

const MATCH_LABELS: Record<string, string> = {
  new: 'laporan pertama',
  exact: 'sama persis',
  auto: 'sangat mirip (otomatis)',
  suggest: 'hanya mirip — perlu dicek',
  confirmed: 'mirip, sudah dikonfirmasi',
  detached: 'dipisahkan dari klaim lain',
  merged: 'bagian dari laporan sebelumnya',
};

function matchLabel(level: string | null, similarity: number | null): string {
  if (!level) return 'belum dianalisis';
  const label = MATCH_LABELS[level] ?? level;
  return similarity !== null && (level === 'auto' || level === 'suggest') ? `${label}, ${Math.round(similarity * 100)}%` : label;
}

/** Settling what the matcher placed: a suggestion can be confirmed; any machine match can be undone. */
function reportActions(r: ReportView, csrf: string): SafeHtml | '' {
  const form = (action: 'confirm' | 'detach', label: string) => html`<form method="post" action="/dashboard/reports/${r.id}/${action}" class="inline">
        <input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${label}</button></form>`;
  if (r.matchLevel === 'suggest') return html`<p class="actions">${form('confirm', 'Ya, sama dengan klaim ini')} ${form('detach', 'Bukan — jadikan klaim sendiri')}</p>`;
  if (r.matchLevel === 'auto' || r.matchLevel === 'confirmed') return html`<p class="actions">${form('detach', 'Bukan klaim ini — jadikan klaim sendiri')}</p>`;
  return '';
}

export function publicClaimPage(input: { text: string; verdict: keyof typeof VERDICT_LABELS; kind: string; clarification: string; sources: string[]; publishedAt: Date }): SafeHtml {
  return html`<article class="card">
  <p>${verdictBadge(input.verdict)} — ${input.kind === 'official' ? 'Klarifikasi resmi Diskominfo' : 'Hasil pemeriksaan pengurus KIM'}</p>
  <h1>Klaim yang beredar</h1>
  <blockquote><pre class="text">${input.text}</pre></blockquote>
  <h2>Klarifikasi</h2>
  <p>${input.clarification}</p>
  <p>Sumber: ${input.sources.map((s) => html`${link(s)} `)}</p>
  <p class="muted">Diterbitkan ${dateTime(input.publishedAt)}</p>
</article>`;
}

export function errorPage(status: number, message: string): SafeHtml {
  const title = status === 401 ? 'Perlu masuk' : status === 403 ? 'Tidak diizinkan' : status === 404 ? 'Tidak ditemukan' : status === 429 ? 'Terlalu banyak permintaan' : 'Terjadi kesalahan';
  return html`<section class="card narrow"><h1>${title}</h1><p>${message}</p>
  <p>${status === 401 ? html`<a href="/dashboard/login">Masuk</a>` : html`<a href="/dashboard">Kembali ke antrean</a>`}</p></section>`;
}
