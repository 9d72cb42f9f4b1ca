import { describe, expect, it } from 'vitest';
import { bestLinkMatch, evidenceUrls, linkMatchLevel, type LinkCandidate } from '../../../src/media/links/link-match.js';
import type { LinkPreview } from '../../../src/media/links/link-previewer.js';
import { textWithLinks } from '../../../src/media/links/link-text.js';
import { ConfigError, loadConfig } from '../../../src/config/config.js';

const preview = (p: Partial<LinkPreview>): LinkPreview => ({
  url: 'bit.ly/abc',
  finalUrl: 'berita.example/hoaks-vaksin',
  status: 'ok',
  title: null,
  description: null,
  hops: ['bit.ly/abc', 'berita.example/hoaks-vaksin'],
  fetchedAt: new Date(0),
  ...p,
});

const candidate = (c: Partial<LinkCandidate>): LinkCandidate => ({
  claimId: 1,
  hasAgreedVerdict: true,
  official: false,
  textSimilarity: 0,
  polarityConflict: false,
  linkCentric: true,
  ...c,
});

describe('same final address as evidence', () => {
  it('uses only finished chains that end at a specific page', () => {
    expect(
      evidenceUrls([
        preview({}),
        preview({ url: 'a', finalUrl: 'berita.example', status: 'ok' }),
        preview({ url: 'b', finalUrl: 'x.example/mati', status: 'http_error' }),
        preview({ url: 'c', finalUrl: 'intranet.example/admin', status: 'refused' }),
        preview({ url: 'd', finalUrl: 'lambat.example/halaman', status: 'timeout' }),
        preview({ url: 'e', finalUrl: 'instagram.com/accounts/login', status: 'ok' }),
        preview({ url: 'f', finalUrl: 'bit.ly/a/warning?hash=1', status: 'ok' }),
      ]),
    ).toEqual(['berita.example/hoaks-vaksin', 'x.example/mati']);
  });

  it('answers a bare link at once only for a claim with an agreed verdict', () => {
    expect(linkMatchLevel(candidate({ hasAgreedVerdict: true }), 0, 0.7)).toBe('auto');
    expect(linkMatchLevel(candidate({ hasAgreedVerdict: false }), 0, 0.7)).toBe('suggest');
  });

  it('only suggests when the resident wrote something else, or debunks it', () => {
    expect(linkMatchLevel(candidate({ textSimilarity: 0.2 }), 12, 0.7)).toBe('suggest');
    expect(linkMatchLevel(candidate({ textSimilarity: 0.75 }), 12, 0.7)).toBe('auto');
    expect(linkMatchLevel(candidate({ polarityConflict: true }), 0, 0.7)).toBe('suggest');
  });

  it('only suggests a claim that merely cites the link as a source', () => {
    expect(linkMatchLevel(candidate({ linkCentric: false }), 0, 0.7)).toBe('suggest');
  });

  it('prefers an automatic, then an official, then a closer claim', () => {
    const best = bestLinkMatch(
      [candidate({ claimId: 1, hasAgreedVerdict: false }), candidate({ claimId: 2, official: false }), candidate({ claimId: 3, official: true })],
      0,
      0.7,
    );
    expect(best).toEqual({ claimId: 3, level: 'auto', similarity: 0 });
    expect(bestLinkMatch([], 0, 0.7)).toBeNull();
  });
});

describe('the analysed text of a report with links', () => {
  it('keeps the resident text first and adds titles, descriptions and where the link went', () => {
    const text = textWithLinks('bit.ly/abc', [preview({ title: 'Judul', description: 'Ringkasan', hops: ['bit.ly/abc', 's.id/x', 'berita.example/hoaks-vaksin'] })]);
    expect(text).toBe('bit.ly/abc\n\nJudul\nRingkasan\nhttp://s.id/x\nhttp://berita.example/hoaks-vaksin');
  });

  it('is the resident text alone when the links showed nothing new', () => {
    expect(textWithLinks('lihat berita.example/a', [preview({ url: 'berita.example/a', hops: ['berita.example/a'], finalUrl: 'berita.example/a' })])).toBe('lihat berita.example/a');
  });
});

describe('link settings', () => {
  const base = { NODE_ENV: 'test' };
  it('fetches by default, except under tests unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).links.fetchEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', LINK_FETCH_ENABLED: 'false' }).links.fetchEnabled).toBe(false);
    expect(loadConfig({ ...base, LINK_FETCH_ENABLED: '' }).links.fetchEnabled).toBe(false);
    expect(loadConfig({ ...base, LINK_FETCH_ENABLED: 'true', LINK_CACHE_TTL_HOURS: '2' }).links).toEqual({ fetchEnabled: true, allowLoopback: false, cacheTtlMs: 7_200_000 });
  });

  it('refuses the test-only loopback setting in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LINK_FETCH_ALLOW_LOOPBACK: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', LINK_FETCH_ALLOW_LOOPBACK: 'true' })).toThrow(/LINK_FETCH_ALLOW_LOOPBACK/);
    expect(loadConfig({ ...base, LINK_FETCH_ALLOW_LOOPBACK: 'true' }).links.allowLoopback).toBe(true);
  });
});
