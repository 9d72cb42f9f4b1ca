import { describe, expect, it } from 'vitest';
import { basicNormalize, classifyInbound, cleanText, MAX_REPORT_CHARS } from '../../src/domain/conversation.js';
import type { InboundMessage } from '../../src/domain/inbound.js';

const msg = (over: Partial<InboundMessage>): InboundMessage => ({
  platform: 'telegram',
  messageId: '1',
  chat: { id: '10', kind: 'private' },
  sender: { id: '10', isBot: false },
  text: '',
  forwarded: false,
  receivedAt: new Date(),
  ...over,
});

describe('classifyInbound', () => {
  it('takes a private text as a report', () => {
    expect(classifyInbound(msg({ text: 'Awas penipuan' }))).toEqual({ kind: 'report', text: 'Awas penipuan', truncated: false });
  });
  it('takes a captioned photo as a report and a bare photo too', () => {
    expect(classifyInbound(msg({ text: 'lihat ini', media: { kind: 'photo' } })).kind).toBe('report');
    expect(classifyInbound(msg({ text: '', media: { kind: 'photo', fingerprint: 'x' } })).kind).toBe('report');
  });
  it('hints on stickers and voice notes, and on empty text', () => {
    expect(classifyInbound(msg({ media: { kind: 'sticker' } }))).toEqual({ kind: 'reply', key: 'unsupportedMedia' });
    // Voice notes and videos are kept for moderators (not matched): a report like a bare photo.
    expect(classifyInbound(msg({ media: { kind: 'voice' } }))).toEqual({ kind: 'report', text: '', truncated: false });
    expect(classifyInbound(msg({ media: { kind: 'video' } }))).toEqual({ kind: 'report', text: '', truncated: false });
    expect(classifyInbound(msg({ text: '   \n ' }))).toEqual({ kind: 'reply', key: 'emptyMessage' });
  });
  it('maps commands, with /help as /bantuan, and hints on unknown ones', () => {
    expect(classifyInbound(msg({ text: '/status T-1', command: { name: 'status', args: ' T-1 ' } }))).toEqual({ kind: 'command', name: 'status', args: 'T-1' });
    expect(classifyInbound(msg({ command: { name: 'help', args: '' } }))).toMatchObject({ kind: 'command', name: 'bantuan' });
    expect(classifyInbound(msg({ command: { name: 'terbang', args: '' } }))).toEqual({ kind: 'reply', key: 'unknownCommand' });
  });
  it('ignores group chatter, unknown group commands and bots', () => {
    const group = { chat: { id: '-1', kind: 'group' as const } };
    expect(classifyInbound(msg({ ...group, text: 'pagi semua' })).kind).toBe('ignore');
    expect(classifyInbound(msg({ ...group, command: { name: 'terbang', args: '' } })).kind).toBe('ignore');
    expect(classifyInbound(msg({ ...group, command: { name: 'bantuan', args: '' } })).kind).toBe('command');
    expect(classifyInbound(msg({ sender: { id: '5', isBot: true }, text: 'hi' })).kind).toBe('ignore');
  });
  it('truncates huge text instead of refusing it', () => {
    const intent = classifyInbound(msg({ text: 'a'.repeat(100_000) }));
    expect(intent).toMatchObject({ kind: 'report', truncated: true });
    expect(intent.kind === 'report' && intent.text.length).toBe(MAX_REPORT_CHARS);
  });
});

describe('cleanText', () => {
  it('drops NUL, control bytes and lone surrogates but keeps emoji and newlines', () => {
    expect(cleanText('a\u0000b\u0007c\nd\tе')).toBe('abc\nd\tе');
    expect(cleanText('x\uD800y\uDC00z')).toBe('xyz');
    expect(cleanText('hoaks 😱🔥')).toBe('hoaks 😱🔥');
  });
});

describe('basicNormalize', () => {
  it('folds case and whitespace so repeats cluster', () => {
    expect(basicNormalize('  Besok   LISTRIK\npadam ')).toBe(basicNormalize('besok listrik padam'));
  });
});
