import { describe, expect, it } from 'vitest';
import { classifyChatter } from '../../src/domain/small-talk.js';
import { classifyInbound } from '../../src/domain/conversation.js';
import { isFragment } from '../../src/services/prepare.service.js';
import type { InboundMessage } from '../../src/domain/inbound.js';

const msg = (over: Partial<InboundMessage>): InboundMessage => ({
  platform: 'telegram',
  messageId: '1',
  chat: { id: '10', kind: 'private' },
  sender: { id: '10', isBot: false },
  text: '',
  forwarded: false,
  receivedAt: new Date(0),
  ...over,
});

describe('classifyChatter', () => {
  it('takes a bare question about hoaxes, with nothing to check in it, as a question', () => {
    for (const q of ['ini hoax bukan?', 'benarkah?', 'hoaks ya?', 'cek dong', 'Ini HOAX gak min??', 'info ini benar tidak?', 'halo min, ini hoax?', 'beneran?']) {
      expect(classifyChatter(q), q).toBe('question');
    }
  });
  it('takes greetings, thanks (also as emoji only) and acknowledgements as small talk', () => {
    expect(classifyChatter('halo')).toBe('greeting');
    expect(classifyChatter('Halooo min')).toBe('greeting');
    expect(classifyChatter('Assalamualaikum')).toBe('greeting');
    expect(classifyChatter('selamat pagi')).toBe('greeting');
    expect(classifyChatter('makasih')).toBe('thanks');
    expect(classifyChatter('terima kasih banyak ya min 🙏')).toBe('thanks');
    expect(classifyChatter('🙏🙏')).toBe('thanks');
    expect(classifyChatter('👍🏻')).toBe('thanks');
    expect(classifyChatter('ok')).toBe('ack');
    expect(classifyChatter('siap')).toBe('ack');
  });
  it('leaves anything with content to check to the matcher', () => {
    for (const text of [
      'ini hoax bukan? Vaksin covid mengandung microchip',
      'vaksin?',
      'minyak goreng naik',
      'bit.ly/abc',
      'halo, transfer 500000 ke rekening ini',
      '🔥🔥',
      'Halo warga, besok ada pemadaman listrik di seluruh desa mulai jam delapan pagi',
    ]) {
      expect(classifyChatter(text), text).toBeNull();
    }
  });
});

describe('classifyInbound with small talk', () => {
  it('answers a bare question or a greeting instead of storing a report', () => {
    expect(classifyInbound(msg({ text: 'ini hoax bukan?' }))).toEqual({ kind: 'chatter', topic: 'question' });
    expect(classifyInbound(msg({ text: 'halo' }))).toEqual({ kind: 'chatter', topic: 'greeting' });
    expect(classifyInbound(msg({ text: '🙏' }))).toEqual({ kind: 'chatter', topic: 'thanks' });
  });
  it('a short text after a link is still a report (the second half of a message), small talk is not', () => {
    // "halo" two seconds after a link: never stored, so never merged into the link's report.
    expect(classifyInbound(msg({ text: 'halo' })).kind).toBe('chatter');
    // A real caption sent separately is a fragment and merges as before.
    const caption = classifyInbound(msg({ text: 'vaksin mengandung chip' }));
    expect(caption.kind).toBe('report');
    expect(isFragment('vaksin mengandung chip')).toBe(true);
  });
  it('a photo is a report whatever its caption says', () => {
    expect(classifyInbound(msg({ text: 'ini hoax bukan?', media: { kind: 'photo' } })).kind).toBe('report');
  });
  it('stays silent in groups', () => {
    expect(classifyInbound(msg({ chat: { id: '-1', kind: 'group' }, text: 'halo' })).kind).toBe('ignore');
  });
});
