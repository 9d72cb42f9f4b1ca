import type { StaffRow } from '../../db/schema/index.js';
import type { StaffRole } from '../../domain/access.js';
import { dashboardId } from '../../domain/messages/dashboard-id.js';
import type { DashboardMessages } from '../../domain/messages/dashboard.js';
import { html, type Place, type SafeHtml } from './html.js';
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
  m?: DashboardMessages;
}): SafeHtml {
  const m = input.m ?? dashboardId;
  const t = m.staffPage;
  const roleLabel = (r: string) => (m.roles as Record<string, string>)[r] ?? r;
  const action = (s: StaffRow, path: string, label: string, cls = 'secondary') =>
    html`<form method="post" action="/dashboard/staff/${s.id}/${path}" class="inline"><input type="hidden" name="_csrf" value="${input.csrf}"><button type="submit" class="${cls}">${label}</button></form>`;
  const rows = input.staff.map((s) => {
    const linked = [s.telegramUserKey ? 'Telegram' : '', s.whatsappUserKey ? 'WhatsApp' : ''].filter(Boolean).join(', ');
    const actions =
      !s.disabledAt && input.manageable(s)
        ? html`<div class="actions">${action(s, 'code', t.newCode)}${action(s, 'rotate', t.newToken)}${s.id === input.selfId
            ? ''
            : html`<details><summary>${t.disable}</summary><p class="muted">${t.disableHelp(s.name)}</p>${action(s, 'disable', t.disableConfirm(s.name), 'danger')}</details>`}</div>`
        : '';
    return html`<tr data-staff="${s.id}">
      <td data-label="${t.name}"><strong>${s.name}</strong>${s.id === input.selfId ? html` <span class="badge">${t.you}</span>` : ''}</td>
      <td data-label="${t.role}">${roleLabel(s.role)}</td>
      <td data-label="${t.region}">${input.place(s.regionCode)}</td>
      <td data-label="${t.status}" class="state">${s.disabledAt ? html`<span class="muted">${t.disabledSince(dateTime(s.disabledAt, m))}</span>` : t.active}</td>
      <td data-label="${t.chat}">${linked || html`<span class="muted">${t.notLinked}</span>`}</td>
      <td data-label="${t.actions}" class="${actions ? 'actions-cell' : 'no-actions'}">${actions}</td>
    </tr>`;
  });
  const roleOptions = input.roles.map((r) => html`<option value="${r}"${input.form.role === r ? html` selected` : ''}>${roleLabel(r)}</option>`);
  return html`<h1>${t.title}</h1>
${input.flash ? html`<p class="ok" role="status">${input.flash}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
${input.secret
    ? html`<section class="card" id="secret">
  <h2>${t.secretFor(input.secret.staffName)}</h2>
  ${input.secret.token ? html`<p>${t.token}</p><code class="secret" id="new-token">${input.secret.token}</code>` : ''}
  ${input.secret.code ? html`<p>${t.linkTelegram}</p><code class="secret" id="new-code">/masuk ${input.secret.code}</code>` : ''}
  <p class="muted">${t.secretHelp}</p>
</section>`
    : ''}
${input.roles.length > 0
    ? html`<section class="card">
  <h2>${t.add}</h2>
  <form method="post" action="/dashboard/staff" id="add-staff">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    <label for="name">${t.name}</label>
    <input id="name" name="name" required maxlength="80" value="${input.form.name ?? ''}" placeholder="${t.namePlaceholder}">
    <label for="role">${t.role}</label>
    <select id="role" name="role" required>${roleOptions}</select>
    <label for="staff-region">${t.region} <span class="hint">${t.regionHint}</span></label>
    ${regionInput({ name: 'region', id: 'staff-region', value: input.form.region ?? '', placeholder: t.regionPlaceholder, required: true })}
    <button type="submit">${t.create}</button>
  </form>
</section>`
    : ''}
<table class="queue" id="staff-list">
  <thead><tr><th>${t.name}</th><th>${t.role}</th><th>${t.region}</th><th>${t.status}</th><th>${t.chat}</th><th>${t.actions}</th></tr></thead>
  <tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted empty">${t.empty}</td></tr>`}</tbody>
</table>`;
}
