import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkResolver } from '../../src/media/links/link-resolver.js';
import type { HostResolver } from '../../src/media/links/host-resolver.js';
import { page, redirect, startLinkServer, titled, type LinkServer } from '../helpers/link-server.js';
import { freePort } from '../helpers/wait.js';

/** Test DNS: names map to addresses; a name may answer differently on later asks (rebinding). */
function fakeDns(answers: Record<string, string[][]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (host: string) => {
    const seen = asked.filter((h) => h === host).length;
    asked.push(host);
    const list = answers[host];
    const pick = list?.[Math.min(seen, list.length - 1)] ?? [];
    return pick.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolver, { asked });
}

describe('following links within the budget, against loopback servers', () => {
  let srv: LinkServer;
  beforeAll(async () => {
    srv = await startLinkServer();
  });
  afterAll(async () => srv?.stop());

  const testResolver = (extra: Parameters<typeof createLinkResolver>[0] = { allowLoopback: true }) => createLinkResolver({ ...extra });
  const countOf = (prefix: string) => srv.requests.filter((r) => r.path.startsWith(prefix)).length;

  it('follows up to five redirects to the page and reads its title and description', async () => {
    for (let i = 0; i < 5; i++) srv.route(`/chain5/${i}`, redirect(i === 4 ? '/chain5/page' : `/chain5/${i + 1}`, [301, 302, 303, 307, 308][i]));
    srv.route('/chain5/page', titled('Vaksin booster mengandung chip', 'Pesan berantai di grup'));
    const r = await testResolver().resolve(`${srv.origin}/chain5/0`);
    expect(r).toMatchObject({ status: 'ok', title: 'Vaksin booster mengandung chip', description: 'Pesan berantai di grup', finalUrl: `${srv.origin}/chain5/page` });
    expect(r.hops).toHaveLength(6);
  });

  it('stops after five redirects without fetching the sixth target', async () => {
    for (let i = 0; i < 10; i++) srv.route(`/loop/${i}`, redirect(`/loop/${i + 1}`));
    const r = await testResolver().resolve(`${srv.origin}/loop/0`);
    expect(r.status).toBe('too_many_redirects');
    expect(countOf('/loop/')).toBe(6);
    expect(r.finalUrl).toBe(`${srv.origin}/loop/6`);
  });

  it.each([
    ['private', 'http://10.0.0.1/admin'],
    ['metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv4-mapped metadata', 'http://[::ffff:a9fe:a9fe]/'],
    ['this-network', 'http://0.0.0.0/'],
    ['CGNAT', 'http://100.64.1.1/'],
    ['IPv6 private', 'http://[fd00::1]/'],
  ])('refuses a redirect to a %s address before connecting', async (_what, target) => {
    const path = `/to-${encodeURIComponent(target)}`;
    srv.route(path, redirect(target));
    const r = await testResolver().resolve(`${srv.origin}${path}`);
    expect(r.status).toBe('refused');
    expect(r.finalUrl).toBe(new URL(target).href);
  });

  it('refuses a redirect to a name whose DNS answer is private', async () => {
    srv.route('/to-internal-name', redirect('http://intranet.test/secret'));
    const dns = fakeDns({ 'short.test': [['127.0.0.1']], 'intranet.test': [['10.9.8.7']] });
    const r = await createLinkResolver({ allowLoopback: true, resolver: dns }).resolve(`http://short.test:${srv.port}/to-internal-name`);
    expect(r).toMatchObject({ status: 'refused', finalUrl: 'http://intranet.test/secret' });
    expect(r.detail).toMatch(/private/);
  });

  it('without the test-only setting refuses loopback itself: the server is never reached', async () => {
    srv.route('/prod', titled('tidak boleh terbaca'));
    const before = srv.requests.length;
    const production = createLinkResolver({ allowLoopback: false });
    for (const url of [`${srv.origin}/prod`, `http://[::1]:${srv.port}/prod`, `http://[::ffff:127.0.0.1]:${srv.port}/prod`, `http://2130706433:${srv.port}/prod`]) {
      const r = await production.resolve(url);
      expect(r.status, url).toBe('refused');
      expect(r.title).toBeNull();
    }
    const named = await createLinkResolver({ allowLoopback: false, resolver: fakeDns({ 'bit.ly': [['127.0.0.1']] }) }).resolve(`http://bit.ly:${srv.port}/prod`);
    expect(named.status).toBe('refused');
    expect(srv.requests.length).toBe(before);
  });

  it('connects to the address it checked: a second DNS answer cannot rebind the connection', async () => {
    srv.route('/pinned', titled('Halaman yang benar'));
    // First answer loopback (allowed here), every later answer private: a second lookup would be refused or fail.
    const dns = fakeDns({ 'rebind.test': [['127.0.0.1'], ['10.0.0.1']] });
    const r = await createLinkResolver({ allowLoopback: true, resolver: dns }).resolve(`http://rebind.test:${srv.port}/pinned`);
    expect(r).toMatchObject({ status: 'ok', title: 'Halaman yang benar' });
    expect(dns.asked).toEqual(['rebind.test']);
    expect(srv.requests.at(-1)).toEqual({ path: '/pinned', host: `rebind.test:${srv.port}` });
  });

  it('never sends credentials written in a link', async () => {
    let authorization: string | undefined = 'unset';
    srv.route('/private-page', (req, res) => {
      authorization = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>x</title>');
    });
    const r = await testResolver().resolve(`http://admin:rahasia@127.0.0.1:${srv.port}/private-page`);
    expect(r.status).toBe('ok');
    expect(authorization).toBeUndefined();
    expect(r.hops[0]).not.toContain('rahasia');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'gopher://127.0.0.1:6379/_INFO'])('refuses a redirect to %s', async (target) => {
    const path = `/scheme-${encodeURIComponent(target)}`;
    srv.route(path, redirect(target));
    const r = await testResolver().resolve(`${srv.origin}${path}`);
    expect(r.status).toBe('refused');
    expect(r.detail).toMatch(/scheme/);
  });

  it('gives up when the deadline passes on a server that never answers', async () => {
    const deadline = new AbortController();
    srv.route('/hang', () => deadline.abort()); // accepts the request, never answers; the deadline fires meanwhile
    const r = await createLinkResolver({ allowLoopback: true, deadline: () => deadline.signal }).resolve(`${srv.origin}/hang`);
    expect(r).toMatchObject({ status: 'timeout', finalUrl: `${srv.origin}/hang` });
  });

  it('gives up when the deadline passes in the middle of a body', async () => {
    const deadline = new AbortController();
    srv.route('/dribble', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Setengah', () => deadline.abort());
    });
    const r = await createLinkResolver({ allowLoopback: true, deadline: () => deadline.signal }).resolve(`${srv.origin}/dribble`);
    expect(r.status).toBe('timeout');
  });

  it('spends one deadline on the whole chain, not one per hop', async () => {
    const deadline = new AbortController();
    srv.route('/slow-chain/0', (_req, res) => {
      deadline.abort();
      res.writeHead(302, { location: '/slow-chain/1' }).end();
    });
    srv.route('/slow-chain/1', titled('tidak sempat'));
    const r = await createLinkResolver({ allowLoopback: true, deadline: () => deadline.signal }).resolve(`${srv.origin}/slow-chain/0`);
    expect(r.status).toBe('timeout');
    expect(countOf('/slow-chain/1')).toBe(0);
  });

  it('reads at most the byte budget of an endless page', async () => {
    let closed = false;
    const chunk = Buffer.alloc(16 * 1024, 'a');
    srv.route('/endless', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Judul di awal</title></head><body>');
      const pump = () => {
        while (!closed && res.write(chunk));
        if (!closed) res.once('drain', pump);
      };
      req.socket.on('close', () => (closed = true));
      pump();
    });
    const r = await testResolver().resolve(`${srv.origin}/endless`);
    expect(r).toMatchObject({ status: 'ok', title: 'Judul di awal' });
  });

  it('does not see a title beyond the byte budget', async () => {
    srv.route('/late-title', page(`<html><head>${'<meta name="x" content="y">'.repeat(12_000)}<title>Terlambat</title></head>`));
    const r = await createLinkResolver({ allowLoopback: true, budget: { maxBytes: 64 * 1024 } }).resolve(`${srv.origin}/late-title`);
    expect(r).toMatchObject({ status: 'ok', title: null });
  });

  it('does not download what is not a page', async () => {
    srv.route('/video.mp4', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(Buffer.alloc(1024)); // and never ends: only the headers are needed
    });
    const r = await testResolver().resolve(`${srv.origin}/video.mp4`);
    expect(r).toMatchObject({ status: 'ok', title: null, finalUrl: `${srv.origin}/video.mp4` });
  });

  it('reports an error page and an unreachable server as results, not exceptions', async () => {
    const missing = await testResolver().resolve(`${srv.origin}/no-such-page`);
    expect(missing).toMatchObject({ status: 'http_error', detail: 'HTTP 404', title: null });
    const closedPort = await freePort();
    const refused = await testResolver().resolve(`http://127.0.0.1:${closedPort}/x`);
    expect(refused.status).toBe('error');
    expect((await testResolver().resolve('not a url')).status).toBe('error');
  });
});
