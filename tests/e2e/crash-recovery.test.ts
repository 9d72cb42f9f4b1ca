import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resident } from '../helpers/telegram.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';
import { sleep, waitFor } from '../helpers/wait.js';
import postgres from 'postgres';

describe('SIGKILL between "report stored" and "ticket sent"', () => {
  let rig: CrashRig;
  beforeAll(async () => {
    rig = await startCrashRig({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => rig?.stop());

  it('sends exactly one ticket reply after restart', { timeout: 120_000 }, async () => {
    const { emulator, database, gate } = rig;
    await rig.start();

    gate.hold(true);
    const r = resident(emulator, 'Dewi');
    await r.client.sendMessage(r.client.makeMessage('Beredar kabar beras plastik dijual di pasar Bangko, benarkah?'));
    await waitFor(() => gate.heldCount() > 0, { what: 'reply in flight', timeoutMs: 15_000 });

    const sql = postgres(database.url, { max: 1 });
    try {
      expect((await sql`select count(*)::int as n from reports`)[0]!.n).toBe(1);
      expect((await sql`select state from outbound_messages`).map((x) => x.state)).toEqual(['queued']);

      await rig.crash();
      expect(emulator.botMessagesTo(r.chatId)).toHaveLength(0);

      await rig.start();
      await waitFor(() => emulator.botMessagesTo(r.chatId).length > 0, { what: 'ticket after restart', timeoutMs: 45_000 });
      // Give a would-be duplicate every chance to show up (stall checks, reconciler).
      await sleep(6_000);
      const replies = emulator.botMessagesTo(r.chatId);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.text).toMatch(/Nomor tiket: T-\d+/);
      expect((await sql`select count(*)::int as n from reports`)[0]!.n).toBe(1);
      expect((await sql`select state from outbound_messages`).map((x) => x.state)).toEqual(['sent']);
    } finally {
      await sql.end();
    }
  });
});
