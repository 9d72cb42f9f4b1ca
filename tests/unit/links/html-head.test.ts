import { describe, expect, it } from 'vitest';
import { detectCharset, readPageHead } from '../../../src/media/links/html-head.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('reading a page head for a link preview', () => {
  it('prefers og:title and og:description, in any attribute order and quoting', () => {
    const html = `<!doctype html><html><head>
      <title>Situs Berita</title>
      <meta content='Vaksin mengandung chip 5G' property="og:title">
      <meta property=og:description content="Pesan berantai &quot;viral&quot; di grup WA &amp; Telegram">
      </head><body><h1>lain</h1></body></html>`;
    expect(readPageHead(utf8(html), 'text/html')).toEqual({
      title: 'Vaksin mengandung chip 5G',
      description: 'Pesan berantai "viral" di grup WA & Telegram',
    });
  });

  it('falls back to <title> and meta description, collapsing whitespace and entities', () => {
    const html = `<head><TITLE>\n  Bantuan&nbsp;Sosial   &#8211; Pendaftaran &#x41;&#x42;\n</TITLE><meta name="description" content="Daftar sekarang"></head>`;
    expect(readPageHead(utf8(html), undefined)).toEqual({ title: 'Bantuan Sosial – Pendaftaran AB', description: 'Daftar sekarang' });
  });

  it('ignores titles and metas in comments, scripts and the body', () => {
    const html = `<head><!-- <title>komentar</title> --><script>var t = "<title>skrip</title>";</script><title>Asli</title></head>
      <body><meta property="og:title" content="dari body"></body>`;
    expect(readPageHead(utf8(html), 'text/html').title).toBe('Asli');
  });

  it('reads a page cut off in the middle of its head (the byte budget)', () => {
    expect(readPageHead(utf8('<html><head><title>Judul yang terpotong'), 'text/html').title).toBe('Judul yang terpotong');
  });

  it('decodes latin1 pages by the header or by <meta charset>', () => {
    const body = Buffer.from('<head><title>Peringatan caf\xe9 \xab palsu \xbb</title></head>', 'latin1');
    expect(readPageHead(body, 'text/html; charset=ISO-8859-1').title).toBe('Peringatan café « palsu »');
    const meta = Buffer.concat([Buffer.from('<head><meta charset="latin1"><title>caf', 'latin1'), Buffer.from([0xe9]), Buffer.from('</title>', 'latin1')]);
    expect(readPageHead(meta, 'text/html').title).toBe('café');
    expect(readPageHead(utf8('<head><title>café ✓</title>'), 'text/html; charset=utf-8').title).toBe('café ✓');
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(detectCharset(utf8('<title>x</title>'), 'text/html; charset=x-no-such-thing')).toBe('utf-8');
    expect(detectCharset(utf8('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), undefined)).toBe('windows-1252');
  });

  it('caps long text and drops control characters', () => {
    const head = readPageHead(utf8(`<title>${'a'.repeat(1000)}</title><meta property="og:description" content="x\u0007y\u200bz">`), 'text/html');
    expect(head.title?.length).toBeLessThanOrEqual(300);
    expect(head.description).toBe('x y z');
  });

  it('returns nothing for a page without a head', () => {
    expect(readPageHead(utf8('just text'), 'text/html')).toEqual({ title: null, description: null });
  });
});
