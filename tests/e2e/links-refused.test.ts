import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { linkPreviews, reports } from '../../src/db/schema/index.js';
import { createClaimImportService } from '../../src/services/claim-import.service.js';
import type { HostResolver } from '../../src/media/links/host-resolver.js';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';
import { startLinkServer, titled, type LinkServer } from '../helpers/link-server.js';

const CLAIM = 'Beredar pesan berantai bahwa vaksin booster COVID-19 mengandung chip 5G yang dipakai pemerintah untuk melacak keberadaan warga';

/**
 * The service as production runs it (loopback not allowed): links that lead to the machine itself, the private
 * network or the cloud metadata address are never fetched, and the report goes on with its own text.
 */
describe('links that lead inside are refused, and the report proceeds', () => {
  let h: Harness;
  let web: LinkServer;
  const dns: HostResolver = async (host) => {
    if (host === 'bit.ly') return [{ address: '127.0.0.1', family: 4 }];
    if (host === 'metadata.test') return [{ address: '169.254.169.254', family: 4 }];
    if (host === 'intranet.test') return [{ address: '10.20.30.40', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
  const replies = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text);

  async function send(text: string): Promise<string> {
    const r = resident(h.emulator);
    await r.client.sendMessage(r.client.makeMessage(text));
    return waitFor(() => replies(r.chatId)[0], { what: 'first reply', timeoutMs: 15_000 });
  }

  beforeAll(async () => {
    web = await startLinkServer();
    web.route('/vaksin', titled(CLAIM));
    h = await startHarness({ LINK_FETCH_ENABLED: 'true' }, { linkHostResolver: dns });
    const s = h.saring;
    const importer = createClaimImportService({ db: s.database.db, repos: s.services.repos }, s.services.nlp);
    await importer.importLines([JSON.stringify({ id: 'ext-chip', text: CLAIM, verdict: 'hoaks', clarification: 'Vaksin tidak mengandung chip.', sources: [] })]);
    await waitFor(() => s.services.catalog.size >= 1, { what: 'claims indexed' });
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await web?.stop();
  });

  it.each([
    ['loopback by address', (p: number) => `http://127.0.0.1:${p}/vaksin`, '127.0.0.1/vaksin'],
    ['loopback behind a shortener name', (p: number) => `http://bit.ly:${p}/vaksin`, 'bit.ly/vaksin'],
    ['the metadata address behind a name', () => 'http://metadata.test/latest/meta-data/', 'metadata.test/latest/meta-data'],
    ['a private address behind a name', () => 'http://intranet.test/admin', 'intranet.test/admin'],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254/latest/meta-data'],
    ['a private address', () => 'http://10.0.0.1/', '10.0.0.1'],
  ])('never fetches %s; the resident still gets a ticket', async (_what, make, key) => {
    const before = web.requests.length;
    const bare = make(web.port);
    const reply = await send(bare);
    expect(reply).toMatch(/Nomor tiket: T-\d+/);
    expect(reply).not.toContain('[HOAKS]');
    expect(web.requests.length).toBe(before);
    const [cached] = await h.saring.database.db.select().from(linkPreviews).where(eq(linkPreviews.url, key));
    expect(cached).toMatchObject({ status: 'refused', title: null });
    const [report] = await h.saring.database.db.select().from(reports).where(eq(reports.rawText, bare));
    expect(report?.status).toBe('analyzed');
  });

  it('goes on with the text when a link cannot be resolved at all', async () => {
    const text = `${CLAIM}. Sumber: http://tidak-ada.test/berita`;
    const reply = await send(text);
    expect(reply).toContain('[HOAKS]');
  });
});
