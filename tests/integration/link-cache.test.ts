import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openPostgres, type Database } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories/index.js';
import { createLinkResolver } from '../../src/media/links/link-resolver.js';
import { createLinkPreviewer } from '../../src/media/links/link-previewer.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startLinkServer, titled, type LinkServer } from '../helpers/link-server.js';

const HOUR = 3_600_000;

describe('link previews cached per link in PostgreSQL', () => {
  let testDb: TestDatabase;
  let database: Database;
  let web: LinkServer;
  let now = new Date('2026-12-01T08:00:00Z');
  const clock = () => now;
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  const previewer = () =>
    createLinkPreviewer({
      resolver: createLinkResolver({ allowLoopback: true }),
      cache: createRepositories(database.db).links.cache,
      ttlMs: 24 * HOUR,
      now: clock,
    });
  const hits = (path: string) => web.requests.filter((r) => r.path === path).length;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = openPostgres(testDb.url, pino({ level: 'silent' }), { max: 2 });
    web = await startLinkServer();
  });
  afterAll(async () => {
    await web?.stop();
    await database?.close();
    await testDb?.drop();
  });

  it('fetches a link once, serves it from the table until it is older than the TTL, then fetches again', async () => {
    web.route('/berita', titled('Judul pertama'));
    const url = `${web.origin}/berita?utm_source=wa`;
    const [first] = await previewer().preview([url]);
    expect(first).toMatchObject({ url: '127.0.0.1/berita', status: 'ok', title: 'Judul pertama' });
    expect(hits('/berita')).toBe(1);

    // Another process (a fresh previewer) a while later: the row answers, nothing is fetched.
    later(23 * HOUR);
    web.route('/berita', titled('Judul kedua'));
    const [cached] = await previewer().preview([`${web.origin}/berita`]);
    expect(cached?.title).toBe('Judul pertama');
    expect(hits('/berita')).toBe(1);

    later(2 * HOUR);
    const [fresh] = await previewer().preview([url]);
    expect(fresh?.title).toBe('Judul kedua');
    expect(hits('/berita')).toBe(2);
  });

  it('tries a link that failed for a passing reason again after ten minutes', async () => {
    web.route('/putus', (req) => req.socket.destroy());
    const url = `${web.origin}/putus`;
    expect((await previewer().preview([url]))[0]?.status).toBe('error');
    later(5 * 60_000);
    await previewer().preview([url]);
    expect(hits('/putus')).toBe(1);
    later(6 * 60_000);
    await previewer().preview([url]);
    expect(hits('/putus')).toBe(2);
  });

  it('shares one fetch between reports asking for the same link at once, and follows at most three links', async () => {
    web.route('/bersama', titled('Sekali saja'));
    const p = previewer();
    const [a, b] = await Promise.all([p.preview([`${web.origin}/bersama`]), p.preview([`${web.origin}/bersama/`])]);
    expect(a[0]?.title).toBe('Sekali saja');
    expect(b[0]?.title).toBe('Sekali saja');
    expect(hits('/bersama') + hits('/bersama/')).toBe(1);

    for (const n of [1, 2, 3, 4]) web.route(`/n${n}`, titled(`Halaman ${n}`));
    const many = await p.preview([1, 2, 3, 4].map((n) => `${web.origin}/n${n}`));
    expect(many.map((x) => x.title)).toEqual(['Halaman 1', 'Halaman 2', 'Halaman 3']);
    expect(hits('/n4')).toBe(0);
  });

  it('neither follows nor stores addresses too long to be real links', async () => {
    const long = `/panjang/${'x'.repeat(3_000)}`;
    web.route(long, titled('tidak diambil'));
    expect(await previewer().preview([`${web.origin}${long}`])).toEqual([]);
    expect(hits(long)).toBe(0);

    web.route('/ke-panjang', (_req, res) => res.writeHead(302, { location: `/tujuan?q=${'é'.repeat(1_500)}` }).end());
    const [p] = await previewer().preview([`${web.origin}/ke-panjang`]);
    expect(p).toMatchObject({ status: 'error', finalUrl: '127.0.0.1/ke-panjang' });
    expect(await createRepositories(database.db).links.cache.find('127.0.0.1/ke-panjang')).toMatchObject({ status: 'error' });
  });
});
