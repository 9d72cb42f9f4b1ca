/**
 * npm run bench:media [-- --pictures 24]
 *
 * Pictures on the real code path (src/media readPicture: size/format check, DCT perceptual hash, OCR of
 * the picture and of its grey + threshold version on the tesseract.js pool, the better kept). The
 * pictures are made here — posters and chat screenshots rendered from SVG with the DejaVu fonts, then
 * forwarded-copy versions (cropped, resized, poor JPEG) — so the figures can be reproduced anywhere.
 * Prints per-picture latency (one at a time: what a resident waits), hash time alone, throughput with
 * every picture queued at once on the pool, and memory. No network, no database.
 */
import { availableParallelism } from 'node:os';
import { createOcrPool, DEFAULT_MEDIA_LIMITS, perceptualHash, readPicture } from '../src/media/index.js';
import { chatScreenshot, forwardedCopy, poster } from '../tests/fixtures/media/pictures.js';
import { intArg, latencyLine, loadLine, machineLine, rssMb } from './bench-support.js';

const WORDS = ['bantuan', 'sosial', 'vaksin', 'gratis', 'daftar', 'segera', 'listrik', 'pemerintah', 'desa', 'warga', 'pendaftaran', 'hadiah', 'subsidi', 'pupuk', 'beras', 'minyak'];

function lineOf(seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 7 + i * 5 + (seed >> 2)) % WORDS.length]!);
  return out.join(' ');
}

async function pictures(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const lines = [lineOf(i, 4), lineOf(i + 11, 4), lineOf(i + 23, 3)];
    const png = i % 2 === 0 ? poster(lines) : chatScreenshot([lineOf(i, 6), lineOf(i + 3, 6), lineOf(i + 9, 5)]);
    out.push(i % 3 === 0 ? png : await forwardedCopy(png));
  }
  return out;
}

async function main(): Promise<void> {
  const count = intArg('pictures', 'BENCH_PICTURES', 24, 500);
  const workers = intArg('workers', 'OCR_WORKERS', availableParallelism(), 16);
  console.log(machineLine());
  console.log(`pictures: ${count} (posters and chat screenshots, two thirds as forwarded copies); OCR workers: ${workers}`);
  const images = await pictures(count);
  const rssBefore = rssMb();
  const ocr = createOcrPool({ workers });
  const t0 = performance.now();
  await readPicture(images[0]!, DEFAULT_MEDIA_LIMITS, ocr);
  console.log(`pool start + first picture: ${(performance.now() - t0).toFixed(0)} ms (model load, once per process)`);

  const hashMs: number[] = [];
  for (const img of images) {
    const t = performance.now();
    await perceptualHash(img, DEFAULT_MEDIA_LIMITS);
    hashMs.push(performance.now() - t);
  }
  console.log(latencyLine('perceptual hash per picture', hashMs, 'ms', 1));

  const perPicture: number[] = [];
  let words = 0;
  for (const img of images) {
    const t = performance.now();
    const r = await readPicture(img, DEFAULT_MEDIA_LIMITS, ocr);
    perPicture.push(performance.now() - t);
    if (r.status === 'ready') words += r.ocrWords;
  }
  console.log(latencyLine('read (check + hash + 2 OCR passes) per picture, one at a time', perPicture));
  console.log(`words read per picture: ${(words / images.length).toFixed(1)}`);

  const t1 = performance.now();
  await Promise.all(images.map((img) => readPicture(img, DEFAULT_MEDIA_LIMITS, ocr)));
  const seconds = (performance.now() - t1) / 1000;
  console.log(`throughput, all ${count} queued at once on the pool: ${(count / seconds).toFixed(2)} pictures/s (${seconds.toFixed(1)} s)`);
  console.log(`RSS: ${rssBefore.toFixed(0)} MB before the pool, ${rssMb().toFixed(0)} MB after (tesseract workers run in worker threads of this process)`);
  console.log(loadLine());
  await ocr.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
