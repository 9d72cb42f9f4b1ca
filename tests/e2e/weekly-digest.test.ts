import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishClaim } from '../helpers/groups.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { TEST_BOT_TOKEN } from '../helpers/config.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const HEADER = 'Ringkasan klarifikasi sepekan';
const DAY = 24 * 3600_000;

describe('weekly digest: opted-in KIM groups and moderators get one message a week', () => {
  let h: Harness;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };
  const groups = { a: -4_100_001, b: -4_100_002, quiet: -4_100_003 };
  const admins = { a: 8_400_001, b: 8_400_002, quiet: 8_400_003 };
  const claimIds: number[] = [];
  let trigger: Date;
  let moderators: { groupId: number; member: ReturnType<Harness['emulator']['server']['getClient']> };
  const bot = (chatId: number) => h.emulator.botMessagesTo(chatId);
  const digests = (chatId: number) => bot(chatId).filter((m) => m.text.includes(HEADER));
  const client = (userId: number, chatId: number) => h.emulator.server.getClient(TEST_BOT_TOKEN, { userId, chatId, type: 'group', chatTitle: `KIM ${chatId}` });

  const publishedClaim = (text: string, summary: string, regionCode: string, reportCount: number) =>
    publishClaim(h, actor, { text, summary, regionCode, reportCount });

  async function command(userId: number, chatId: number, text: string, expected: string): Promise<void> {
    const before = bot(chatId).length;
    await client(userId, chatId).sendCommand(client(userId, chatId).makeCommand(text));
    await waitFor(() => bot(chatId).slice(before).some((m) => m.text.includes(expected)), { what: `${text} → ${expected}`, timeoutMs: 20_000 });
  }

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL, DIGEST_CRON: 'off' });
    await seedRegions(h);
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    for (const [key, region] of [['a', '15.02.13.2006'], ['b', '15.02.13.2001'], ['quiet', '15.02.13.2005']] as const) {
      h.emulator.admins.set(String(groups[key]), new Set([String(admins[key])]));
      await command(admins[key], groups[key], `/daftar ${region}`, 'terdaftar');
    }
    moderators = await moderatorGroup(h, { name: 'Rina', role: 'diskominfo', regionCode: '15.02' });
  }, 120_000);
  afterAll(async () => h?.stop());

  it('opts in by a group admin or linked staff only, and says the state', async () => {
    await command(admins.a + 100, groups.quiet, '/ringkasan on', 'Hanya admin');
    await command(admins.quiet, groups.quiet, '/ringkasan', 'belum aktif');
    await command(admins.a, groups.a, '/ringkasan on', 'Ringkasan mingguan aktif');
    await command(admins.b, groups.b, '/ringkasan on', 'Ringkasan mingguan aktif');
    await command(admins.b, groups.b, '/ringkasan', 'AKTIF');
    await moderators.member.sendCommand(moderators.member.makeCommand('/ringkasan on'));
    await waitFor(() => bot(moderators.groupId).some((m) => m.text.includes('Ringkasan mingguan aktif')), { what: 'moderators opted in' });
    const stored = await h.saring.database.sql<{ n: number }[]>`select count(*)::int as n from kim_groups where digest`;
    expect(stored[0]!.n).toBe(2);
  });

  it('sends each opted-in chat exactly one digest with the week\'s clarifications of its kabupaten', async () => {
    claimIds.push(await publishedClaim('Bansos cair hari ini untuk semua warga', 'Bansos Rp 600 ribu cair hari ini untuk semua warga', '15.02.13.2001', 2));
    claimIds.push(await publishedClaim('Undian berhadiah dari bank', 'Undian berhadiah mobil, klaim lewat https://bit.ly/undian-bank', '15.02.13.2006', 9));
    claimIds.push(await publishedClaim('Air sumur beracun di Limbur', 'Air sumur di Limbur Merangin beracun', '15.02.13', 4));
    // Another kabupaten: not in Merangin's digest.
    const elsewhere = await publishedClaim('Jembatan Kota Besi runtuh', 'Jembatan Kota Besi runtuh semalam', '62.02.01', 20);

    // A fixed mid-week trigger (Wednesday 11 March 2026 12:00 WIB), not the clock: the ledger key is the trigger's WIB
    // ISO week, and from the clock near Sunday midnight WIB `trigger + 1 min` could fall in the next week. The
    // verdicts move inside its window [trigger − 7 days, trigger) (the service clock is not the database's).
    trigger = new Date('2026-03-11T05:00:00Z');
    await h.saring.database.sql`update verdicts set created_at = ${new Date(trigger.getTime() - DAY).toISOString()}::timestamptz
      where claim_id = any(${[...claimIds, elsewhere]}) and current`;
    // Twice, and once more at the same time: a retried or doubled trigger of the same week.
    await h.saring.services.digest.sendWeeklyDigests(trigger);
    await Promise.all([h.saring.services.digest.sendWeeklyDigests(trigger), h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 60_000))]);

    for (const chatId of [groups.a, groups.b, moderators.groupId]) {
      const [digest] = await waitFor(() => (digests(chatId).length ? digests(chatId) : null), { what: `digest in ${chatId}`, timeoutMs: 30_000 });
      for (const claimId of claimIds) expect(digest!.text).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
      expect(digest!.text).not.toContain(`/klarifikasi/${elsewhere}`);
      expect(digest!.text).not.toContain('bit.ly');
      // Most reported first, and its card goes with it.
      expect(digest!.text.indexOf(`/klarifikasi/${claimIds[1]}`)).toBeLessThan(digest!.text.indexOf(`/klarifikasi/${claimIds[2]}`));
      expect(digest!.photo?.length).toBeGreaterThan(0);
    }
    await sleep(2000);
    expect(digests(groups.a)).toHaveLength(1);
    expect(digests(groups.b)).toHaveLength(1);
    expect(digests(moderators.groupId)).toHaveLength(1);
    expect(digests(groups.quiet)).toHaveLength(0);
  }, 90_000);

  it('stops for a group that turned it off; the others get next week\'s', async () => {
    await command(admins.a, groups.a, '/ringkasan off', 'dimatikan');
    const fourth = await publishedClaim('Gempa besar besok pagi', 'Gempa besar akan terjadi besok pagi di Merangin', '15.02.13.2005', 1);
    // Published during the next week (the service clock is not the database's: move the row instead).
    await h.saring.database.sql`update verdicts set created_at = ${new Date(trigger.getTime() + DAY).toISOString()}::timestamptz where claim_id = ${fourth} and current`;
    await h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 7 * DAY));

    const next = await waitFor(() => digests(groups.b)[1], { what: 'second week digest', timeoutMs: 30_000 });
    expect(next.text).toContain(`${PUBLIC_URL}/klarifikasi/${fourth}`);
    expect(next.text).not.toContain(`/klarifikasi/${claimIds[0]}`);
    await waitFor(() => digests(moderators.groupId)[1], { what: 'second week digest for moderators', timeoutMs: 30_000 });
    await sleep(2000);
    expect(digests(groups.a)).toHaveLength(1);
    expect(digests(groups.quiet)).toHaveLength(0);

    // A week with nothing clarified sends nothing.
    await h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 21 * DAY));
    await sleep(1500);
    expect(digests(groups.b)).toHaveLength(2);
  }, 90_000);

  it("a region's moderators moving to another chat do not carry the opt-in there", async () => {
    const moved = await moderatorGroup(h, { name: 'Budi', role: 'diskominfo', regionCode: '15.02' });
    const [row] = await h.saring.database.sql<{ digest: boolean }[]>`select digest from moderator_chats where region_code = '15.02'`;
    expect(row!.digest).toBe(false);
    await moved.member.sendCommand(moved.member.makeCommand('/ringkasan'));
    await waitFor(() => bot(moved.groupId).some((m) => m.text.includes('belum aktif')), { what: 'state in the new moderators chat' });
  });
});
