import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { resolveSecrets } from '../../src/config/secrets.js';
import { openPostgres } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { createProducers } from '../../src/queues/queues.js';
import { createRedis } from '../../src/queues/redis.js';
import { createServices } from '../../src/services/index.js';
import { createNlp } from '../../src/nlp/index.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';
import { sleep, waitFor } from '../helpers/wait.js';

const GROUPS = 200;

/**
 * SIGKILL in the middle of a 200-group broadcast, then restart: every group ends with exactly one
 * message — the card (sendPhoto, uploaded once per process, then by file_id) with the text as its caption. The kill happens while the next sends are held at a loopback proxy (not yet at Telegram);
 * the one window no client can close — Telegram accepted, ledger not yet updated — is in docs/DESIGN.md.
 */
describe('broadcast crash safety', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => rig?.stop());

  it('delivers exactly one message to every group after a SIGKILL at about half', { timeout: 180_000 }, async () => {
    const { emulator, database, gate, env } = rig;
    await rig.start();

    // The test acts as Diskominfo through the same services, in its own process.
    const config = loadConfig(env);
    const logger = pino({ level: 'silent' });
    const db = openPostgres(database.url, logger, { max: 2 });
    const redis = createRedis(config.redisUrl);
    const producers = createProducers(redis, config.queuePrefix);
    const services = createServices({ config, secrets: resolveSecrets(config), db: db.db, repos: createRepositories(db.db), producers, logger }, createNlp());
    try {
      const groups: number[] = [];
      for (let i = 0; i < GROUPS; i++) {
        const telegramId = -5_000_000 - i;
        const { chat } = await services.identity.resolve({ platform: 'telegram', chat: { id: String(telegramId), kind: 'group' }, sender: { id: '1', isBot: false } });
        await services.repos.groups.register({ chatId: chat.id, platform: 'telegram', name: null, regionCode: `15.02.13.${3000 + i}` });
        groups.push(telegramId);
      }
      const [claim] = await db.sql<{ id: number }[]>`insert into claims (text, basic_text, basic_hash, region_code) values ('Hoaks uji', 'hoaks uji', 'x', '15.02') returning id`;
      const staff = await services.staff.add({ name: 'Diskominfo', role: 'diskominfo', regionCode: '15.02' });
      const actor = { id: staff.staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
      await services.verdicts.publish({ claimId: claim!.id, verdict: 'hoaks', clarification: 'Tidak benar.', sources: ['https://merangin.go.id'], actor });
      const broadcast = await services.broadcasts.start({ claimId: claim!.id, regions: ['15.02.13'], platforms: ['telegram'], actor });

      const received = () => groups.filter((g) => emulator.botMessagesTo(g).length > 0).length;
      await waitFor(() => received() >= GROUPS / 2, { what: 'half delivered', timeoutMs: 60_000 });
      gate.hold(true);
      await sleep(300); // sends already at Telegram finish and are recorded
      await rig.crash();
      const atKill = received();
      expect(atKill).toBeGreaterThanOrEqual(GROUPS / 2);
      expect(atKill).toBeLessThan(GROUPS);

      await rig.start();
      await waitFor(() => received() === GROUPS, { what: 'all groups reached', timeoutMs: 90_000 });
      await sleep(3000);
      const counts = groups.map((g) => emulator.botMessagesTo(g).length);
      expect(counts.filter((n) => n !== 1)).toEqual([]);
      // Each group's one message is the clarification card with the broadcast as its caption.
      expect(groups.filter((g) => !emulator.botMessagesTo(g)[0]!.photo || !emulator.botMessagesTo(g)[0]!.caption?.includes('KLARIFIKASI RESMI'))).toEqual([]);
      const status = await waitFor(async () => {
        const s = await services.broadcasts.status(broadcast.id, actor);
        return s.status === 'done' ? s : null;
      }, { what: 'done' });
      expect(status).toMatchObject({ total: GROUPS, sent: GROUPS, failed: 0, pending: 0 });
    } finally {
      await producers.close();
      await redis.quit();
      await db.close();
    }
  });
});
