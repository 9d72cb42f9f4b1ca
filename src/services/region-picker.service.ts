import { id } from '../domain/messages/id.js';
import { messagesFor, type Messages } from '../domain/messages/index.js';
import { isRegionCode } from '../domain/access.js';
import {
  certaintyOf,
  fitsQualifier,
  homeFirst,
  inRegion,
  matchLabel,
  nameSplits,
  normalizeName,
  planChoices,
  queryWords,
  takeWithoutAsking,
  AREAS_PER_PAGE,
  type Certainty,
  type ChoicePage,
  type DesaMatch,
} from '../domain/desa-search.js';
import { levelLabel } from '../domain/region-label.js';
import type { InboundCallback, InboundMessage } from '../domain/inbound.js';
import type { ChatRow, OutboundButton, ResidentRow } from '../db/schema/index.js';
import type { DbOrTx } from '../db/client.js';
import type { CallbackAction, RegionAction } from '../db/repositories/moderation.repository.js';
import type { ServiceDeps } from './deps.js';
import type { RegionNames } from './region-names.service.js';
import type { GroupsService } from './groups.service.js';

export interface Reply {
  text: string;
  buttons?: OutboundButton[][];
}

type Purpose = 'desa' | 'daftar';

interface Found {
  matches: DesaMatch[];
  /** The name as it was read from the words (without the qualifiers), for the question. */
  name: string;
  certainty: Certainty;
}

export const isRegionAction = (a: CallbackAction): a is RegionAction => a.kind.startsWith('region-');

/** A resident's own desa is asked in their language; a group's registration stays in Bahasa Indonesia. */
const textsFor = (purpose: Purpose, resident: ResidentRow): Messages => (purpose === 'desa' ? messagesFor(resident.lang) : id);

const titleCase = (s: string) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());

/**
 * `/desa NAMA` for residents and `/daftar NAMA` for KIM groups: the exact name before anything similar,
 * qualifiers ("Sukamaju Cianjur"), the home region first, and — when many desa share a name — buttons
 * that narrow by provinsi, kabupaten and kecamatan, so every desa is reachable in a few taps. A match
 * outside the deployment's provinsi, or only similar to what was typed, is never taken without a tap.
 * The same buttons become numbered replies on WhatsApp.
 */
export function createRegionPicker(deps: ServiceDeps, parts: { names: RegionNames; groups: GroupsService }) {
  const home = deps.config.homeRegion;
  const search = deps.repos.regionSearch;

  async function find(raw: string): Promise<Found | undefined> {
    const splits = nameSplits(queryWords(raw)).slice(0, 5);
    if (splits.length === 0) return undefined;
    const named = await search.desaNamed(splits.map((s) => s.name));
    for (const s of splits) {
      const matches = named.filter((m) => normalizeName(m.name) === s.name && fitsQualifier(m, s.qualifier));
      if (matches.length > 0) return { matches: homeFirst(matches, home), name: s.name, certainty: 'exact' };
    }
    for (const s of splits) {
      if (s.name.replace(/\s/g, '').length < 3) continue;
      const similar = (await search.desaLike(s.name)).filter((m) => fitsQualifier(m, s.qualifier));
      // Names that start with the words typed beat names that contain them, which beat names only alike.
      const words = s.name.split(' ');
      const tiers = [
        similar.filter((m) => certaintyOf(m, s.name) === 'prefix'),
        similar.filter((m) => words.every((w) => normalizeName(m.name).split(' ').includes(w))),
        similar,
      ];
      const matches = tiers.find((tier) => tier.length > 0);
      if (!matches) continue;
      const certainty = matches.length === 1 ? certaintyOf(matches[0]!, s.name) : 'fuzzy';
      return { matches: homeFirst(matches, home), name: s.name, certainty };
    }
    return undefined;
  }

  async function askDesaButtonsMany(asks: Array<{ residentId: number; chatId: number; t: Messages }>, tx?: DbOrTx): Promise<OutboundButton[][][]> {
    const data = await deps.repos.moderation.stableTokensIn(
      asks.map(({ residentId, chatId }) => ({ action: { kind: 'region-area', purpose: 'desa', residentId, q: '', area: home ?? null, page: 0 }, chatId })),
      deps.secrets.pseudonymSecret,
      tx,
    );
    return asks.map(({ t }, i) => [[{ text: t.desa.buttons.ask, data: data[i]! }]]);
  }

  async function tokens(actions: RegionAction[], chatId: number, tx?: DbOrTx): Promise<string[]> {
    return deps.repos.moderation.stableTokens(actions, chatId, deps.secrets.pseudonymSecret, tx);
  }

  /** Area choices two to a row (short labels), desa one to a row, then the page buttons. */
  async function buttonsOf(page: ChoicePage, base: Omit<Extract<RegionAction, { kind: 'region-area' }>, 'area' | 'page'>, area: string | null, chatId: number, t: Messages): Promise<OutboundButton[][]> {
    const actions: RegionAction[] = page.choices.map((c) =>
      c.kind === 'pick'
        ? { kind: 'region-pick', purpose: base.purpose, residentId: base.residentId, code: c.code }
        : { ...base, kind: 'region-area', area: c.area, page: 0 },
    );
    const paging: Array<{ text: string; action: RegionAction }> = [];
    if (page.page > 0) paging.push({ text: t.desa.buttons.prev, action: { ...base, kind: 'region-area', area, page: page.page - 1 } });
    if (page.page < page.pages - 1) paging.push({ text: t.desa.buttons.next, action: { ...base, kind: 'region-area', area, page: page.page + 1 } });
    const data = await tokens([...actions, ...paging.map((p) => p.action)], chatId);
    const rows: OutboundButton[][] = [];
    page.choices.forEach((c, i) => {
      const button = { text: c.label.slice(0, 64), data: data[i]! };
      const last = rows[rows.length - 1];
      if (c.kind === 'area' && last && last.length === 1 && page.choices[i - 1]?.kind === 'area') last.push(button);
      else rows.push([button]);
    });
    if (paging.length) rows.push(paging.map((p, i) => ({ text: p.text, data: data[actions.length + i]! })));
    return rows;
  }

  async function offer(purpose: Purpose, q: string, found: Found, area: string | null, pageNo: number, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
    const t = textsFor(purpose, resident);
    const page = planChoices(found.matches, { area, page: pageNo, home });
    const name = titleCase(found.name);
    const buttons = await buttonsOf(page, { kind: 'region-area', purpose, residentId: resident.id, q }, area, chat.id, t);
    if (page.level !== 'desa') return { text: t.desa.chooseArea(name, page.total, page.level, purpose), buttons };
    const text = purpose === 'daftar' ? t.groups.daftarChoose : page.total > 1 && area === null ? t.desa.chooseFor(name, page.total) : t.desa.choose;
    return { text, buttons };
  }

  /** Browsing the region tree without a name (the ticket's "Pilih desa saya"): one level per tap. */
  async function browse(purpose: Purpose, area: string | null, pageNo: number, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
    const t = textsFor(purpose, resident);
    const children = homeFirst(await search.children(area), home);
    if (children.length === 0) return { text: t.desa.usage };
    const pages = Math.ceil(children.length / AREAS_PER_PAGE);
    const page = Math.min(Math.max(pageNo, 0), pages - 1);
    const level = children[0]!.level;
    const view: ChoicePage = {
      level: level === 1 ? 'provinsi' : level === 2 ? 'kabupaten' : level === 3 ? 'kecamatan' : 'desa',
      choices: children
        .slice(page * AREAS_PER_PAGE, (page + 1) * AREAS_PER_PAGE)
        .map((c) => (c.level === 4 ? { kind: 'pick', code: c.code, label: levelLabel(c) } : { kind: 'area', area: c.code, label: levelLabel(c) })),
      total: children.length,
      page,
      pages,
    };
    const buttons = await buttonsOf(view, { kind: 'region-area', purpose, residentId: resident.id, q: '' }, area, chat.id, t);
    return { text: t.desa.browse(view.level), buttons };
  }

  async function saveDesa(resident: ResidentRow, code: string, chat: ChatRow): Promise<Reply> {
    const t = messagesFor(resident.lang);
    const previous = resident.regionCode;
    await deps.repos.people.setResidentRegion(resident.id, code);
    // Claims this resident reported before they had a desa now go to that desa's moderators.
    const moved = await deps.repos.claimReview.adoptRegion(resident.id, code);
    for (const claimId of moved) await deps.producers.review(claimId, `desa-${code}`);
    if (moved.length) deps.logger.info({ residentId: resident.id, claims: moved.length }, 'claims re-routed to the desa set by their reporter');
    const [undo] = await tokens([{ kind: 'region-undo', residentId: resident.id, previous }], chat.id);
    return { text: t.desa.saved((await parts.names.label(code)) ?? code), buttons: [[{ text: t.desa.buttons.undo, data: undo! }]] };
  }

  async function choose(purpose: Purpose, args: string, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
    const t = textsFor(purpose, resident);
    const found = await find(args);
    if (!found) return { text: t.desa.notFound(args.slice(0, 60)) };
    const q = queryWords(args).join(' ');
    if (found.matches.length === 1) {
      const m = found.matches[0]!;
      // A group's registration is always confirmed with a tap on the full name: broadcasts follow it.
      if (purpose === 'desa' && takeWithoutAsking(m, found.certainty, home)) return saveDesa(resident, m.code, chat);
      const [yes] = await tokens([{ kind: 'region-pick', purpose, residentId: resident.id, code: m.code }], chat.id);
      // Outside the home provinsi the provinsi is named too: "Desa Jakarta Baru, Kec. Bula Barat, Kab. Seram Bagian Timur, Prov. Maluku".
      const label = matchLabel(m, { province: !home || !inRegion(m.code, home.slice(0, 2)) });
      if (purpose === 'daftar') return { text: t.groups.daftarChoose, buttons: [[{ text: label.slice(0, 64), data: yes! }]] };
      return { text: t.desa.askOne(label), buttons: [[{ text: t.desa.buttons.yes, data: yes! }]] };
    }
    return offer(purpose, q, found, null, 0, resident, chat);
  }

  return {
    /** `/desa NAMA` (a code is accepted too). */
    async desa(args: string, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
      const t = messagesFor(resident.lang);
      const q = args.replace(/\s+/g, ' ').trim();
      if (isRegionCode(q) && q.split('.').length === 4) {
        return (await deps.repos.regionSearch.findByCode(q)) ? saveDesa(resident, q, chat) : { text: t.desa.notFound(q) };
      }
      if (q.replace(/\s/g, '').length < 3) return { text: t.desa.usage };
      return choose('desa', q, resident, chat);
    },

    /** `/daftar NAMA` in a group (a Kemendagri code of any level registers at once, as before). */
    async daftar(msg: InboundMessage, args: string, resident: ResidentRow, chat: ChatRow): Promise<Reply> {
      const t = id;
      const q = args.replace(/\s+/g, ' ').trim();
      if (!q) return { text: t.groups.daftarUsage };
      if (!(await parts.groups.isAdmin(msg.platform, msg.chat.id, msg.sender.id, msg.chat.kind === 'group' && msg.sender.groupAdmin === true))) return { text: t.groups.notAdmin };
      const first = q.split(' ')[0]!;
      if (/^[\d.]+$/.test(first)) return { text: await parts.groups.register(msg.platform, chat, first, msg.sender.id, msg.chat.title) };
      return choose('daftar', q, resident, chat);
    },

    /** A tap on one of the picker's buttons; 'refused' when the tapper may not use it. */
    async tap(action: RegionAction, ctx: { cb: InboundCallback; resident: ResidentRow; chat: ChatRow }): Promise<Reply | 'refused'> {
      const { cb, resident, chat } = ctx;
      const t = action.kind === 'region-undo' ? messagesFor(resident.lang) : textsFor(action.purpose, resident);
      // A resident's desa buttons are theirs alone; a group's may be used by any of its admins.
      if (action.kind === 'region-undo' || action.purpose === 'desa') {
        if (action.residentId !== resident.id) return 'refused';
      } else if (!(await parts.groups.isAdmin(cb.platform, cb.chat.id, cb.sender.id))) {
        return { text: t.groups.notAdmin };
      }
      if (action.kind === 'region-undo') {
        await deps.repos.people.setResidentRegion(resident.id, action.previous);
        return { text: t.desa.undone };
      }
      if (action.kind === 'region-pick') {
        if (!(await deps.repos.regionSearch.findByCode(action.code))) return 'refused';
        if (action.purpose === 'desa') return saveDesa(resident, action.code, chat);
        return { text: await parts.groups.register(cb.platform, chat, action.code, cb.sender.id) };
      }
      if (action.q === '') return browse(action.purpose, action.area, action.page, resident, chat);
      const found = await find(action.q);
      if (!found) return { text: t.desa.stale };
      return offer(action.purpose, action.q, found, action.area, action.page, resident, chat);
    },

    /**
     * The one-tap button under a ticket for a resident without a desa (browse from the home region), for each
     * ticket of a batch; their tokens are written in one statement.
     */
    askDesaButtonsMany,
  };
}

export type RegionPicker = ReturnType<typeof createRegionPicker>;
