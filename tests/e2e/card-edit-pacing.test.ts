import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { REDIS_URL } from '../helpers/services.js';
import { sleep, waitFor } from '../helpers/wait.js';

/**
 * A card edit takes its pacing slot the way a send does: booked when it frees within the book-ahead horizon,
 * not postponed until it is free *now*. A postponed edit came back exactly when its slot freed, found it booked by
 * a waiting send, and in a busy moderators' group a merged claim's card was never edited.
 */
describe('card edits book their slot ahead, as sends do', () => {
  let h: Harness;
  let redis: Redis;
  beforeAll(async () => {
    h = await startHarness();
    await seedRegions(h);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis?.quit();
    await h?.stop();
  });

  it('edits at once when the group\'s next slot is a moment away, instead of re-rendering later', async () => {
    const mods = await moderatorGroup(h, { name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Simpang Limbur'));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId).length === 1, { what: '/desa saved' });
    await r.client.sendMessage(r.client.makeMessage('Jembatan gantung di Desa Mampun Baru putus tadi pagi dan dua anak sekolah hanyut terbawa arus, mohon doa semua warga'));
    const card = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text.startsWith('KLAIM #')), { what: 'card', timeoutMs: 15_000 });
    const claimId = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    // Let the card's own send leave the group's one-second spacing behind.
    await sleep(1500);

    const [chat] = await h.saring.database.sql<{ chat_key: string }[]>`
      select c.chat_key from chats c join moderator_chats m on m.chat_id = c.id where m.region_code = '15.02.13.2005'`;
    const key = `${h.env.QUEUE_PREFIX}:pace:telegram:${chat!.chat_key}`;
    // A send to the group 750 ms ago (Redis's clock, as the pacer's): the next slot is 250 ms away.
    const [secs, micros] = await redis.time();
    await redis.zadd(key, Number(secs) * 1000 + Math.floor(Number(micros) / 1000) - 750, 'a-send');

    const editsBefore = h.emulator.calls.filter((c) => c.method === 'editMessageText').length;
    await h.saring.services.routing.routeClaim(claimId);
    // The edit went out within routeClaim: no re-render was queued for later. (On a machine so slow that the slot
    // is already free when the editor asks, it goes out at once either way.)
    expect(h.emulator.calls.filter((c) => c.method === 'editMessageText').length).toBe(editsBefore + 1);
    const review = new Queue('review', { connection: redis, prefix: h.env.QUEUE_PREFIX! });
    try {
      expect((await review.getDelayed()).filter((j) => j.id?.includes('retry'))).toHaveLength(0);
    } finally {
      await review.close();
    }
  }, 60_000);
});
