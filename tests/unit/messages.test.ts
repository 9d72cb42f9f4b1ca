import { describe, expect, it } from 'vitest';
import { id } from '../../src/domain/messages/id.js';
import { en } from '../../src/domain/messages/en.js';
import { messagesFor } from '../../src/domain/messages/index.js';
import { classifyInbound } from '../../src/domain/conversation.js';
import { clarificationMessage, correctionMessage, broadcastMessage } from '../../src/domain/clarification.js';
import { VERDICT_CODES } from '../../src/domain/verdict.js';
import { expectSameCatalogue, leaves } from '../helpers/catalogue.js';

const BOT_SAMPLES: Record<string, unknown[][]> = {
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
  shyReply: [['[HOAKS]', 'Tidak benar.', 'https://komdigi.go.id/x'], ['[HOAKS]', 'Tidak benar.', undefined]],
  'answer.source': [['https://komdigi.go.id/x']],
  'answer.ticket': [['T-1001']],
  'answer.correction': [['T-1001', '[HOAKS]', '[BENAR]']],
  'broadcast.header': [['[HOAKS]']],
  'broadcast.circulating': [['Bansos cair hari ini']],
};

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
});
