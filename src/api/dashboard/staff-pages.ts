import type { StaffRow } from '../../db/schema/index.js';
import type { StaffRole } from '../../domain/access.js';
import { html, ROLE_LABELS, type Place, type SafeHtml } from './html.js';
import { dateTime, regionInput } from './pages.js';

/** The staff page: who has access, and the lifecycle of each account the viewer may manage. */

export interface StaffForm {
  name?: string;
  role?: string;
  region?: string;
}

/** A secret shown once, right after it was made (never stored in clear, never in a URL). */
export interface ShownSecret {
  staffName: string;
  token?: string;
  code?: string;
}

export function staffPage(input: {
  staff: StaffRow[];
  /** Which accounts the viewer may manage (others are listed read-only). */
  manageable: (s: StaffRow) => boolean;
  selfId: number;
  roles: StaffRole[];
  place: Place;
  form: StaffForm;
  csrf: string;
  flash?: string;
  error?: string;
  secret?: ShownSecret;
}): SafeHtml {
  const action = (s: StaffRow, path: string, label: string, cls = 'secondary') =>
    html`<form method="post" action="/dashboard/staff/${s.id}/${path}" class="inline"><input type="hidden" name="_csrf" value="${input.csrf}"><button type="submit" class="${cls}">${label}</button></form>`;
  const rows = input.staff.map((s) => {
    const linked = [s.telegramUserKey ? 'Telegram' : '', s.whatsappUserKey ? 'WhatsApp' : ''].filter(Boolean).join(', ');
    const actions =
      !s.disabledAt && input.manageable(s)
        ? html`<div class="actions">${action(s, 'code', 'Kode /masuk baru')}${action(s, 'rotate', 'Token baru')}${s.id === input.selfId
            ? ''
            : html`<details><summary>Nonaktifkan…</summary><p class="muted">Token, sesi dasbor dan tautan chat ${s.name} langsung tidak berlaku.</p>${action(s, 'disable', `Ya, nonaktifkan ${s.name}`, 'danger')}</details>`}</div>`
        : '';
    return html`<tr data-staff="${s.id}">
      <td data-label="Nama"><strong>${s.name}</strong>${s.id === input.selfId ? html` <span class="badge">Anda</span>` : ''}</td>
      <td data-label="Peran">${ROLE_LABELS[s.role] ?? s.role}</td>
      <td data-label="Wilayah">${input.place(s.regionCode)}</td>
      <td data-label="Status" class="state">${s.disabledAt ? html`<span class="muted">nonaktif sejak ${dateTime(s.disabledAt)}</span>` : 'aktif'}</td>
      <td data-label="Chat">${linked || html`<span class="muted">belum tertaut</span>`}</td>
      <td data-label="Tindakan" class="${actions ? 'actions-cell' : 'no-actions'}">${actions}</td>
    </tr>`;
  });
  const roleOptions = input.roles.map((r) => html`<option value="${r}"${input.form.role === r ? html` selected` : ''}>${ROLE_LABELS[r] ?? r}</option>`);
  return html`<h1>Staf</h1>
${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
${input.secret
    ? html`<section class="card" id="secret">
  <h2>Untuk ${input.secret.staffName} — hanya ditampilkan sekali</h2>
  ${input.secret.token ? html`<p>Token API / dasbor:</p><code class="secret" id="new-token">${input.secret.token}</code>` : ''}
  ${input.secret.code ? html`<p>Tautkan Telegram: kirim ke bot dalam 7 hari</p><code class="secret" id="new-code">/masuk ${input.secret.code}</code>` : ''}
  <p class="muted">Salin sekarang dan berikan secara pribadi. Saring hanya menyimpan sidik (hash)-nya.</p>
</section>`
    : ''}
${input.roles.length > 0
    ? html`<section class="card">
  <h2>Tambah staf</h2>
  <form method="post" action="/dashboard/staff" id="add-staff">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="name">Nama</label>
    <input id="name" name="name" required maxlength="80" value="${input.form.name ?? ''}" placeholder="mis. Pengurus KIM Limbur">
    <label for="role">Peran</label>
    <select id="role" name="role" required>${roleOptions}</select>
    <label for="staff-region">Wilayah <span class="hint">nama atau kode; pengurus KIM hanya melihat klaim wilayah ini</span></label>
    ${regionInput({ name: 'region', id: 'staff-region', value: input.form.region ?? '', placeholder: 'mis. Pamenang Barat', required: true })}
    <button type="submit">Buat akun</button>
  </form>
</section>`
    : ''}
<table class="queue" id="staff-list">
  <thead><tr><th>Nama</th><th>Peran</th><th>Wilayah</th><th>Status</th><th>Chat</th><th>Tindakan</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">Belum ada staf.</td></tr>`}</tbody>
</table>`;
}
