import { describe, expect, it } from 'vitest';
import { isGovernmentLookalike, LOOKALIKE_REASON } from '../../../src/nlp/gov-lookalike.js';
import { detectScam } from '../../../src/nlp/scam.js';
import { normalizeText } from '../../../src/nlp/normalize.js';
import { findUrls } from '../../../src/nlp/extract.js';

describe('lookalike domains of government sites', () => {
  it.each([
    'kemensos-bansos.id-daftar.xyz',
    'bansos-kemensos.id-daftar.xyz',
    'kemenkes.go.id.xyz',
    'www.kemenkes.go.id.xyz',
    'dukcapil-online.com',
    'prakerja-gelombang7.site',
    'cekbansos-kemensos.web.app',
    'kemensosbansos.blogspot.com',
    'bpjs-subsidi.online',
    'kemenkes-go-id.com',
    new URL('http://kemensоs-daftar.com').hostname, // Cyrillic о, as a URL carries it (xn--…)
    new URL('http://kemenkеs.go.id.co').hostname,
  ])('%s is a lookalike', (host) => {
    expect(isGovernmentLookalike(host)).toBe(true);
  });

  it.each([
    'kemenkes.go.id',
    'cekbansos.kemensos.go.id',
    'www.go.id',
    'bpjs-kesehatan.go.id',
    'kompas.com',
    'pajakku.com',
    'pedulilindungi.id',
    'bit.ly',
    'cargo-id.com',
    'mango.id',
  ])('%s is not', (host) => {
    expect(isGovernmentLookalike(host)).toBe(false);
  });

  it('feeds the scam path with a reason a person understands', () => {
    const text = 'Cek penerima bansos 2026 di https://kemensos-bansos.id-daftar.xyz/cek';
    const scam = detectScam(text, normalizeText(text));
    expect(scam.isScam).toBe(true);
    expect(scam.reasons).toContain(LOOKALIKE_REASON);
  });

  it('finds the lookalike in a link written without a scheme', () => {
    const text = 'info lengkap kemenkes.go.id.xyz/vaksin';
    expect(detectScam(text, normalizeText(text)).reasons).toContain(LOOKALIKE_REASON);
  });

  it('does not flag a real government link', () => {
    const text = 'Cek penerima bansos hanya di https://cekbansos.kemensos.go.id';
    expect(detectScam(text, normalizeText(text)).reasons).not.toContain(LOOKALIKE_REASON);
  });

  it('finds the links a resolver should follow, as written', () => {
    expect(findUrls('Cek bit.ly/Abc123, lalu https://s.id/X!  dan www.contoh.com/a?b=1. Nomor 08123456789')).toEqual([
      'bit.ly/Abc123',
      'https://s.id/X',
      'www.contoh.com/a?b=1',
    ]);
  });
});
