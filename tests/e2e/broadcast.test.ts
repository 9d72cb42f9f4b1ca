import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { arrivalWindowMs, maxInWindow, officialHoax, registerGroups, withLoopStall } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { waitFor, sleep } from '../helpers/wait.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';

const GLOBAL_PER_SEC = 10;

describe('Diskominfo broadcasts to KIM groups over the Bot API emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_RATE_GLOBAL_PER_SEC: String(GLOBAL_PER_SEC), PUBLIC_URL: 'https://saring.example.go.id' });
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  it('reaches exactly the groups of the chosen kecamatan, once each, paced, and reports done', async () => {
    const kecamatan = ['15.02.13', '15.02.14', '15.02.15'];
    const codes = Array.from({ length: 50 }, (_, i) => `${kecamatan[i % 3]}.${2001 + i}`);
    const groups = await registerGroups(h, codes);
    const { claimId, actor } = await officialHoax(h, 'Gardu induk PLN Bangko meledak sehingga listrik padam total se-Kabupaten Merangin selama seminggu');
    const inTarget = groups.filter((g) => g.regionCode.startsWith('15.02.13.'));
    expect(inTarget).toHaveLength(17);

    const { result: status, stallMs } = await withLoopStall(async () => {
      const broadcast = await h.saring.services.broadcasts.start({ claimId, regions: ['15.02.13'], platforms: ['telegram'], actor });
      return waitFor(async () => {
        const s = await h.saring.services.broadcasts.status(broadcast.id, actor);
        return s.status === 'done' ? s : null;
      }, { what: 'broadcast done', timeoutMs: 30_000 });
    });
    expect(status).toMatchObject({ status: 'done', total: 17, sent: 17, failed: 0, pending: 0 });

    await sleep(1000);
    const times: number[] = [];
    for (const g of groups) {
      const got = h.emulator.botMessagesTo(g.telegramChatId);
      expect(got, `group ${g.regionCode}`).toHaveLength(inTarget.includes(g) ? 1 : 0);
      if (got[0]) {
        // The card, with the broadcast as its caption and the public page's link.
        expect(got[0].photo).toBeDefined();
        expect(got[0].caption).toContain('KLARIFIKASI RESMI DISKOMINFO');
        expect(got[0].caption).toContain(`/klarifikasi/${claimId}`);
        times.push(got[0].time);
      }
    }
    const card = h.emulator.files.bytesOf(h.emulator.botMessagesTo(inTarget[0]!.telegramChatId)[0]!.photo!.at(-1)!.file_id)!;
    expect(await sharp(card).metadata()).toMatchObject({ format: 'png', width: 1080, height: 1350 });
    // Uploaded once (or by the first few sends racing), then sent again by Telegram's file_id.
    const sends = h.emulator.calls.filter((c) => c.method === 'sendPhoto');
    expect(sends).toHaveLength(17);
    expect(sends.filter((c) => c.params.photo !== undefined).length).toBeGreaterThan(0);
    // Measured at the emulator: never more than the configured rate in any second (less what this process's
    // stalls, which delay the emulator's own stamps, can bunch together).
    expect(maxInWindow(times, arrivalWindowMs(1000, stallMs))).toBeLessThanOrEqual(GLOBAL_PER_SEC);
  });

  it('marks a group that removed the bot inactive, reports the failure, and retries only the others', async () => {
    const [kicked, fine] = await registerGroups(h, ['62.02.01.1001', '62.02.01.1002']);
    h.emulator.kickedFrom.add(String(kicked!.telegramChatId));
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Kotim', role: 'diskominfo', regionCode: '62.02' });
    const actor = { id: staff.staff.id, role: 'diskominfo' as const, regionCode: '62.02' };
    const { claimId } = await officialHoax(h, 'Sungai Mentaya banjir bandang setinggi tiga meter besok pagi, semua warga Kota Besi wajib mengungsi sekarang juga');
    // The claim belongs to Merangin; Kotawaringin Timur's Diskominfo broadcasts it to its own region.
    const b = await h.saring.services.broadcasts.start({ claimId, regions: ['62.02.01'], platforms: ['telegram'], actor });
    const status = await waitFor(async () => {
      const s = await h.saring.services.broadcasts.status(b.id, actor);
      return s.status === 'done' ? s : null;
    }, { what: 'done', timeoutMs: 20_000 });
    expect(status).toMatchObject({ total: 2, sent: 1, failed: 1 });
    expect(status.failures[0]!.reason).toContain('kicked');
    expect(h.emulator.botMessagesTo(fine!.telegramChatId)).toHaveLength(1);
    const [g] = await h.saring.database.sql`select active, inactive_reason from kim_groups where chat_id = ${kicked!.chatId}`;
    expect(g).toMatchObject({ active: false });
    expect(await h.saring.services.broadcasts.retryFailed(b.id, actor)).toBe(0);
    await expect(h.saring.services.broadcasts.start({ claimId, regions: ['15.02'], platforms: ['telegram'], actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only a group admin register a group with /daftar, and unregister it with /berhenti', async () => {
    const groupId = -3_000_001;
    const adminId = 8_200_001;
    h.emulator.admins.set(String(groupId), new Set([String(adminId)]));
    const member = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: 8_200_002, chatId: groupId, type: 'group', chatTitle: 'KIM Simpang Limbur' });
    const admin = h.emulator.server.getClient(TEST_BOT_TOKEN, { userId: adminId, chatId: groupId, type: 'group', chatTitle: 'KIM Simpang Limbur' });
    await member.sendCommand(member.makeCommand('/daftar 15.02.13.2005'));
    await waitFor(() => h.emulator.botMessagesTo(groupId)[0], { what: 'refusal' });
    expect(h.emulator.botMessagesTo(groupId)[0]!.text).toContain('Hanya admin grup');
    await admin.sendCommand(admin.makeCommand('/daftar 99.99'));
    await waitFor(() => h.emulator.botMessagesTo(groupId)[1], { what: 'unknown region' });
    expect(h.emulator.botMessagesTo(groupId)[1]!.text).toContain('tidak dikenal');
    await admin.sendCommand(admin.makeCommand('/daftar 15.02.13.2005'));
    await waitFor(() => h.emulator.botMessagesTo(groupId)[2], { what: 'registered' });
    expect(h.emulator.botMessagesTo(groupId)[2]!.text).toContain('Simpang Limbur Merangin');
    const [row] = await h.saring.database.sql`select g.region_code, g.active from kim_groups g join chats c on c.id = g.chat_id where c.title = 'KIM Simpang Limbur'`;
    expect(row).toMatchObject({ region_code: '15.02.13.2005', active: true });

    await admin.sendCommand(admin.makeCommand('/berhenti'));
    await waitFor(() => h.emulator.botMessagesTo(groupId)[3], { what: 'unregistered' });
    const [after] = await h.saring.database.sql`select g.active from kim_groups g join chats c on c.id = g.chat_id where c.title = 'KIM Simpang Limbur'`;
    expect(after!.active).toBe(false);
  });
});
