import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatKindOf, isShortComment, mapMessage, parseChoiceReply, parseCommand, skipReason } from '../../bots/whatsapp/map-message.js';
import { GROUP, GROUP_MEMBER, RESIDENT, RESIDENT_LID, TINY_PNG_BASE64, fixtures, waMessage } from '../fixtures/whatsapp/messages.js';

const READY = Date.now() - 5_000;
const map = (m: ReturnType<typeof waMessage>) => mapMessage(m, { acceptFromMs: READY });

describe('WhatsApp message → InboundMessage', () => {
  it('maps a private text with string ids and no phone number in the message id', async () => {
    const m = fixtures.privateText();
    const out = await map(m);
    expect(out).toMatchObject({
      platform: 'whatsapp',
      messageId: m.id.id,
      chat: { id: RESIDENT, kind: 'private' },
      sender: { id: RESIDENT, isBot: false },
      text: m.body,
      forwarded: false,
    });
    expect(out!.messageId).not.toContain('6281');
    expect(out!.receivedAt.getTime()).toBe(m.timestamp * 1000);
    expect(out!.media).toBeUndefined();
    expect(out!.command).toBeUndefined();
  });

  it('treats @lid chats as private', async () => {
    expect((await map(fixtures.lidText()))?.chat).toEqual({ id: RESIDENT_LID, kind: 'private' });
  });

  it('keeps forwarding and the forwarding score', async () => {
    const out = await map(fixtures.forwardedHoax());
    expect(out).toMatchObject({ forwarded: true, forwardingScore: 5 });
  });

  it('fingerprints a photo by the sha256 of its bytes and keeps the caption as text', async () => {
    const out = await map(fixtures.imageWithCaption());
    const hash = createHash('sha256').update(Buffer.from(TINY_PNG_BASE64, 'base64')).digest('hex');
    expect(out).toMatchObject({ text: 'Foto jembatan ambruk di Sampit ini kejadian kemarin?', media: { kind: 'photo', fingerprint: `wa:sha256:${hash}` } });
  });

  it('gives the same fingerprint to the same photo from two residents', async () => {
    const a = await map(fixtures.imageWithCaption());
    const b = await map(waMessage({ from: RESIDENT_LID, body: '', media: { mimetype: 'image/png', data: TINY_PNG_BASE64 } }));
    expect(b!.media!.fingerprint).toBe(a!.media!.fingerprint);
  });

  it('falls back to a hash of the media key when the download fails', async () => {
    const m = fixtures.imageDownloadFails();
    const out = await map(m);
    const hash = createHash('sha256').update(m.mediaKey!).digest('hex');
    expect(out!.media).toEqual({ kind: 'photo', fingerprint: `wa:mediakey:${hash}` });
    expect(out!.media!.fingerprint).not.toContain(m.mediaKey!);
  });

  it('falls back to the media key when the download hangs', async () => {
    const m = waMessage({ body: 'cek', mediaKey: 'a2V5', media: { mimetype: 'image/jpeg', data: 'x' } });
    m.downloadMedia = () => new Promise(() => undefined);
    const out = await mapMessage(m, { acceptFromMs: READY, downloadTimeoutMs: 20 });
    expect(out!.media!.fingerprint).toMatch(/^wa:mediakey:/);
  });

  it('downloads videos with the message (kept for moderators) as the MessageMedia the library returns', async () => {
    const m = waMessage({ type: 'video', body: 'video banjir', media: { mimetype: 'video/mp4', data: 'AAAA', filename: 'banjir.mp4' } });
    const out = await map(m);
    expect(out!.media).toMatchObject({ kind: 'video', content: { mime: 'video/mp4' }, declaredBytes: 3 });
    expect(out!.media!.content!.data).toEqual(Buffer.from('AAAA', 'base64'));
    expect(out!.media!.fingerprint).toMatch(/^wa:sha256:/);
  });

  it('falls back to the media key when a video cannot be downloaded', async () => {
    const m = waMessage({ type: 'video', body: 'video banjir', mediaKey: 'a2V5', media: 'fails' });
    const out = await map(m);
    expect(out!.media).toMatchObject({ kind: 'video', fingerprint: expect.stringMatching(/^wa:mediakey:/) });
    expect(out!.media!.content).toBeUndefined();
  });

  it('reports the quoted message when the resident only asks "ini benar?"', async () => {
    const m = fixtures.quotedQuestion();
    const quoted = (await m.getQuotedMessage())!;
    const out = await map(m);
    expect(out).toMatchObject({ text: quoted.body, forwarded: true, forwardingScore: 4, messageId: m.id.id });
  });

  it('keeps a longer own comment as the text', async () => {
    const m = fixtures.quotedLongComment();
    expect((await map(m))!.text).toBe(m.body);
  });

  it('ignores a quoted bot message (a reply to us, not a question about a claim)', async () => {
    const m = waMessage({ body: 'oke', quoted: waMessage({ fromMe: true, body: 'Nomor tiket: T-1' }) });
    expect((await map(m))!.text).toBe('oke');
  });

  it('parses / and ! commands, in private chats and groups', async () => {
    expect((await map(fixtures.command('/status T-1000')))!.command).toEqual({ name: 'status', args: 'T-1000' });
    expect((await map(fixtures.command('!bantuan')))!.command).toEqual({ name: 'bantuan', args: '' });
    const g = await map(fixtures.groupCommand('/daftar 62.01.01.2001'));
    expect(g).toMatchObject({ chat: { id: GROUP, kind: 'group' }, sender: { id: GROUP_MEMBER }, command: { name: 'daftar', args: '62.01.01.2001' } });
  });

  it('does not read a forwarded text or a caption as a command', async () => {
    expect((await map(waMessage({ body: '/start', isForwarded: true })))!.command).toBeUndefined();
    expect((await map(waMessage({ body: '/status T-1', media: { mimetype: 'image/png', data: TINY_PNG_BASE64 } })))!.command).toBeUndefined();
  });

  it('passes group chatter to the core (which ignores it) without downloading anything', async () => {
    const m = waMessage({ from: GROUP, body: 'foto kerja bakti', media: { mimetype: 'image/png', data: TINY_PNG_BASE64 } });
    let downloaded = false;
    m.downloadMedia = async () => ((downloaded = true), undefined);
    const out = await map(m);
    expect(out).toMatchObject({ chat: { kind: 'group' }, media: { kind: 'photo' } });
    expect(out!.command).toBeUndefined();
    expect(downloaded).toBe(false);
  });

  it('never uses a vCard body (phone numbers) as text', async () => {
    expect(await map(fixtures.vcard())).toMatchObject({ text: '', media: { kind: 'other' } });
  });

  it.each([
    ['status broadcasts', fixtures.statusBroadcast(), 'status update'],
    ['broadcast lists', fixtures.broadcastList(), 'broadcast list'],
    ['channels', fixtures.newsletter(), 'not a private chat or group'],
    ['the bot’s own messages', fixtures.ownMessage(), 'own message'],
    ['reactions and notifications', fixtures.reaction(), 'unsupported type reaction'],
    ['messages older than the catch-up window', fixtures.beforeReady(READY), 'older than the catch-up window'],
  ])('ignores %s', async (_what, m, reason) => {
    expect(skipReason(m, READY)).toBe(reason);
    expect(await map(m)).toBeNull();
  });

  it('ignores everything while the adapter is not running, but accepts a message of the first second', () => {
    expect(skipReason(fixtures.privateText(), undefined)).toBe('client not running');
    const readyAt = 1_750_000_000_900;
    expect(skipReason(waMessage({ body: 'x', timestamp: 1_750_000_000 }), readyAt)).toBeNull();
    expect(skipReason(waMessage({ body: 'x', timestamp: 1_749_999_999 }), readyAt)).not.toBeNull();
  });
});

describe('WhatsApp text rules', () => {
  it('knows chat kinds by id suffix', () => {
    expect(chatKindOf('6281234567890@c.us')).toBe('private');
    expect(chatKindOf('123@lid')).toBe('private');
    expect(chatKindOf('120363041234567890@g.us')).toBe('group');
    for (const id of ['status@broadcast', '1712@broadcast', '1203@newsletter', '6281234567890', '']) expect(chatKindOf(id)).toBeNull();
  });

  it('accepts ! commands only on one short line (chain messages start with "!Waspada")', () => {
    expect(parseCommand('!status T-5')).toEqual({ name: 'status', args: 'T-5' });
    expect(parseCommand('!Waspada penculikan anak\nSebarkan ke grup lain')).toBeUndefined();
    expect(parseCommand('/status T-5\nbaris kedua')).toEqual({ name: 'status', args: 'T-5\nbaris kedua' });
    expect(parseCommand('!!! PENTING')).toBeUndefined();
    expect(parseCommand('/ 123')).toBeUndefined();
  });

  it('reads a numbered choice', () => {
    expect(parseChoiceReply('1')).toBe(1);
    expect(parseChoiceReply(' 2. ')).toBe(2);
    expect(parseChoiceReply('*1*')).toBe(1);
    expect(parseChoiceReply('1 dong')).toBeUndefined();
    expect(parseChoiceReply('123')).toBeUndefined();
  });

  it('treats up to 8 short words as a comment', () => {
    expect(isShortComment('ini benar?')).toBe(true);
    expect(isShortComment('')).toBe(true);
    expect(isShortComment('satu dua tiga empat lima enam tujuh delapan sembilan')).toBe(false);
  });
});
