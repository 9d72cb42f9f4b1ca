import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../../src/queues/queues.js';
import { publishClaim } from '../helpers/groups.js';
import { seedRegions } from '../helpers/moderation.js';
import { REDIS_URL } from '../helpers/services.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { waitFor } from '../helpers/wait.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const HEADER = 'Ringkasan klarifikasi sepekan';
const DAY = 24 * 3600_000;
/**
 * A fixed trigger, Wednesday 11 March 2026 12:00 WIB (05:00 UTC), not "now": the ledger key is the WIB ISO week
 * of the trigger, and a trigger taken from the clock near Sunday midnight WIB would put `trigger + 2h` in the
 * next week. From mid-week every trigger below (+1 min, +2 h) stays in the same week, and +7/+14 days in the next ones.
 */
const TRIGGER = new Date('2026-03-11T05:00:00Z');

/**
 * The WhatsApp twin of weekly-digest.test.ts: the same service code, but the digest leaves as a WhatsApp
 * broadcast (varied greeting, broadcast pacing) with the card as MessageMedia, through the whatsapp-web.js
 * stand-in. The digest is triggered with an explicit "now", as the Telegram test does.
 */
describe("weekly digest on WhatsApp: an opted-in KIM group and moderators' chat get one message a week, with the card", () => {
  let h: WhatsAppHarness;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };
  const groups = { kim: waGroup(), quiet: waGroup(), mods: waGroup() };
  const regions = { kim: '15.02.13.2006', quiet: '15.02.13.2005' };
  const admins = { kim: waUser(), quiet: waUser() };
  const member = waUser();
  /** Diskominfo staff linked from their WhatsApp number; their group is the region's moderators' chat. */
  const rina = waUser();
  const claimIds: number[] = [];
  let elsewhere = 0;
  const trigger = TRIGGER;

  const digests = (group: string) => h.wa.sentTo(group).filter((s) => s.content.includes(HEADER));
  const kimChat = async (region: string) => (await h.saring.database.sql<{ chat_id: number }[]>`select chat_id from kim_groups where region_code = ${region}`)[0]!.chat_id;
  const modsChat = async () => (await h.saring.database.sql<{ chat_id: number }[]>`select chat_id from moderator_chats where platform = 'whatsapp'`)[0]!.chat_id;
  /** Digest rows of the ledger for one chat: the ledger, not the stand-in, decides whether anything may still go. */
  const ledger = async (chatId: number) =>
    h.saring.database.sql<{ key: string; state: string; platform: string; purpose: string; card_verdict_id: number | null; platform_message_id: string | null }[]>`
      select idempotency_key as key, state, platform, purpose, card_verdict_id, platform_message_id from outbound_messages
      where chat_id = ${chatId} and idempotency_key like 'digest-%' order by id`;
  /** Every ledger row of these chats, digest or not: a row staged by a repeated trigger would show here. */
  const ledgerRows = async (chatIds: number[]) =>
    Number((await h.saring.database.sql<{ n: string }[]>`select count(*) as n from outbound_messages where chat_id = any(${chatIds})`)[0]!.n);
  /** Resolves once every digest row of the chat is settled as sent: from then on the ledger lets nothing more go. */
  const allSent = (chatId: number, rows: number) =>
    waitFor(
      async () => {
        const found = await ledger(chatId);
        return found.length === rows && found.every((r) => r.state === 'sent') ? found : null;
      },
      { what: `${rows} digest row(s) sent to chat ${chatId}`, timeoutMs: 30_000 },
    );

  const publishedClaim = (text: string, summary: string, regionCode: string, reportCount: number) =>
    publishClaim(h, actor, { text, summary, regionCode, reportCount });

  /** A group member writes `text` in the group, as on a phone; resolves with the bot's answer there. */
  async function say(group: string, author: string, text: string, expected: string): Promise<string> {
    const before = h.wa.texts(group).length;
    h.wa.deliver({ from: group, author, body: text });
    return waitFor(() => h.wa.texts(group).slice(before).find((t) => t.includes(expected)), { what: `${text} → ${expected}`, timeoutMs: 20_000 });
  }

  beforeAll(async () => {
    h = await startWhatsAppHarness({ PUBLIC_URL, DIGEST_CRON: 'off' });
    await seedRegions(h);
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    h.wa.deliver({ from: rina, body: `/masuk ${staff.linkCode}` });
    await h.wa.waitText(rina, (t) => t.includes('tersambung'), 'staff linked from WhatsApp');
    await say(groups.mods, rina, '/moderasi', 'grup moderasi');
    const wa = h.wa.client();
    for (const key of ['kim', 'quiet'] as const) {
      // WhatsApp has no admin flag on a message: the adapter reads GroupChat.participants, as the real Client gives them.
      wa.setMember(groups[key], admins[key], 'admin');
      wa.setMember(groups[key], member, 'member');
      await say(groups[key], admins[key], `/daftar ${regions[key]}`, 'terdaftar');
    }
  }, 120_000);
  afterAll(async () => h?.stop());

  it('opts in by a group admin or linked staff only, through /ringkasan in the group, and says the state', async () => {
    await say(groups.kim, member, '/ringkasan on', 'Hanya admin');
    // In the moderators' chat the staff decide: a member who is not linked staff cannot.
    await say(groups.mods, member, '/ringkasan on', '/masuk KODE');
    await say(groups.quiet, admins.quiet, '/ringkasan', 'belum aktif');
    await say(groups.kim, admins.kim, '/ringkasan on', 'Ringkasan mingguan aktif');
    expect(await say(groups.kim, member, '/ringkasan', 'AKTIF')).toContain('Kab. Merangin');
    await say(groups.mods, rina, '/ringkasan on', 'Ringkasan mingguan aktif');
    const stored = await h.saring.database.sql<{ platform: string; region_code: string }[]>`select platform, region_code from kim_groups where digest`;
    expect(stored).toEqual([{ platform: 'whatsapp', region_code: regions.kim }]);
    const mods = await h.saring.database.sql<{ platform: string; region_code: string }[]>`select platform, region_code from moderator_chats where digest`;
    expect(mods).toEqual([{ platform: 'whatsapp', region_code: '15.02' }]);
  });

  it('sends each opted-in chat exactly one digest of the week, the card as a PNG MessageMedia, sent once in the ledger', async () => {
    claimIds.push(await publishedClaim('Bansos cair hari ini untuk semua warga', 'Bansos Rp 600 ribu cair hari ini untuk semua warga', '15.02.13.2001', 2));
    claimIds.push(await publishedClaim('Undian berhadiah dari bank', 'Undian berhadiah mobil, klaim lewat https://bit.ly/undian-bank', '15.02.13.2006', 9));
    claimIds.push(await publishedClaim('Air sumur beracun di Limbur', 'Air sumur di Limbur Merangin beracun', '15.02.13', 4));
    // Another kabupaten: not in Merangin's digest.
    elsewhere = await publishedClaim('Jembatan Kota Besi runtuh', 'Jembatan Kota Besi runtuh semalam', '62.02.01', 20);
    // Published the day before the fixed trigger, inside its week [trigger − 7 days, trigger) (the service clock
    // is not the database's: move the rows instead).
    await h.saring.database.sql`update verdicts set created_at = ${new Date(trigger.getTime() - DAY).toISOString()}::timestamptz
      where claim_id = any(${[...claimIds, elsewhere]}) and current`;

    // Twice, and once more at the same time: a retried or doubled trigger of the same week.
    expect(await h.saring.services.digest.sendWeeklyDigests(trigger)).toEqual({ chats: 2, digests: 2 });
    await Promise.all([h.saring.services.digest.sendWeeklyDigests(trigger), h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 60_000))]);

    const bodies: string[] = [];
    for (const [group, chatId] of [
      [groups.kim, await kimChat(regions.kim)],
      [groups.mods, await modsChat()],
    ] as const) {
      const [row] = await allSent(chatId, 1);
      // Paced and capped as a WhatsApp broadcast (daily cap, jittered gaps), carrying the most reported claim's card.
      expect(row).toMatchObject({ platform: 'whatsapp', purpose: 'broadcast', state: 'sent' });
      expect(row!.card_verdict_id).not.toBeNull();

      // The row is sent: whatever reached the stand-in for this chat is all that ever will.
      const sent = digests(group);
      expect(sent).toHaveLength(1);
      const digest = sent[0]!;
      // The ledger's "sent" is this very WhatsApp message (its id as sendMessage returned it).
      expect(row!.platform_message_id).toBe(digest.id);
      for (const claimId of claimIds) expect(digest.content).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
      expect(digest.content).toContain('Bansos Rp 600 ribu cair hari ini');
      expect(digest.content).toContain('[HOAKS]');
      expect(digest.content).not.toContain(`/klarifikasi/${elsewhere}`);
      // The scam's link is defanged: this text gets forwarded from group to group.
      expect(digest.content).not.toContain('bit.ly');
      // Most reported first.
      expect(digest.content.indexOf(`/klarifikasi/${claimIds[1]}`)).toBeLessThan(digest.content.indexOf(`/klarifikasi/${claimIds[2]}`));
      expect(digest.content.indexOf(`/klarifikasi/${claimIds[2]}`)).toBeLessThan(digest.content.indexOf(`/klarifikasi/${claimIds[0]}`));
      // One message: the most reported claim's card as a photo (not a document), the whole digest as its caption.
      expect(digest.media).toMatchObject({ mimetype: 'image/png', asDocument: false, filename: `klarifikasi-${claimIds[1]}.png` });
      expect(await sharp(digest.media!.data).metadata()).toMatchObject({ format: 'png', width: 1080, height: 1350 });
      expect(digest.options).toMatchObject({ sendMediaAsDocument: false, sendSeen: false });
      // What WhatsApp shows under the picture is the caption sendMessage was given: the digest itself.
      const caption = digest.options?.caption ?? '';
      expect(caption).toContain(HEADER);
      expect(caption).toContain('[HOAKS]');
      for (const claimId of claimIds) expect(caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
      expect(caption).not.toContain('bit.ly');
      // A card-first split would be a second message with media.
      expect(h.wa.sentTo(group).filter((s) => s.media)).toHaveLength(1);
      bodies.push(digest.content);
    }
    // One number sending one identical text to many groups is the bulk pattern WhatsApp bans: each copy differs.
    expect(bodies[0]).not.toBe(bodies[1]);

    // The group that did not opt in has no digest row, so nothing can reach it.
    expect(await ledger(await kimChat(regions.quiet))).toEqual([]);
    expect(digests(groups.quiet)).toEqual([]);
  }, 90_000);

  it('running the digest again for the same week stages and sends nothing more', async () => {
    const chats = [await kimChat(regions.kim), await modsChat()];
    const before = h.wa.client().sent.length;
    const rowsBefore = await ledgerRows(chats);
    expect(await h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 2 * 3600_000))).toEqual({ chats: 2, digests: 2 });
    // A send wrongly queued by the trigger would reach the stand-in only when a worker takes it: let the outbound
    // queue run dry (nothing waiting, running or delayed) before counting what was sent.
    const redis = new Redis(REDIS_URL);
    const outbound = new Queue(QUEUE_NAMES.outbound, { connection: redis, prefix: h.env.QUEUE_PREFIX! });
    try {
      await waitFor(
        async () => {
          const counts = await outbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        },
        { what: 'the outbound queue drained', timeoutMs: 30_000 },
      );
    } finally {
      await outbound.close();
      await redis.quit();
    }
    // Still one row each, still sent: dispatch queues only rows that are queued, so no job exists to send them again.
    expect(await ledger(chats[0]!)).toEqual([expect.objectContaining({ state: 'sent' })]);
    expect(await ledger(chats[1]!)).toEqual([expect.objectContaining({ state: 'sent' })]);
    expect(await ledgerRows(chats)).toBe(rowsBefore);
    expect(h.wa.client().sent.length).toBe(before);
  });

  it("sends next week's clarifications as a new digest, and none to a group whose admin turned it off", async () => {
    const fourth = await publishedClaim('Gempa besar besok pagi', 'Gempa besar akan terjadi besok pagi di Merangin', '15.02.13.2005', 1);
    // Published during the next week (the service clock is not the database's: move the row instead).
    await h.saring.database.sql`update verdicts set created_at = ${new Date(trigger.getTime() + DAY).toISOString()}::timestamptz where claim_id = ${fourth} and current`;
    await h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 7 * DAY));

    const kim = await kimChat(regions.kim);
    const rows = await allSent(kim, 2);
    expect(rows[0]!.key).not.toBe(rows[1]!.key);
    const next = digests(groups.kim);
    expect(next).toHaveLength(2);
    expect(next[1]!.content).toContain(`${PUBLIC_URL}/klarifikasi/${fourth}`);
    expect(next[1]!.content).not.toContain(`/klarifikasi/${claimIds[0]}`);
    expect(next[1]!.media).toMatchObject({ mimetype: 'image/png', filename: `klarifikasi-${fourth}.png` });
    await allSent(await modsChat(), 2);

    await say(groups.kim, admins.kim, '/ringkasan off', 'dimatikan');
    const fifth = await publishedClaim('Sekolah libur sebulan', 'Semua sekolah di Merangin libur sebulan mulai besok', '15.02.13.2006', 3);
    await h.saring.database.sql`update verdicts set created_at = ${new Date(trigger.getTime() + 8 * DAY).toISOString()}::timestamptz where claim_id = ${fifth} and current`;
    // Only the moderators' chat is still opted in.
    expect(await h.saring.services.digest.sendWeeklyDigests(new Date(trigger.getTime() + 14 * DAY))).toEqual({ chats: 1, digests: 1 });
    await allSent(await modsChat(), 3);
    expect(digests(groups.mods)[2]!.content).toContain(`${PUBLIC_URL}/klarifikasi/${fifth}`);
    expect(await ledger(kim)).toHaveLength(2);
    expect(digests(groups.kim)).toHaveLength(2);
    expect(await ledger(await kimChat(regions.quiet))).toEqual([]);
  }, 90_000);
});
