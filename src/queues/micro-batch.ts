/**
 * Gathers items that arrive close together into one call: the analyze worker's concurrent jobs each
 * submit their report and get their own outcome back, while the database sees one transaction per batch.
 * A batch closes when it holds `maxSize` items or `maxWaitMs` after its first item, whichever comes first.
 * No I/O of its own: what a batch does is `run`; what a job does with its outcome is the caller's.
 *
 * When `run` throws, each item of that batch is retried alone (`runOne`), so one item that always fails
 * fails only its own job, never its neighbours'.
 */
export interface MicroBatcher<K, R> {
  submit(item: K): Promise<R>;
  /** Items waiting for their batch to start. */
  pending(): number;
}

export interface MicroBatchOptions<K, R> {
  maxSize: number;
  maxWaitMs: number;
  run(items: K[]): Promise<Map<K, R>>;
  runOne(item: K): Promise<R>;
  /** A batch failed as a whole and its items go alone (for a log line). */
  onBatchError?: (err: unknown, size: number) => void;
  /** Timer seam for tests. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
}

interface Waiting<K, R> {
  item: K;
  resolve(r: R): void;
  reject(err: unknown): void;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(timer) };
};

export function createMicroBatcher<K, R>(opts: MicroBatchOptions<K, R>): MicroBatcher<K, R> {
  const schedule = opts.schedule ?? defaultSchedule;
  let open: Array<Waiting<K, R>> = [];
  let timer: { cancel(): void } | undefined;

  const close = () => {
    timer?.cancel();
    timer = undefined;
    const batch = open;
    open = [];
    if (batch.length) void runBatch(batch);
  };

  async function runBatch(batch: Array<Waiting<K, R>>): Promise<void> {
    let results: Map<K, R> | undefined;
    try {
      results = await opts.run(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      opts.onBatchError?.(err, batch.length);
    }
    for (const w of batch) {
      if (results?.has(w.item)) w.resolve(results.get(w.item) as R);
      else opts.runOne(w.item).then(w.resolve, w.reject);
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        open.push({ item, resolve, reject });
        if (open.length >= opts.maxSize) close();
        else timer ??= schedule(close, opts.maxWaitMs);
      });
    },
    pending: () => open.length,
  };
}
