import type { BroadcastSummary, OfficialClaim } from '../../services/claims-query.service.js';
import { html, wrapLong, type Place, type SafeHtml } from './html.js';
import { dateTime, regionInput, verdictBadge } from './pages.js';
import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';

/**
 * Broadcast ("Siaran") and KIM group pages in the staff member's language (`m`); the WhatsApp link page
 * (admins only) in Bahasa Indonesia. Pure functions of their data.
 */

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

const platformList = (platforms: readonly string[]) => platforms.map((p) => PLATFORM_LABELS[p as PlatformCode] ?? p).join(', ');
const alerts = (input: { flash?: string; error?: string }) =>
  html`${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}`;

function platformBoxes(chosen: readonly string[], enabled: readonly PlatformCode[], m: DashboardMessages): SafeHtml[] {
  return (Object.keys(PLATFORM_LABELS) as PlatformCode[]).map(
    (p) => html`<label><input type="checkbox" name="platforms" value="${p}"${chosen.includes(p) ? html` checked` : ''}> ${PLATFORM_LABELS[p]}${enabled.includes(p) ? '' : html` <span class="muted">${m.broadcastPages.notEnabled}</span>`}</label>`,
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
  m?: DashboardMessages;
}): SafeHtml {
  const m = input.m ?? dashboardId;
  const b$ = m.broadcastPages;
  const choices = input.claims.map(
    (c) => html`<label data-claim="${c.id}"><input type="radio" name="claimId" value="${c.id}" required${input.form.claimId === String(c.id) ? html` checked` : ''}>
      <span><strong>#${c.id}</strong> ${verdictBadge(c.verdict, 'official', m)} · ${c.regionCode ? input.place(c.regionCode) : b$.noRegion} · ${dateTime(c.verdictAt, m)}<br>
      <span class="muted snippet">${wrapLong(c.snippet)}</span></span></label>`,
  );
  const recent = input.recent.map(
    (b) => html`<tr data-broadcast="${b.id}">
      <td data-label="${b$.broadcast}"><a href="/dashboard/broadcasts/${b.id}">${b$.broadcastNo(b.id)}</a></td>
      <td data-label="${b$.claim}"><a href="/dashboard/claims/${b.claimId}">${m.queue.claimNo(b.claimId)}</a> ${verdictBadge(b.verdict, b.verdictKind, m)}<br><span class="muted snippet">${wrapLong(b.snippet)}</span></td>
      <td data-label="${b$.region}">${b.regions.map(input.place).join('; ')}</td>
      <td data-label="${b$.platform}">${platformList(b.platforms)}</td>
      <td data-label="${b$.sent}">${b.sent}/${b.total}${b.failed ? html` <span class="badge v-hoaks">${b$.failedCount(b.failed)}</span>` : ''}</td>
      <td data-label="${b$.status}"><span class="badge state-${b.status}">${b$.states[b.status]}</span></td>
      <td data-label="${b$.time}">${dateTime(b.createdAt, m)}</td>
    </tr>`,
  );
  return html`<h1>${b$.heading}</h1>
${alerts(input)}
<section class="card">
  <h2>${b$.step1}</h2>
  <form method="post" action="/dashboard/broadcasts/preview" id="broadcast-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <div class="choices">${choices.length > 0 ? choices : html`<p class="muted">${b$.noClaims}</p>`}</div>
    <label for="regions">${b$.step2} <span class="hint">${b$.regionsHint}</span></label>
    ${regionInput({ name: 'regions', id: 'regions', value: input.form.regions, multi: true, required: true, placeholder: b$.regionsPlaceholder, chosen: input.form.chosen })}
    ${input.form.chosen?.length ? html`<p class="resolved picked" id="regions-resolved">${b$.chosen(input.form.chosen.map((c) => c.label).join('; '))}</p>` : ''}
    <fieldset><legend>${b$.step3}</legend>${platformBoxes(input.form.platforms, input.enabled, m)}</fieldset>
    <button type="submit"${choices.length > 0 ? '' : html` disabled`}>${b$.preview}</button>
  </form>
</section>
<section class="card">
  <h2>${b$.recent}</h2>
  <table class="queue">
    <thead><tr><th>${b$.broadcast}</th><th>${b$.claim}</th><th>${b$.region}</th><th>${b$.platform}</th><th>${b$.sent}</th><th>${b$.status}</th><th>${b$.time}</th></tr></thead>
    <tbody>${recent.length > 0 ? recent : html`<tr><td colspan="7" class="muted empty">${b$.noBroadcasts}</td></tr>`}</tbody>
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
  m?: DashboardMessages;
}): SafeHtml {
  const b$ = (input.m ?? dashboardId).broadcastPages;
  const reach = input.groups + input.subscribers;
  return html`<p><a href="/dashboard/broadcasts?claim=${input.claim.id}">${b$.changeChoice}</a></p>
<h1>${b$.previewTitle}</h1>
${alerts(input)}
<section class="card">
  <dl class="meta">
    <dt>${b$.claim}</dt><dd><a href="/dashboard/claims/${input.claim.id}">#${input.claim.id}</a> <span class="muted">${wrapLong(input.claim.snippet)}</span></dd>
    <dt>${b$.region}</dt><dd id="preview-regions">${input.regions.map(input.place).join('; ')}</dd>
    <dt>${b$.platform}</dt><dd>${platformList(input.platforms)}</dd>
    <dt>${b$.groups}</dt><dd id="preview-groups">${input.groups}</dd>
    <dt>${b$.subscribers}</dt><dd id="preview-subscribers">${input.subscribers}</dd>
  </dl>
  <h2>${b$.message}</h2>
  <pre class="text preview" id="preview-text" lang="id">${wrapLong(input.text)}</pre>
  <p class="muted">${b$.messageNote}</p>
</section>
<section class="card">
  ${reach === 0
    ? html`<p class="error" role="alert">${b$.noReach}</p>`
    : html`<p>${b$.reach(input.groups, input.subscribers)}</p>`}
  <form method="post" action="/dashboard/broadcasts" id="send-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <input type="hidden" name="claimId" value="${input.claim.id}">
    <input type="hidden" name="regions" value="${input.regions.join(',')}">
    ${input.platforms.map((p) => html`<input type="hidden" name="platforms" value="${p}">`)}
    <input type="hidden" name="digest" value="${input.digest}">
    <button type="submit"${reach === 0 ? html` disabled` : ''}>${b$.send}</button>
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
  claim: { id: number; snippet: string; verdict: string | null; verdictKind: string | null };
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
  m?: DashboardMessages;
}): SafeHtml {
  const m = input.m ?? dashboardId;
  const b$ = m.broadcastPages;
  const failures = input.failures.map(
    (f) => html`<li data-chat="${f.chatId}">${f.group ? b$.failedGroup(f.group.name ?? `#${f.chatId}`, input.place(f.group.region)) : b$.failedSubscriber(f.chatId)}: <span class="reason">${f.reason ?? b$.noReason}</span></li>`,
  );
  return html`<p><a href="/dashboard/broadcasts">${b$.back}</a></p>
<h1>${b$.broadcastNo(input.id)} <span class="badge state-${input.status}" id="broadcast-state">${b$.states[input.status]}</span></h1>
${alerts(input)}
<section class="card">
  <dl class="meta">
    <dt>${b$.claim}</dt><dd id="broadcast-claim"><a href="/dashboard/claims/${input.claim.id}">#${input.claim.id}</a> ${verdictBadge(input.claim.verdict, input.claim.verdictKind, m)}<br><span class="muted">${wrapLong(input.claim.snippet)}</span></dd>
    <dt>${b$.region}</dt><dd>${input.regions.map(input.place).join('; ')}</dd>
    <dt>${b$.platform}</dt><dd>${platformList(input.platforms)}</dd>
    <dt>${b$.started}</dt><dd>${dateTime(input.createdAt, m)}</dd>
  </dl>
  <div class="progress" id="progress">
    <div data-count="total"><strong>${input.total}</strong>${b$.total}</div>
    <div data-count="sent"><strong>${input.sent}</strong>${b$.sentCount}</div>
    <div data-count="failed"><strong>${input.failed}</strong>${b$.failed}</div>
    <div data-count="pending"><strong>${input.pending}</strong>${b$.pending}</div>
  </div>
  ${input.status === 'running' ? html`<p class="muted">${b$.autoRefresh}</p>` : ''}
</section>
${input.failed > 0
  ? html`<section class="card">
  <h2>${b$.failures(input.failed)}</h2>
  <ul class="failures">${failures}</ul>
  <form method="post" action="/dashboard/broadcasts/${input.id}/retry">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <button type="submit">${b$.retry}</button>
  </form>
  <p class="muted">${b$.retryNote}</p>
</section>`
  : ''}`;
}

export function groupsPage(input: {
  groups: Array<{ id: number; name: string | null; region: string; platform: string; active: boolean; mode: string; registeredAt: string }>;
  filter: { region?: string };
  regionLabel?: string;
  place: Place;
  error?: string;
  m?: DashboardMessages;
}): SafeHtml {
  const m = input.m ?? dashboardId;
  const g$ = m.groupsPage;
  const rows = input.groups.map(
    (g) => html`<tr data-group="${g.id}">
      <td data-label="${g$.name}">${g.name ?? g$.noName}</td>
      <td data-label="${g$.region}">${input.place(g.region)}</td>
      <td data-label="${g$.platform}">${PLATFORM_LABELS[g.platform as PlatformCode] ?? g.platform}</td>
      <td data-label="${g$.status}">${g.active ? g$.active : html`<span class="muted">${g$.inactive}</span>`}</td>
      <td data-label="${g$.mode}">${g.mode === 'waspada' ? g$.waspada : g$.diam}</td>
      <td data-label="${g$.registered}">${dateTime(g.registeredAt, m)}</td>
    </tr>`,
  );
  const active = input.groups.filter((g) => g.active).length;
  return html`<h1>${g$.title}</h1>
<form method="get" action="/dashboard/groups" class="filters">
  <label for="region-filter">${m.queue.region} <span class="hint">${m.queue.regionHint}</span>${regionInput({ name: 'region', id: 'region-filter', value: input.filter.region ?? '', placeholder: m.queue.regionPlaceholder })}</label>
  <button type="submit">${m.queue.filter}</button>
</form>
${input.regionLabel ? html`<p class="resolved" id="region-resolved">${m.queue.regionResolved(input.regionLabel)}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<p class="muted">${g$.count(input.groups.length, active)} ${g$.howTo}</p>
<table class="queue">
  <thead><tr><th>${g$.name}</th><th>${g$.region}</th><th>${g$.platform}</th><th>${g$.status}</th><th>${g$.mode}</th><th>${g$.registered}</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">${g$.empty}</td></tr>`}</tbody>
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
