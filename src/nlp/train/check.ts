/**
 * The held-out check a retrained model must pass before it goes live: the `messages` test split (never trained
 * on), the everyday messages of the held-out templates, and the local verdicts held out of training by id
 * (training-docs.ts isLocalHeldOut). The candidate is refused when it is worse than the live model on any of them by
 * more than fold noise. Models are checked without the local memory: it is the same for both, and would answer
 * the held-out local verdicts from themselves.
 */
import type { HoaxScorer } from '../hoax-scorer.js';
import type { CorpusReader } from './corpus.js';
import { everydayMessages } from './everyday.js';
import { binaryMetrics } from './metrics.js';
import { isLocalHeldOut, type LocalExample } from './training-docs.js';

export interface HeldOutSet {
  messages: Array<{ text: string; label: number }>;
  everyday: string[];
  local: Array<{ text: string; label: number }>;
}

export interface CheckMetrics {
  messagesMacroF1: number;
  messagesRecall: number;
  messagesAccuracy: number;
  /** Share of held-out everyday messages labelled hoaks. */
  everydayFalseHoaks: number;
  /** Accuracy on the held-out local verdicts (null: none held out). */
  localAccuracy: number | null;
  n: { messages: number; everyday: number; local: number };
}

/** How much worse than the live model a candidate may be on each measure (about the fold-to-fold noise). */
export const TOLERANCE = { macroF1: 0.01, recall: 0.02, everydayFalseHoaks: 0.01, localAccuracy: 0.02 };
/**
 * Hoax recall may trade for precision (a retrain moves the threshold) as long as it stays at the target: a
 * candidate is refused for recall only when it falls below both the live model's and this.
 */
export const RECALL_TARGET = 0.8;

export function heldOutSet(local: LocalExample[], corpus: CorpusReader): HeldOutSet {
  return {
    messages: corpus('messages')
      .filter((r) => r.split === 'test')
      .map((r) => ({ text: r.text, label: r.label === 'hoaks' ? 1 : 0 })),
    everyday: everydayMessages()
      .filter((m) => m.split === 'test')
      .map((m) => m.text),
    local: local.filter((l) => isLocalHeldOut(l.id)).map((l) => ({ text: l.text, label: l.label })),
  };
}

export function evaluate(scorer: Pick<HoaxScorer, 'score' | 'threshold'>, set: HeldOutSet): CheckMetrics {
  const m = binaryMetrics(
    set.messages.map((x) => scorer.score(x.text).score),
    set.messages.map((x) => x.label),
    scorer.threshold,
  );
  const everydayHoaks = set.everyday.filter((t) => scorer.score(t).label === 'hoaks').length;
  const localRight = set.local.filter((x) => (scorer.score(x.text).label === 'hoaks' ? 1 : 0) === x.label).length;
  const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
  return {
    messagesMacroF1: r4(m.macroF1),
    messagesRecall: r4(m.recall),
    messagesAccuracy: r4(m.accuracy),
    everydayFalseHoaks: r4(set.everyday.length ? everydayHoaks / set.everyday.length : 0),
    localAccuracy: set.local.length ? r4(localRight / set.local.length) : null,
    n: { messages: set.messages.length, everyday: set.everyday.length, local: set.local.length },
  };
}

/** Accept the candidate unless it is worse than the live model beyond the tolerance on some measure. */
export function compareModels(candidate: CheckMetrics, live: CheckMetrics): { accept: boolean; worse: string[] } {
  const worse: string[] = [];
  if (candidate.messagesMacroF1 < live.messagesMacroF1 - TOLERANCE.macroF1) worse.push(`messages macro-F1 ${candidate.messagesMacroF1} < ${live.messagesMacroF1}`);
  if (candidate.messagesRecall < live.messagesRecall - TOLERANCE.recall && candidate.messagesRecall < RECALL_TARGET) worse.push(`messages hoax recall ${candidate.messagesRecall} < ${live.messagesRecall}`);
  if (candidate.everydayFalseHoaks > live.everydayFalseHoaks + TOLERANCE.everydayFalseHoaks) worse.push(`everyday false hoaks ${candidate.everydayFalseHoaks} > ${live.everydayFalseHoaks}`);
  if (candidate.localAccuracy !== null && live.localAccuracy !== null && candidate.localAccuracy < live.localAccuracy - TOLERANCE.localAccuracy) {
    worse.push(`local verdicts accuracy ${candidate.localAccuracy} < ${live.localAccuracy}`);
  }
  return { accept: worse.length === 0, worse };
}
