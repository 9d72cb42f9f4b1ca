import type { BroadcastSummary, OfficialClaim } from '../../services/claims-query.service.js';
import { html, wrapLong, type Place, type SafeHtml } from './html.js';
import { dateTime, regionInput, verdictBadge } from './pages.js';

/** Broadcast ("Siaran"), KIM group and WhatsApp pages, in Bahasa Indonesia. Pure functions of their data. */

export const PLATFORM_LABELS = { telegram: 'Telegram', whatsapp: 'WhatsApp' } as const;
export type PlatformCode = keyof typeof PLATFORM_LABELS;

export interface BroadcastForm {
  claimId: string;
  /** As typed: comma-separated region names or codes. */
  regions: string;
  platforms: PlatformCode[];
  /** The regions already understood, shown as picked ones (code and name). */
  chosen?: Array<{ code: string; label: string }>;
}

const STATE_LABELS = { running: 'berjalan', done: 'selesai' } as const;
const platformList = (platforms: readonly string[]) => platforms.map((p) => PLATFORM_LABELS[p as PlatformCode] ?? p).join(', ');
const alerts = (input: { flash?: string; error?: string }) =>
  html`${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}`;

function platformBoxes(chosen: readonly string[], enabled: readonly PlatformCode[]): SafeHtml[] {
  return (Object.keys(PLATFORM_LABELS) as PlatformCode[]).map(
    (p) => html`<label><input type="checkbox" name="platforms" value="${p}"${chosen.includes(p) ? html` checked` : ''}> ${PLATFORM_LABELS[p]}${enabled.includes(p) ? '' : html` <span class="muted">(tidak aktif di layanan ini)</span>`}</label>`,
  );
}

export function broadcastFormPage(input: {
  claims: OfficialClaim[];
  recent: BroadcastSummary[];
  form: BroadcastForm;
  /** Platforms this service runs; the others are offered but never pre-ticked. */
  enabled: readonly PlatformCode[];
  place: Place;
  csrf: string;
  error?: string;
}): SafeHtml {
  const choices = input.claims.map(
    (c) => html`<label data-claim="${c.id}"><input type="radio" name="claimId" value="${c.id}" required${input.form.claimId === String(c.id) ? html` checked` : ''}>
      <span><strong>#${c.id}</strong> ${verdictBadge(c.verdict, 'official')} · ${c.regionCode ? input.place(c.regionCode) : 'tanpa wilayah'} · ${dateTime(c.verdictAt)}<br>
      <span class="muted snippet">${wrapLong(c.snippet)}</span></span></label>`,
  );
  const recent = input.recent.map(
    (b) => html`<tr data-broadcast="${b.id}">
      <td data-label="Siaran"><a href="/dashboard/broadcasts/${b.id}">Siaran #${b.id}</a></td>
      <td data-label="Klaim"><a href="/dashboard/claims/${b.claimId}">Klaim #${b.claimId}</a></td>
      <td data-label="Wilayah">${b.regions.map(input.place).join('; ')}</td>
      <td data-label="Platform">${platformList(b.platforms)}</td>
      <td data-label="Terkirim">${b.sent}/${b.total}${b.failed ? html` <span class="badge v-hoaks">${b.failed} gagal</span>` : ''}</td>
      <td data-label="Status"><span class="badge state-${b.status}">${STATE_LABELS[b.status]}</span></td>
      <td data-label="Waktu">${dateTime(b.createdAt)}</td>
    </tr>`,
  );
  return html`<h1>Siaran klarifikasi resmi</h1>
${alerts(input)}
<section class="card">
  <h2>1. Pilih klaim dengan klarifikasi resmi</h2>
  <form method="post" action="/dashboard/broadcasts/preview" id="broadcast-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <div class="choices">${choices.length > 0 ? choices : html`<p class="muted">Belum ada klaim dengan klarifikasi resmi Diskominfo di wilayah Anda.</p>`}</div>
    <label for="regions">2. Wilayah tujuan <span class="hint">nama kabupaten, kecamatan atau desa (boleh beberapa, pisahkan dengan koma), atau kodenya</span></label>
    ${regionInput({ name: 'regions', id: 'regions', value: input.form.regions, multi: true, required: true, placeholder: 'mis. Pamenang Barat, Tabir', chosen: input.form.chosen })}
    ${input.form.chosen?.length ? html`<p class="resolved picked" id="regions-resolved">Terpilih: ${input.form.chosen.map((c) => c.label).join('; ')}</p>` : ''}
    <fieldset><legend>3. Platform</legend>${platformBoxes(input.form.platforms, input.enabled)}</fieldset>
    <button type="submit"${choices.length > 0 ? '' : html` disabled`}>Pratinjau</button>
  </form>
</section>
<section class="card">
  <h2>Siaran terakhir</h2>
  <table class="queue">
    <thead><tr><th>Siaran</th><th>Klaim</th><th>Wilayah</th><th>Platform</th><th>Terkirim</th><th>Status</th><th>Waktu</th></tr></thead>
    <tbody>${recent.length > 0 ? recent : html`<tr><td colspan="7" class="muted empty">Belum ada siaran.</td></tr>`}</tbody>
  </table>
</section>`;
}

export function broadcastPreviewPage(input: {
  claim: { id: number; snippet: string };
  regions: string[];
  place: Place;
  platforms: PlatformCode[];
  text: string;
  groups: number;
  subscribers: number;
  digest: string;
  csrf: string;
  error?: string;
}): SafeHtml {
  const reach = input.groups + input.subscribers;
  return html`<p><a href="/dashboard/broadcasts?claim=${input.claim.id}">← Ubah pilihan</a></p>
<h1>Pratinjau siaran</h1>
${alerts(input)}
<section class="card">
  <dl class="meta">
    <dt>Klaim</dt><dd><a href="/dashboard/claims/${input.claim.id}">#${input.claim.id}</a> <span class="muted">${wrapLong(input.claim.snippet)}</span></dd>
    <dt>Wilayah</dt><dd id="preview-regions">${input.regions.map(input.place).join('; ')}</dd>
    <dt>Platform</dt><dd>${platformList(input.platforms)}</dd>
    <dt>Grup KIM</dt><dd id="preview-groups">${input.groups}</dd>
    <dt>Pelanggan pribadi</dt><dd id="preview-subscribers">${input.subscribers}</dd>
  </dl>
  <h2>Pesan yang akan dikirim</h2>
  <pre class="text preview" id="preview-text">${wrapLong(input.text)}</pre>
</section>
<section class="card">
  ${reach === 0
    ? html`<p class="error" role="alert">Tidak ada grup atau pelanggan aktif di wilayah dan platform ini; tidak ada yang akan dikirim.</p>`
    : html`<p>Pesan di atas akan dikirim ke <strong>${input.groups} grup</strong> dan <strong>${input.subscribers} pelanggan</strong>, masing-masing satu kali, dengan kecepatan yang dibatasi.</p>`}
  <form method="post" action="/dashboard/broadcasts" id="send-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <input type="hidden" name="claimId" value="${input.claim.id}">
    <input type="hidden" name="regions" value="${input.regions.join(',')}">
    ${input.platforms.map((p) => html`<input type="hidden" name="platforms" value="${p}">`)}
    <input type="hidden" name="digest" value="${input.digest}">
    <button type="submit"${reach === 0 ? html` disabled` : ''}>Kirim siaran</button>
  </form>
</section>`;
}

export interface FailureView {
  chatId: number;
  reason: string | null;
  /** The KIM group's public name and region, when the target was a group. */
  group?: { name: string | null; region: string };
}

export function broadcastDetailPage(input: {
  id: number;
  claimId: number;
  regions: string[];
  platforms: string[];
  createdAt: Date;
  status: 'running' | 'done';
  total: number;
  sent: number;
  failed: number;
  pending: number;
  failures: FailureView[];
  place: Place;
  csrf: string;
  flash?: string;
  error?: string;
}): SafeHtml {
  const failures = input.failures.map(
    (f) => html`<li data-chat="${f.chatId}">${f.group ? html`Grup <strong>${f.group.name ?? `#${f.chatId}`}</strong> (${input.place(f.group.region)})` : html`Pelanggan #${f.chatId}`}: <span class="reason">${f.reason ?? 'tanpa keterangan'}</span></li>`,
  );
  return html`<p><a href="/dashboard/broadcasts">← Siaran</a></p>
<h1>Siaran #${input.id} <span class="badge state-${input.status}" id="broadcast-state">${STATE_LABELS[input.status]}</span></h1>
${alerts(input)}
<section class="card">
  <dl class="meta">
    <dt>Klaim</dt><dd><a href="/dashboard/claims/${input.claimId}">#${input.claimId}</a></dd>
    <dt>Wilayah</dt><dd>${input.regions.map(input.place).join('; ')}</dd>
    <dt>Platform</dt><dd>${platformList(input.platforms)}</dd>
    <dt>Dimulai</dt><dd>${dateTime(input.createdAt)}</dd>
  </dl>
  <div class="progress" id="progress">
    <div data-count="total"><strong>${input.total}</strong>tujuan</div>
    <div data-count="sent"><strong>${input.sent}</strong>terkirim</div>
    <div data-count="failed"><strong>${input.failed}</strong>gagal</div>
    <div data-count="pending"><strong>${input.pending}</strong>menunggu</div>
  </div>
  ${input.status === 'running' ? html`<p class="muted">Halaman ini diperbarui otomatis setiap 3 detik selama siaran berjalan.</p>` : ''}
</section>
${input.failed > 0
  ? html`<section class="card">
  <h2>Pengiriman gagal (${input.failed})</h2>
  <ul class="failures">${failures}</ul>
  <form method="post" action="/dashboard/broadcasts/${input.id}/retry">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <button type="submit">Kirim ulang yang gagal</button>
  </form>
  <p class="muted">Grup yang mengeluarkan bot tidak dikirimi ulang.</p>
</section>`
  : ''}`;
}

export function groupsPage(input: {
  groups: Array<{ id: number; name: string | null; region: string; platform: string; active: boolean; mode: string; registeredAt: string }>;
  filter: { region?: string };
  regionLabel?: string;
  place: Place;
  error?: string;
}): SafeHtml {
  const rows = input.groups.map(
    (g) => html`<tr data-group="${g.id}">
      <td data-label="Nama grup">${g.name ?? '(tanpa nama)'}</td>
      <td data-label="Wilayah">${input.place(g.region)}</td>
      <td data-label="Platform">${PLATFORM_LABELS[g.platform as PlatformCode] ?? g.platform}</td>
      <td data-label="Status">${g.active ? 'aktif' : html`<span class="muted">nonaktif</span>`}</td>
      <td data-label="Mode">${g.mode === 'waspada' ? 'waspada (menjawab salinan hoaks)' : 'diam (hanya siaran)'}</td>
      <td data-label="Terdaftar">${dateTime(g.registeredAt)}</td>
    </tr>`,
  );
  const active = input.groups.filter((g) => g.active).length;
  return html`<h1>Grup KIM</h1>
<form method="get" action="/dashboard/groups" class="filters">
  <label for="region-filter">Wilayah <span class="hint">nama desa, kecamatan, kabupaten, atau kode</span>${regionInput({ name: 'region', id: 'region-filter', value: input.filter.region ?? '', placeholder: 'mis. Pamenang Barat' })}</label>
  <button type="submit">Saring</button>
</form>
${input.regionLabel ? html`<p class="resolved" id="region-resolved">Wilayah: ${input.regionLabel}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<p class="muted">${input.groups.length} grup, ${active} aktif. Admin grup mendaftarkan grupnya dengan <code>/daftar NAMA DESA</code> di grup itu, atau Diskominfo mendaftarkannya lewat API.</p>
<table class="queue">
  <thead><tr><th>Nama grup</th><th>Wilayah</th><th>Platform</th><th>Status</th><th>Mode</th><th>Terdaftar</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">Belum ada grup terdaftar.</td></tr>`}</tbody>
</table>`;
}

const ADAPTER_STATE_LABELS: Record<string, string> = {
  ready: 'tersambung',
  starting: 'menyambung…',
  qr: 'menunggu pindai kode QR',
  authenticated: 'terautentikasi, memuat…',
  disabled: 'tidak aktif',
  stopped: 'berhenti',
  reconnecting: 'koneksi terputus sementara, pengiriman ditahan',
  disconnected: 'terputus',
  failed: 'gagal',
};

export function whatsappPage(input: {
  enabled: boolean;
  state?: string;
  lastError?: string;
  failures?: number;
  nextRetryAt?: Date;
  /** Changes whenever the QR does, so the browser fetches the new image. */
  qrVersion?: string;
}): SafeHtml {
  if (!input.enabled) {
    return html`<h1>WhatsApp</h1>
<section class="card"><p>WhatsApp tidak aktif di proses ini. Setel <code>WHATSAPP_ENABLED=true</code> (dan <code>CHROMIUM_PATH</code>) lalu mulai ulang layanan.</p></section>`;
  }
  const state = input.state ?? 'unknown';
  return html`<h1>WhatsApp</h1>
<section class="card">
  <dl class="meta">
    <dt>Status</dt><dd id="wa-state" data-state="${state}">${ADAPTER_STATE_LABELS[state] ?? state}</dd>
    ${input.lastError ? html`<dt>Galat terakhir</dt><dd>${input.lastError}</dd>` : ''}
    ${input.failures ? html`<dt>Gagal berturut-turut</dt><dd>${input.failures}</dd>` : ''}
    ${input.nextRetryAt ? html`<dt>Coba lagi</dt><dd>${dateTime(input.nextRetryAt)}</dd>` : ''}
  </dl>
</section>
${input.qrVersion
  ? html`<section class="card">
  <h2>Tautkan nomor WhatsApp</h2>
  <p>Di ponsel nomor bot: WhatsApp → Perangkat tertaut → Tautkan perangkat, lalu pindai kode ini. Kode berganti setiap ±20 detik; halaman ini diperbarui otomatis.</p>
  <img class="qr" id="wa-qr" src="/dashboard/whatsapp/qr.png?v=${input.qrVersion}" alt="Kode QR WhatsApp" width="320" height="320">
</section>`
  : state === 'ready'
    ? html`<section class="card"><p class="ok">Nomor WhatsApp sudah tertaut.</p></section>`
    : html`<section class="card"><p class="muted">Belum ada kode QR. Halaman ini diperbarui otomatis.</p></section>`}`;
}
