import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppAdapter } from '../../bots/whatsapp/whatsapp-adapter.js';
import { FakeWhatsAppClient } from '../fixtures/whatsapp/fake-client.js';
import { BOT_WID, GROUP, GROUP_MEMBER, RESIDENT } from '../fixtures/whatsapp/messages.js';
import { seedRegions } from '../helpers/moderation.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { sleep, waitFor } from '../helpers/wait.js';

const HOAX = 'Besok ada pemadaman listrik total di seluruh Kabupaten Merangin selama tiga hari karena gardu induk meledak semalam, segera isi air';

describe('KIM groups on WhatsApp: /daftar by a group admin, then a Diskominfo broadcast', () => {
  let h: WhatsAppHarness;
  const group = waGroup();
  const admin = waUser();
  const member = waUser();
  const otherGroup = waGroup();
  const otherCreator = waUser();

  const groupRows = () => h.saring.database.sql`select g.platform, g.name, g.region_code, g.active from kim_groups g order by g.id`;

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    await seedRegions(h);
    const wa = h.wa.client();
    wa.setMember(group, admin, 'admin');
    wa.setMember(group, member, 'member');
    wa.setMember(otherGroup, otherCreator, 'superadmin');
  });
  afterAll(async () => h?.stop());

  it('refuses /daftar from a member who is not a group admin', async () => {
    h.wa.deliver({ from: group, author: member, body: '/daftar 15.02.13.2005' });
    const refused = await h.wa.waitText(group, (t) => t.includes('Hanya admin grup'), 'refusal');
    expect(refused).not.toContain('terdaftar');
    expect(await groupRows()).toEqual([]);
  });

  it('registers the group when its admin sends /daftar KODE (and the creator of another group, elsewhere)', async () => {
    h.wa.deliver({ from: group, author: admin, body: '/daftar 15.02.13.2005' });
    const ok = await h.wa.waitText(group, (t) => t.includes('terdaftar'), 'registered');
    expect(ok).toContain('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');

    h.wa.deliver({ from: otherGroup, author: otherCreator, body: '!daftar 62.02.01' });
    await h.wa.waitText(otherGroup, (t) => t.includes('terdaftar'), 'other group registered');
    expect(await groupRows()).toEqual([
      // The group's subject as WhatsApp shows it (the stand-in names every group so).
      { platform: 'whatsapp', name: 'KIM Desa Sukamaju', region_code: '15.02.13.2005', active: true },
      { platform: 'whatsapp', name: 'KIM Desa Sukamaju', region_code: '62.02.01', active: true },
    ]);
  });

  it('delivers an official broadcast to the registered group of the chosen region exactly once; status reaches done', async () => {
    // A resident of the desa reports: the claim is in Diskominfo Merangin's region.
    const warga = waUser();
    h.wa.deliver({ from: warga, body: '/desa Simpang Limbur' });
    await h.wa.waitText(warga, (t) => t.includes('Simpang Limbur Merangin'), '/desa saved');
    h.wa.deliver({ from: warga, body: HOAX });
    const ticket = Number(/T-(\d+)/.exec(await h.wa.waitText(warga, (t) => /T-\d+/.test(t), 'ticket'))?.[1]);
    const claimId = await waitFor(
      async () => ((await h.saring.database.sql`select claim_id from reports where id = ${ticket}`)[0]?.claim_id as number | null) ?? null,
      { what: 'claim of the report' },
    );

    const { staff } = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const actor = { id: staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
    await h.saring.services.verdicts.publish({
      claimId,
      verdict: 'hoaks',
      clarification: 'PLN UP3 Jambi memastikan tidak ada gardu induk yang meledak dan tidak ada pemadaman total di Merangin.',
      sources: ['https://merangin.go.id/diskominfo/klarifikasi-pemadaman'],
      actor,
    });

    // The resident's answer is the card with the text as its caption, and "did it help?" as numbered replies.
    const answer = await h.wa.waitText(warga, (t) => t.includes('[HOAKS]') && t.includes('Balas 1 untuk Membantu 👍'), 'answer with the card');
    expect(answer).toContain('Balas 2 untuk Tidak 👎');
    const answerSent = h.wa.sentTo(warga).find((x) => x.content === answer)!;
    expect(answerSent.media).toMatchObject({ mimetype: 'image/png', asDocument: false });
    expect(await sharp(answerSent.media!.data).metadata()).toMatchObject({ format: 'png', width: 1080, height: 1350 });
    h.wa.deliver({ from: warga, body: '2' });
    await h.wa.waitText(warga, (t) => t.includes('Terima kasih atas penilaian'), 'feedback thanks');
    h.wa.deliver({ from: warga, body: '1' });
    await h.wa.waitText(warga, (t) => t.includes('sudah tercatat'), 'second tap refused politely');
    expect(await h.saring.database.sql`select helpful from answer_feedback where claim_id = ${claimId}`).toEqual([{ helpful: false }]);

    const groupSentBefore = h.wa.sentTo(group).length;
    const broadcast = await h.saring.services.broadcasts.start({ claimId, regions: ['15.02.13'], platforms: ['whatsapp'], actor });
    // Each group's copy opens with its own greeting (ban risk: no identical bodies).
    const text = await h.wa.waitText(group, (t) => t.includes('📢 KLARIFIKASI RESMI DISKOMINFO'), 'broadcast in the group');
    expect(text).toContain('[HOAKS]');
    expect(text).toContain('https://merangin.go.id/diskominfo/klarifikasi-pemadaman');

    const status = await waitFor(
      async () => {
        const s = await h.saring.services.broadcasts.status(broadcast.id, actor);
        return s.status === 'done' ? s : null;
      },
      { what: 'broadcast done' },
    );
    expect(status).toMatchObject({ status: 'done', total: 1, sent: 1, failed: 0, pending: 0 });

    // Give a would-be duplicate (stalled job, reconciler) a chance, then count.
    await sleep(2_000);
    const delivered = h.wa.sentTo(group).slice(groupSentBefore).filter((s) => s.content.includes('📢'));
    expect(delivered).toHaveLength(1);
    // WhatsApp media: the card, the broadcast as its caption.
    expect(delivered[0]!.media).toMatchObject({ mimetype: 'image/png', asDocument: false });
    expect(await sharp(delivered[0]!.media!.data).metadata()).toMatchObject({ width: 1080, height: 1350 });
    expect(h.wa.sentTo(otherGroup).filter((s) => s.content.includes('📢'))).toEqual([]);
    const [row] = await h.saring.database.sql`select state, platform from outbound_messages where broadcast_id = ${broadcast.id}`;
    expect(row).toMatchObject({ state: 'sent', platform: 'whatsapp' });
  });

  it('a group admin can stop the broadcasts with /berhenti; a member cannot', async () => {
    h.wa.deliver({ from: group, author: member, body: '/berhenti' });
    await waitFor(() => h.wa.texts(group).filter((t) => t.includes('Hanya admin grup')).length === 2, { what: 'second refusal' });
    h.wa.deliver({ from: group, author: admin, body: '/berhenti' });
    await h.wa.waitText(group, (t) => t.includes('tidak lagi menerima siaran'), 'unregistered');
    expect((await groupRows())[0]).toMatchObject({ region_code: '15.02.13.2005', active: false });
  });
});

describe('WhatsAppAdapter.isGroupAdmin over GroupChat.participants', () => {
  it('is true for admins and the creator only, and false when in doubt', async () => {
    const clients: FakeWhatsAppClient[] = [];
    const adapter = new WhatsAppAdapter(
      () => {
        const c = new FakeWhatsAppClient('ready');
        clients.push(c);
        return c;
      },
      { logger: pino({ level: 'silent' }), pacing: { minGapMs: 0, jitterMs: 0 }, typingMs: 0 },
    );
    expect(await adapter.isGroupAdmin(GROUP, GROUP_MEMBER)).toBe(false); // not started
    await adapter.start({ message: async () => undefined });
    await waitFor(() => adapter.state() === 'ready', { what: 'ready' });
    const c = clients[0]!;
    c.setMember(GROUP, GROUP_MEMBER, 'admin');
    c.setMember(GROUP, RESIDENT, 'member');
    const creator = waUser();
    c.setMember(GROUP, creator, 'superadmin');
    expect(await adapter.isGroupAdmin(GROUP, GROUP_MEMBER)).toBe(true);
    expect(await adapter.isGroupAdmin(GROUP, creator)).toBe(true);
    expect(await adapter.isGroupAdmin(GROUP, RESIDENT)).toBe(false);
    expect(await adapter.isGroupAdmin(GROUP, BOT_WID)).toBe(false);
    expect(await adapter.isGroupAdmin(GROUP, waUser())).toBe(false); // not in the group
    // A demotion shows at once: participants are read afresh.
    c.setMember(GROUP, GROUP_MEMBER, 'member');
    expect(await adapter.isGroupAdmin(GROUP, GROUP_MEMBER)).toBe(false);
    // A private chat has no admins; a browser failure is not a yes.
    expect(await adapter.isGroupAdmin(RESIDENT, RESIDENT)).toBe(false);
    c.getChatById = async () => {
      throw new Error('Protocol error (Runtime.callFunctionOn): Session closed.');
    };
    expect(await adapter.isGroupAdmin(GROUP, creator)).toBe(false);
    await adapter.stop();
    expect(await adapter.isGroupAdmin(GROUP, creator)).toBe(false);
  });
});
