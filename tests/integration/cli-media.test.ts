import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { forwardedCopy, poster } from '../fixtures/media/pictures.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POSTER = ['Pendaftaran CPNS jalur khusus', 'tanpa tes, bayar Rp 5 juta', 'hubungi admin sekarang juga'];
const OTHER = ['Kerja bakti membersihkan selokan', 'hari Minggu pagi di RT 03', 'bawa cangkul dan karung'];

describe('saring import-claims and check with pictures', () => {
  let db: TestDatabase;
  let dir: string;
  let sql: postgres.Sql;
  const saring = (args: string[], stdin?: string) => {
    const p = run(process.execPath, [join(ROOT, 'bin/saring.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, LOG_LEVEL: 'warn', DATA_DIR: join(dir, 'data'), OCR_WORKERS: '2' },
      timeout: 240_000,
    });
    if (stdin !== undefined) p.child.stdin?.end(stdin);
    return p;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    dir = await mkdtemp(join(tmpdir(), 'saring-cli-media-'));
    await mkdir(join(dir, 'claims', 'gambar'), { recursive: true });
    await writeFile(join(dir, 'claims', 'gambar', 'cpns.png'), poster(POSTER));
    await writeFile(join(dir, 'copy.jpg'), await forwardedCopy(poster(POSTER)));
    await writeFile(join(dir, 'other.jpg'), await forwardedCopy(poster(OTHER)));
    await writeFile(join(dir, 'broken.jpg'), Buffer.from('not a picture at all'));
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports a claim verified for its pictures (paths relative to the JSONL folder), refusing paths outside it', async () => {
    const lines = [
      { id: 'ext-cpns', text: 'Pendaftaran CPNS jalur khusus tanpa tes cukup bayar lima juta rupiah', verdict: 'penipuan', clarification: 'Tidak ada CPNS jalur khusus berbayar.', sources: ['https://www.bkn.go.id/klarifikasi'], images: ['gambar/cpns.png'] },
      { id: 'ext-escape', text: 'Teks apa saja untuk baris ini yang cukup panjang', verdict: 'hoaks', clarification: 'x', images: ['../copy.jpg'] },
      { id: 'ext-missing', text: 'Teks apa saja untuk baris ini yang cukup panjang', verdict: 'hoaks', clarification: 'x', images: ['gambar/tidak-ada.png'] },
    ];
    await writeFile(join(dir, 'claims', 'claims.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const { stdout } = await saring(['import-claims', join('claims', 'claims.jsonl')]);
    expect(stdout).toContain('added 1, updated 0, rejected 2');
    expect(stdout).toMatch(/line 2: images\.0: must be a path inside/);
    expect(stdout).toMatch(/line 3: images\.0: file not found/);
    const rows = await sql`select c.external_id, m.phash is not null as hashed, m.ocr_text from claim_media cm join claims c on c.id = cm.claim_id join media_objects m on m.id = cm.media_id`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ external_id: 'ext-cpns', hashed: true });
    expect(String(rows[0]!.ocr_text)).toMatch(/CPNS/);
  }, 300_000);

  it('checks pictures like forwarded ones: a copy of the imported poster matches, another poster does not, a broken file says so', async () => {
    const input = [
      { id: 'copy', image: 'copy.jpg' },
      { id: 'other', image: 'other.jpg', text: 'ini benar?' },
      { id: 'broken', image: 'broken.jpg' },
      { id: 'text', text: 'Selamat pagi ibu-ibu, jadwal posyandu pindah ke hari Sabtu jam 8 di balai desa' },
    ];
    const { stdout } = await saring(['check'], input.map((x) => JSON.stringify(x)).join('\n') + '\n');
    type Line = { id: string; ocrText?: string; imageHash?: string | null; match?: { externalId: string | null } | null };
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(out.map((o) => o.id)).toEqual(['copy', 'other', 'broken', 'text']);
    const [copy, other, broken, text] = out;
    expect(copy).toMatchObject({ label: 'hoaks', match: { externalId: 'ext-cpns', level: 'auto', verdict: 'penipuan' } });
    expect(copy!.ocrText).toMatch(/CPNS/);
    expect(copy!.imageHash).toMatch(/^[0-9a-f]{16}$/);
    expect(other!.match?.externalId ?? null).not.toBe('ext-cpns');
    expect(other!.ocrText).toMatch(/Kerja bakti/i);
    expect(broken).toMatchObject({ imageHash: null, imageError: 'unreadable' });
    expect(text).not.toHaveProperty('imageHash');
    // check writes nothing: no new media rows beyond the imported picture.
    const [{ n }] = (await sql`select count(*)::int as n from media_objects`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  }, 300_000);
});
