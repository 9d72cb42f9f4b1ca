import type { ClaimRow, VerdictRow } from '../../db/schema/index.js';
import { SOURCE_OPTIONAL_VERDICTS, VERDICT_CODES, VERDICT_LABELS } from '../../domain/verdict.js';
import type { QueueItem, ReportView } from '../../services/claims-query.service.js';
import type { SimilarClaim } from '../../services/similar-claims.service.js';
import { dashboardId as m } from '../../domain/messages/dashboard-id.js';
import { CLAIM_STATUSES, CLARIFICATION_MAX } from '../schemas/claims.schema.js';
import { html, link, wrapLong, type Place, type SafeHtml } from './html.js';

/** Verdicts that stand without a source link ("belum terbukti", "di luar cakupan"). */
export const SOURCE_OPTIONAL: readonly string[] = SOURCE_OPTIONAL_VERDICTS;
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
}): SafeHtml {
  const statusOptions = [html`<option value="">Semua</option>`].concat(
    CLAIM_STATUSES.map((s) => html`<option value="${s}"${input.filter.status === s ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`),
  );
  const rows = input.items.map(
    (c) => html`<tr data-claim="${c.id}">
      <td data-label="Klaim"><a href="/dashboard/claims/${c.id}">Klaim #${c.id}</a></td>
      <td class="text" data-label="Isi"><span class="snippet">${wrapLong(c.snippet)}</span></td>
      <td data-label="Laporan">${c.reportCount}${c.suggested ? html` <span class="badge">${c.suggested} perlu konfirmasi</span>` : ''}${c.desaCount > 1 ? html` <span class="muted">dari ${c.desaCount} desa</span>` : ''}</td>
      <td data-label="Skor hoaks">${c.score === null ? '–' : c.score.toFixed(2)}${c.scamCandidate ? html` <span class="badge v-penipuan">penipuan?</span>` : ''}</td>
      <td data-label="Wilayah">${c.regionCode ? input.place(c.regionCode) : html`<span class="muted">tanpa desa</span>`}</td>
      <td data-label="Putusan">${verdictBadge(c.verdict, c.verdictKind)}</td>
    </tr>`,
  );
  return html`<h1>Antrean klaim</h1>
<form method="get" action="/dashboard" class="filters">
  <label>Status <select name="status">${statusOptions}</select></label>
  <label for="region-filter">Wilayah <span class="hint">nama desa, kecamatan, kabupaten, atau kode</span>${regionInput({ name: 'region', id: 'region-filter', value: input.filter.region ?? '', placeholder: 'mis. Pamenang Barat' })}</label>
  <button type="submit">Saring</button>
</form>
${input.regionLabel ? html`<p class="resolved" id="region-resolved">Wilayah: ${input.regionLabel}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<table class="queue">
  <thead><tr><th>Klaim</th><th>Isi pesan (asli)</th><th>Laporan</th><th>Skor hoaks</th><th>Wilayah</th><th>Putusan</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">Tidak ada klaim.</td></tr>`}</tbody>
</table>
${input.nextHref ? html`<p><a class="button secondary" href="${input.nextHref}">Berikutnya →</a></p>` : ''}`;
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
}): SafeHtml {
  const { claim, verdict } = input;
  const chosen = input.form?.verdict ?? '';
  const options = VERDICT_CODES.map((v) => html`<option value="${v}"${chosen === v ? html` selected` : ''}>${VERDICT_LABELS[v]}</option>`);
  const reports = input.reports.map(
    (r) => html`<li><strong>${r.ticket}</strong> · ${dateTime(r.receivedAt)} · ${matchLabel(r.matchLevel, r.similarity)}${r.forwarded ? ' · diteruskan' : ''}
      <pre class="text">${r.text === null ? `(${r.mediaKind ?? 'tanpa teks'})` : wrapLong(r.text)}</pre>${claim.mergedIntoId ? '' : reportActions(r, input.csrf)}</li>`,
  );
  const region = claim.regionCode ? input.place(claim.regionCode) : 'tanpa desa (pelapor belum mengatur desanya)';
  const routed = claim.routedRegion && claim.routedRegion !== claim.regionCode ? html` <span class="muted">(ditangani ${input.place(claim.routedRegion)})</span>` : '';
  return html`<p><a href="/dashboard">← Antrean</a></p>
<h1>Klaim #${claim.id}</h1>
${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<section class="card">
  <pre class="text claim-text">${wrapLong(claim.text)}</pre>
  ${(input.media ?? []).map((m) => (m.picture ? html`<p><img class="claim-media" src="${m.url}" alt="Gambar yang dilaporkan warga" style="max-width:100%;height:auto"></p>` : html`<p><a href="${m.url}">Berkas yang dilaporkan (video/suara)</a></p>`))}
  <dl class="meta">
    <dt>Status</dt><dd>${STATUS_LABELS[claim.status]}</dd>
    <dt>Wilayah</dt><dd id="claim-region">${region}${routed}</dd>
    <dt>Skor hoaks</dt><dd>${claim.score === null ? '–' : claim.score.toFixed(2)}</dd>
    <dt>Sinyal</dt><dd>${claim.signals.join(', ') || '–'}</dd>
    <dt>Laporan</dt><dd>${claim.reportCount}</dd>
    <dt>Putusan</dt><dd>${verdictBadge(verdict?.verdict, verdict?.kind)}</dd>
  </dl>
  ${verdict ? html`<p>${verdict.clarification}</p>${verdict.sources.length > 0 ? html`<p>Sumber: ${verdict.sources.map((s) => html`<span class="long">${link(s)}</span> `)}</p>` : ''}` : ''}
  ${input.broadcastable ? html`<p><a class="button" href="/dashboard/broadcasts?claim=${claim.id}">Siarkan klarifikasi ini ke grup KIM →</a></p>` : ''}
</section>
${claim.mergedIntoId ? '' : html`<section class="card">
  <h2>Beri putusan</h2>
  <form method="post" action="/dashboard/claims/${claim.id}/verdict/preview" id="verdict-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="verdict">Putusan</label>
    <select id="verdict" name="verdict" required><option value="">— pilih —</option>${options}</select>
    <label for="clarification">Klarifikasi singkat <span class="hint">paling banyak ${CLARIFICATION_MAX} karakter; inilah yang dibaca warga</span></label>
    <textarea id="clarification" name="clarification" maxlength="${CLARIFICATION_MAX}" rows="5" required>${input.form?.clarification ?? ''}</textarea>
    <label for="source">Tautan sumber <span class="hint">wajib, kecuali untuk “Belum terbukti” dan “Di luar cakupan”</span></label>
    <input id="source" name="source" type="url" maxlength="2000" placeholder="https://" value="${input.form?.source ?? ''}">
    <label for="summary">Ringkasan yang akan dipublikasikan <span class="hint">halaman publik klaim. Nomor telepon, NIK/KK, rekening, e-mail dan akun sudah disamarkan; hapus juga alamat atau nama orang bila ada.</span></label>
    <textarea id="summary" name="summary" maxlength="${SUMMARY_MAX}" rows="4">${input.form?.summary ?? input.summaryPrefill ?? ''}</textarea>
    <button type="submit">Pratinjau pesan untuk warga</button>
  </form>
</section>`}
${claim.mergedIntoId
    ? html`<section class="card"><p>Klaim ini sudah digabung ke <a href="/dashboard/claims/${claim.mergedIntoId}">klaim #${claim.mergedIntoId}</a>.</p></section>`
    : html`<section class="card" id="similar">
  <h2>Klaim yang mirip</h2>
  ${input.similar.length > 0
    ? html`<p class="muted">Bila isinya sama, gabungkan: semua laporan pindah ke satu klaim, dan pelapornya menerima putusan klaim itu bila sudah ada.</p>
  <ul class="similar">${input.similar.map((c) => similarItem(claim.id, c, input.place, input.csrf))}</ul>`
    : html`<p class="muted">Pencocok tidak menemukan klaim lain yang mirip di wilayah Anda.</p>`}
  <details${input.form?.into ? html` open` : ''}>
    <summary>Gabungkan dengan nomor klaim lain</summary>
    <form method="post" action="/dashboard/claims/${claim.id}/merge">
      <input type="hidden" name="_csrf" value="${input.csrf}">
      <label for="into">Nomor klaim tujuan</label>
      <input id="into" name="into" inputmode="numeric" required maxlength="12" placeholder="123" value="${input.form?.into ?? ''}">
      <button type="submit">Gabungkan ke klaim itu</button>
    </form>
  </details>
</section>`}
<section class="card">
  <h2>Laporan warga (${input.reports.length})</h2>
  <ol class="reports">${reports}</ol>
</section>`;
}

/** One similar claim with its one-tap merge; the claim that keeps the reports is the decided (else older) one. */
function similarItem(thisId: number, c: SimilarClaim, place: Place, csrf: string): SafeHtml {
  const [from, into] = c.keep === 'other' ? [thisId, c.id] : [c.id, thisId];
  const first = c.text.split('\n').filter((l) => l.trim()).slice(0, 3).join('\n');
  return html`<li data-similar="${c.id}">
    <p><a href="/dashboard/claims/${c.id}">Klaim #${c.id}</a> · mirip ${Math.round(c.similarity * 100)}% · ${c.reportCount} laporan · ${c.regionCode ? place(c.regionCode) : 'tanpa desa'} · ${verdictBadge(c.verdict, c.verdictKind)}</p>
    <p class="snippet">${wrapLong(first.length > 240 ? `${first.slice(0, first.lastIndexOf(' ', 239) > 0 ? first.lastIndexOf(' ', 239) : 239)}…` : first)}</p>
    <form method="post" action="/dashboard/claims/${from}/merge" class="actions">
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="into" value="${into}">
      <button type="submit">${c.keep === 'other' ? `Gabungkan ke #${c.id}` : `Gabungkan #${c.id} ke sini`}</button>
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
}): SafeHtml {
  const { audience: a } = input;
  const reach =
    a.reporters === 0
      ? 'Klaim ini belum punya pelapor: tidak ada pesan yang dikirim sekarang; putusan dipakai untuk laporan serupa berikutnya.'
      : a.answered === 0 && a.corrected === 0
        ? 'Semua pelapor sudah menerima putusan sebelumnya: tidak ada pesan baru yang dikirim.'
        : [a.answered > 0 ? `${a.answered} warga akan menerima pesan ini` : '', a.corrected > 0 ? `${a.corrected} warga menerima ralat berisi pesan ini` : ''].filter(Boolean).join('; ') + '.';
  const hidden = html`<input type="hidden" name="_csrf" value="${input.csrf}">
      <input type="hidden" name="verdict" value="${input.form.verdict}">
      <input type="hidden" name="clarification" value="${input.form.clarification}">
      <input type="hidden" name="source" value="${input.form.source}">
      <input type="hidden" name="summary" value="${input.form.summary}">`;
  return html`<p><a href="/dashboard/claims/${input.claimId}">← Klaim #${input.claimId}</a></p>
<h1>Pratinjau putusan</h1>
<section class="card">
  <h2>Pesan untuk warga</h2>
  <pre class="text preview" id="verdict-preview">${wrapLong(input.message)}</pre>
  <p id="verdict-reach">${reach}</p>
  <p class="muted">“T-…” diganti nomor tiket masing-masing pelapor.</p>
  <div class="actions">
    <form method="post" action="/dashboard/claims/${input.claimId}/verdict" id="publish-form">${hidden}<button type="submit">Terbitkan</button></form>
    <form method="post" action="/dashboard/claims/${input.claimId}/verdict/preview">${hidden}<input type="hidden" name="ubah" value="1"><button type="submit" class="secondary">Ubah</button></form>
  </div>
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

export function errorPage(status: number, message: string, options: { loggedIn?: boolean } = {}): SafeHtml {
  const titles = m.errors.titles as Record<number, string>;
  const title = titles[status] ?? (status >= 500 ? titles[500] : titles[400]);
  return html`<section class="card narrow"><h1>${title}</h1><p>${message}</p>
  <p>${status === 401 || options.loggedIn === false ? html`<a class="button" href="/dashboard/login">Masuk</a>` : html`<a class="button" href="/dashboard">Kembali ke antrean</a>`}</p></section>`;
}
