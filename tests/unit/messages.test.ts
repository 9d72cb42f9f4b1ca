import { describe, expect, it } from 'vitest';
import { id } from '../../src/domain/messages/id.js';
import { en } from '../../src/domain/messages/en.js';
import { messagesFor } from '../../src/domain/messages/index.js';
import { dashboardId } from '../../src/domain/messages/dashboard-id.js';
import { dashboardEn } from '../../src/domain/messages/dashboard-en.js';
import { preferredLang, safeBack } from '../../src/api/dashboard/lang.js';
import { classifyInbound } from '../../src/domain/conversation.js';
import { clarificationMessage, correctionMessage, broadcastMessage } from '../../src/domain/clarification.js';
import { VERDICT_CODES } from '../../src/domain/verdict.js';
import { expectSameCatalogue, leaves } from '../helpers/catalogue.js';

const BOT_SAMPLES: Record<string, unknown[][]> = {
  cardReasons: [[['ajakan menyebarkan', 'desakan waktu']]],
  'answer.link': [['https://saring.example.go.id/klarifikasi/12']],
  'answer.cardCaption': [['[HOAKS]', 'https://saring.example.go.id/klarifikasi/12'], ['[HOAKS]', null]],
  feedbackReopened: [[12, 3]],
  feedbackCardNote: [[3]],
  ticketReceived: [['T-1001']],
  ticketDuplicate: [['T-1001']],
  statusNotFound: [['T-1001']],
  'status.received': [['T-1001']],
  'status.waiting': [['T-1001', 1], ['T-1001', 4]],
  'status.verified': [['T-1001', '[HOAKS]']],
  'status.deleted': [['T-1001']],
  'hapus.done': [['T-1001']],
  'media.tooLarge': [[10]],
  'media.cardPhoto': [[12]],
  'media.cardFile': [[12]],
  tooLong: [[20000]],
  spikeAlert: [[12, 14, 4, 'Bansos cair hari ini']],
  'desa.notFound': [['Sukamju']],
  'desa.chooseFor': [['Sukamaju', 65]],
  'desa.chooseArea': [
    ['Sukamaju', 65, 'provinsi', 'desa'],
    ['Sukamaju', 65, 'kabupaten', 'daftar'],
    ['Sukamaju', 65, 'kecamatan', 'desa'],
  ],
  'desa.browse': [['provinsi'], ['kabupaten'], ['kecamatan'], ['desa']],
  'desa.askOne': [['Desa Sukamaju, Kec. Cianjur, Kab. Cianjur']],
  'desa.saved': [['Desa Sukamaju, Kec. Cianjur, Kab. Cianjur']],
  'staff.linked': [['Rina', 'Kab. Merangin']],
  'staff.moderasiSet': [['Kab. Merangin', 0], ['Kab. Merangin', 3]],
  'staff.askClarification': [[12, '[HOAKS]']],
  'staff.tooLong': [[812]],
  'staff.preview': [['[HOAKS] — …']],
  'staff.previewSummary': [['Bansos cair hari ini']],
  'staff.askSummary': [[1000]],
  'staff.summaryTooLong': [[1200, 1000]],
  'staff.published': [[12, 3, 0], [12, 3, 1]],
  'staff.askSameAs': [[12]],
  'staff.reportConfirmed': [['T-1001', 12, true], ['T-1001', 12, false]],
  'staff.reportDetached': [['T-1001', 12, 13]],
  'staff.lateSuggestion': [['T-1001', 12, '[HOAKS]', 'Bansos cair hari ini']],
  'staff.reportUnchanged': [['T-1001']],
  'staff.merged': [[12, 13]],
  'groups.unknownRegion': [['15.99']],
  'groups.registered': [['Desa Simpang Limbur, Kab. Merangin']],
  'groups.modeSet': [['waspada'], ['diam']],
  'groups.subscribed': [['Kab. Merangin']],
  'digest.state': [[true, 'Kab. Merangin'], [false, 'Kab. Merangin']],
  'digest.turnedOn': [['Kab. Merangin']],
  'digest.header': [['23 Nov 2026', '30 Nov 2026']],
  'digest.more': [[4, 'https://saring.example.go.id/klarifikasi'], [4, null]],
  shyReply: [['[HOAKS]', 'Tidak benar.', 'https://komdigi.go.id/x'], ['[HOAKS]', 'Tidak benar.', undefined]],
  'answer.source': [['https://komdigi.go.id/x']],
  'answer.ticket': [['T-1001']],
  'answer.correction': [['T-1001', '[HOAKS]', '[BENAR]']],
  'broadcast.header': [['[HOAKS]']],
  'broadcast.circulating': [['Bansos cair hari ini']],
};

const DASHBOARD_SAMPLES: Record<string, unknown[][]> = {
  modelLive: [['v4-b2c72e900f']],
  'answer.feedback': [[0, 0], [4, 3]],
  'answer.reopened': [[3]],
  'stats.feedbackTile': [[2, 1, 10]],
  modelMemory: [[0], [12]],
  verdictPublished: [[{ reporters: 0, answered: 0, corrected: 0 }], [{ reporters: 3, answered: 0, corrected: 0 }], [{ reporters: 3, answered: 2, corrected: 1 }]],
  merged: [[12, 0], [12, 3]],
  retried: [[0], [2]],
  needClarification: [[700]],
  summaryTooLong: [[1000]],
  'region.outside': [['Tabir']],
  'region.unknown': [['Tabirr']],
  'region.ambiguous': [['Sukamaju', ['Desa Sukamaju, Kab. Cianjur (32.03.01.2001)', 'Desa Sukamaju, Kab. Garut (32.05.02.2002)']]],
  'staff.added': [['Rina']],
  'staff.disabled': [['Rina']],
  'staff.rotated': [['Rina']],
  'staff.code': [['Rina']],
  'queue.regionResolved': [['Kec. Pamenang Barat, Kab. Merangin']],
  'queue.claimNo': [[12]],
  'queue.toConfirm': [[2]],
  'queue.fromDesa': [[3]],
  'claim.handledBy': [['Kab. Merangin']],
  'claim.clarificationHint': [[700]],
  'claim.residentReports': [[4]],
  'claim.similarLine': [[82, 3]],
  'claim.mergeInto': [[12]],
  'claim.mergeHere': [[12]],
  'claim.reportConfirmed': [['T-1001', true], ['T-1001', false]],
  'claim.reportDetached': [['T-1001', 13]],
  'preview.title': [[12]],
  'preview.back': [[12]],
  'preview.willAnswer': [[3]],
  'preview.willCorrect': [[1]],
  'staffPage.disableHelp': [['Rina']],
  'staffPage.disableConfirm': [['Rina']],
  'staffPage.disabledSince': [['3 Des 2026 10.00 WIB']],
  'staffPage.secretFor': [['Rina']],
  'broadcastPages.broadcastNo': [[3]],
  'broadcastPages.failedCount': [[2]],
  'broadcastPages.chosen': [['Kec. Tabir; Kec. Pamenang Barat']],
  'broadcastPages.reach': [[17, 4]],
  'broadcastPages.failedGroup': [['KIM Limbur', 'Desa Limbur Merangin']],
  'broadcastPages.failedSubscriber': [[41]],
  'broadcastPages.failures': [[1]],
  'groupsPage.count': [[12, 11]],
  'stats.heading': [['Kab. Merangin']],
  'stats.barTitle': [['2026-12-01', 4]],
  'stats.chartLabel': [[9]],
  'stats.chartMax': [[9]],
  'stats.topLine': [[9, 'Kec. Tabir']],
  'stats.period': [['2026-11-03', '2026-12-03']],
  'stats.hours': [['4,5']],
  'stats.days': [['2,5']],
  'stats.decimal': [[4.25]],
};

describe('dashboard catalogues', () => {
  it('English has exactly the keys of Bahasa Indonesia, and every entry gives a text', () => {
    expectSameCatalogue(dashboardId, dashboardEn, DASHBOARD_SAMPLES);
  });

  it('reads the browser language by its weights', () => {
    expect(preferredLang('en-GB,en;q=0.9')).toBe('en');
    expect(preferredLang('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(preferredLang('fr;q=1, en;q=0.4, id;q=0.6')).toBe('id');
    expect(preferredLang('en;q=0, id;q=0.1')).toBe('id');
    expect(preferredLang('de')).toBe('id');
    expect(preferredLang(undefined)).toBe('id');
  });

  it('comes back only to dashboard pages', () => {
    expect(safeBack('/dashboard/stats?from=2026-11-01')).toBe('/dashboard/stats?from=2026-11-01');
    expect(safeBack('https://evil.example/')).toBe('/dashboard');
    expect(safeBack('//evil.example/dashboard')).toBe('/dashboard');
    expect(safeBack('/dashboardx')).toBe('/dashboard');
    expect(safeBack(undefined)).toBe('/dashboard');
  });
});

describe('bot catalogues', () => {
  it('English has exactly the keys of Bahasa Indonesia, and every entry gives a text', () => {
    expectSameCatalogue(id, en, BOT_SAMPLES);
  });

  it('has a label for every verdict in both languages', () => {
    for (const v of VERDICT_CODES) {
      expect(id.verdictLabels[v]).toMatch(/^\[.+\]$/);
      expect(en.verdictLabels[v]).toMatch(/^\[.+\]$/);
    }
  });

  it('messagesFor picks the catalogue and falls back to Bahasa Indonesia', () => {
    expect(messagesFor('en')).toBe(en);
    expect(messagesFor('id')).toBe(id);
    expect(messagesFor('fr')).toBe(id);
    expect(messagesFor(null)).toBe(id);
  });

  it('the walker sees nested keys, so a missing one is caught', () => {
    const paths = [...leaves(id).keys()];
    expect(paths).toContain('status.waiting');
    expect(paths).toContain('desa.buttons.undo');
    const { status: _dropped, ...partial } = en;
    expect(() => expectSameCatalogue(id, partial, BOT_SAMPLES)).toThrow();
  });

  it('answers, corrections and broadcasts follow the catalogue, never the clarification', () => {
    const verdict = { verdict: 'hoaks' as const, kind: 'official' as const, clarification: 'Tidak ada bansos itu.', sources: ['https://komdigi.go.id/x'] };
    const answer = clarificationMessage(verdict, 'T-7', en);
    expect(answer).toContain('[HOAX] — Official clarification from Diskominfo');
    expect(answer).toContain('Source: https://komdigi.go.id/x');
    expect(answer).toContain('Ticket: T-7');
    expect(answer).toContain('Tidak ada bansos itu.');
    expect(clarificationMessage(verdict, 'T-7')).toContain('[HOAKS] — Klarifikasi resmi Diskominfo');
    expect(correctionMessage({ ...verdict, verdict: 'benar' }, verdict, 'T-7', en)).toMatch(/^CORRECTION for ticket T-7: the result changed from \[TRUE\] to \[HOAX\]/);
    expect(broadcastMessage(verdict, 'Bansos', undefined, en)).toMatch(/^📢 OFFICIAL CLARIFICATION FROM DISKOMINFO — \[HOAX\]/);
  });

  it('/bahasa and /language are private commands', () => {
    const msg = (name: string, kind: 'private' | 'group') =>
      classifyInbound({ platform: 'telegram', messageId: '1', chat: { id: '1', kind }, sender: { id: '1', isBot: false }, text: `/${name} en`, command: { name, args: 'en' }, forwarded: false, receivedAt: new Date() } as never);
    expect(msg('bahasa', 'private')).toEqual({ kind: 'command', name: 'bahasa', args: 'en' });
    expect(msg('language', 'private')).toEqual({ kind: 'command', name: 'bahasa', args: 'en' });
    expect(msg('bahasa', 'group').kind).toBe('ignore');
  });

  it('counts in English agree with their number: one report, two reports', () => {
    expect(dashboardEn.stats.topLine(1, 'Kab. Merangin')).toBe('1 report · Kab. Merangin');
    expect(dashboardEn.stats.topLine(3, 'Kab. Merangin')).toBe('3 reports · Kab. Merangin');
    expect(dashboardEn.modelMemory(1)).toBe('1 report from published verdicts is used as a local example.');
    expect(dashboardEn.modelMemory(0)).toBe('0 reports from published verdicts are used as local examples.');
    expect(dashboardEn.broadcastPages.reach(1, 2)).toContain('sent to 1 group and 2 subscribers');
    expect(en.feedbackCardNote(1)).toBe('⚠️ 1 resident found this answer unhelpful — please check again.');
    expect(en.feedbackCardNote(2)).toContain('2 residents found');
  });
});
