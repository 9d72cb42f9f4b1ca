import type { Logger } from 'pino';
import type { Nlp } from '../nlp/index.js';
import { readModelFile, scorerFromFile, type HoaxModelFile } from '../nlp/hoax-scorer.js';
import { trainHoaxModel, type TrainOptions } from '../nlp/train/trainer.js';
import type { LocalExample } from '../nlp/train/training-docs.js';
import { compareModels, evaluate, heldOutSet, type CheckMetrics } from '../nlp/train/check.js';
import { corpusAvailable, corpusDir, corpusReader } from './hoax-corpus.js';
import type { Repositories } from '../db/repositories/index.js';
import { safeMessage } from '../observability/safe-error.js';

/**
 * Keeps a process's scorer current: the live model (`saring retrain` may have made a new one) and the local
 * memory of published verdicts, both read from Postgres and reloaded when they change — polled, like the claim
 * catalog, so every worker process follows without a message bus.
 */
export function createModelKeeper(nlp: Nlp, repos: Pick<Repositories, 'hoaxModels'>, logger: Logger) {
  let memoryStamp: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  // Refreshes run one after another: one asked for after a commit must read after that commit.
  let chain: Promise<void> = Promise.resolve();

  async function refreshModel(): Promise<void> {
    const version = await repos.hoaxModels.liveVersion();
    if (!version || version === nlp.hoaxModelVersion) return;
    const row = await repos.hoaxModels.live();
    if (!row?.model) return;
    nlp.useModel(JSON.parse(row.model) as HoaxModelFile);
    logger.info({ version }, 'hoax model loaded');
  }

  async function refreshMemory(): Promise<void> {
    const stamp = await repos.hoaxModels.memoryStamp();
    if (stamp === memoryStamp) return;
    const examples = await repos.hoaxModels.localExamples();
    nlp.setLocalMemory(examples);
    memoryStamp = stamp;
  }

  const keeper = {
    /** Model first: the memory is kept as vectors of the live model's features. */
    refresh(): Promise<void> {
      const next = chain.then(async () => {
        await refreshModel();
        await refreshMemory();
      });
      chain = next.catch(() => undefined);
      return next;
    },
    startPolling(everyMs: number): void {
      timer = setInterval(() => {
        keeper.refresh().catch((err: unknown) => logger.warn({ err: safeMessage(err) }, 'hoax model refresh failed'));
      }, everyMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
  return keeper;
}

export type ModelKeeper = ReturnType<typeof createModelKeeper>;

export interface RetrainResult {
  /** 'activated': the candidate is live; 'refused': worse on the held-out check, the old model stays live;
   * 'unchanged': training gave the live model again (same data, same version). */
  outcome: 'activated' | 'refused' | 'unchanged';
  candidateVersion: string;
  liveVersion: string;
  localCount: number;
  candidate: CheckMetrics | null;
  live: CheckMetrics | null;
  worse: string[];
}

export interface RetrainOptions {
  corpusDir?: string;
  /** Overrides for the trainer (tests train on a slice of the corpus). */
  train?: Pick<TrainOptions, 'maxRowsPerSource' | 'C'>;
  /** The model in force when the database has no live one (default: the shipped src/nlp/data/hoax-model.json). */
  baseline?: () => HoaxModelFile;
  log?: (line: string) => void;
}

/**
 * `saring retrain` and the nightly job: refit the model on the corpus and this deployment's published verdicts,
 * deterministic and versioned, and make it live only if it is not worse than the live model on the held-out
 * check (check.ts). A refused candidate is recorded without its model; the previous live model is kept.
 */
export async function retrainHoaxModel(repos: Pick<Repositories, 'hoaxModels'>, opts: RetrainOptions = {}): Promise<RetrainResult> {
  const log = opts.log ?? (() => undefined);
  if (!corpusAvailable(opts.corpusDir)) throw new Error(`hoax corpus not found in ${corpusDir(opts.corpusDir)} (set HOAX_CORPUS_DIR)`);
  const rows = await repos.hoaxModels.localExamples();
  const local: LocalExample[] = rows.map((r) => ({ id: `report-${r.reportId}`, text: r.text, label: r.label }));
  const liveRow = await repos.hoaxModels.live();
  const liveFile = liveRow?.model ? (JSON.parse(liveRow.model) as HoaxModelFile) : (opts.baseline ?? (() => readModelFile()))();
  const C = opts.train?.C ?? (typeof liveFile.cv?.C === 'number' ? liveFile.cv.C : undefined);
  log(`live model ${liveFile.modelVersion}; ${local.length} local verdict reports; training…`);
  const corpus = corpusReader(opts.corpusDir);
  const candidateFile = trainHoaxModel({
    corpus,
    ...(opts.train?.maxRowsPerSource ? { maxRowsPerSource: opts.train.maxRowsPerSource } : {}),
    ...(C !== undefined ? { C } : {}),
    local,
    log,
  });
  const base = { candidateVersion: candidateFile.modelVersion, liveVersion: liveFile.modelVersion, localCount: local.length };
  if (candidateFile.modelVersion === liveFile.modelVersion) return { ...base, outcome: 'unchanged', candidate: null, live: null, worse: [] };
  const set = heldOutSet(local, corpus);
  const live = evaluate(scorerFromFile(liveFile), set);
  const candidate = evaluate(scorerFromFile(candidateFile), set);
  const { accept, worse } = compareModels(candidate, live);
  const check = { candidate, live, liveVersion: liveFile.modelVersion, accepted: accept, worse };
  if (accept) {
    await repos.hoaxModels.activate({ version: candidateFile.modelVersion, model: JSON.stringify(candidateFile), check, localCount: local.length });
  } else {
    await repos.hoaxModels.recordRefused({ version: candidateFile.modelVersion, check, localCount: local.length });
  }
  log(`${accept ? 'activated' : 'REFUSED'} ${candidateFile.modelVersion} (live was ${liveFile.modelVersion})${worse.length ? `: ${worse.join('; ')}` : ''}`);
  return { ...base, outcome: accept ? 'activated' : 'refused', candidate, live, worse };
}
