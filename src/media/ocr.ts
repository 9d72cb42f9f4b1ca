import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { createScheduler, createWorker, OEM, type Scheduler } from 'tesseract.js';

export interface OcrReading {
  text: string;
  /** Tesseract's mean confidence, 0–100. */
  confidence: number;
  /** Words of at least three letters: what a reading is worth for matching. */
  words: number;
}

export interface OcrEngine {
  read(image: Buffer): Promise<OcrReading>;
  close(): Promise<void>;
}

/**
 * The Indonesian model shipped inside the npm package: without an explicit local path tesseract.js
 * downloads it from a CDN and, offline, crashes the process with an uncaught "fetch failed".
 */
export function indonesianModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/ind/package.json')), '4.0.0_best_int');
}

export function countWords(text: string): number {
  return (text.match(/\p{L}{3,}/gu) ?? []).length;
}

/**
 * A pool of tesseract.js workers (one per core by default) behind tesseract's scheduler, which queues
 * jobs for the first free worker. Started on first use, once; `close` ends the workers (service stop).
 */
export function createOcrPool(opts: { workers?: number } = {}): OcrEngine {
  const size = Math.max(1, opts.workers ?? availableParallelism());
  let started: Promise<Scheduler> | undefined;
  let closed = false;

  const start = async (): Promise<Scheduler> => {
    const scheduler = createScheduler();
    const langPath = indonesianModelPath();
    const workers = await Promise.all(
      Array.from({ length: size }, () =>
        // cacheMethod 'none': otherwise every worker writes ind.traineddata into the working folder.
        createWorker('ind', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' }),
      ),
    );
    for (const w of workers) scheduler.addWorker(w);
    return scheduler;
  };

  return {
    async read(image) {
      if (closed) throw new Error('OCR pool is closed');
      started ??= start();
      const scheduler = await started;
      const { data } = await scheduler.addJob('recognize', image);
      const text = (data.text ?? '').replace(/[ \t]+\n/g, '\n').trim();
      return { text, confidence: data.confidence ?? 0, words: countWords(text) };
    },
    async close() {
      closed = true;
      if (started) await (await started.catch(() => undefined))?.terminate();
    },
  };
}

/** The better of two readings of one picture: more real words, weighed by how sure Tesseract was. */
export function betterReading(a: OcrReading, b: OcrReading): OcrReading {
  const worth = (r: OcrReading) => r.words * Math.max(0.05, r.confidence / 100);
  return worth(b) > worth(a) ? b : a;
}
