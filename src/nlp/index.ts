/**
 * The NLP facade: what the analyze worker and `saring check` call. analyzeText is pure given a loaded scorer
 * and an index of known claims, so both paths run exactly the same code.
 */
import { basicNormalize, normalizeText, type NormalizedText } from './normalize.js';
import { loadHoaxScorer, scorerFromFile, type HoaxModelFile, type HoaxScorer, type LocalVerdictExample, type ScoreBand } from './hoax-scorer.js';
import { detectScam, type ScamResult } from './scam.js';
import { MatchIndex, type MatchResult } from './match-index.js';
import { decideMatch, DEFAULT_THRESHOLDS, type MatchLevel, type MatchThresholds } from './match-decision.js';

export { basicNormalize, normalizeText, MatchIndex, decideMatch, detectScam, loadHoaxScorer, DEFAULT_THRESHOLDS };
export type { NormalizedText, HoaxScorer, ScamResult, MatchResult, MatchLevel, MatchThresholds, HoaxModelFile, LocalVerdictExample, ScoreBand };
export { HOAX_THRESHOLD, DEFAULT_MODEL_PATH } from './hoax-scorer.js';
export { MIN_AUTO_WORDS, withUrlEvidence } from './match-decision.js';

export interface Nlp {
  normalize(text: string): NormalizedText;
  score: HoaxScorer['score'];
  detectScam(text: string, normalized?: NormalizedText): ScamResult;
  newIndex(): MatchIndex;
  /** Score ≥ this → label 'hoaks' (of the live model). */
  readonly hoaxThreshold: number;
  /** Version string of the live hoax model. */
  readonly hoaxModelVersion: string;
  /** Makes a model `saring retrain` stored the live one (the local memory is carried over). */
  useModel(file: HoaxModelFile): void;
  /** Replaces the memory of this deployment's published verdicts. */
  setLocalMemory(examples: LocalVerdictExample[]): void;
  readonly localMemorySize: number;
}

export interface NlpOptions {
  /** Path of the hoax model JSON (default src/nlp/data/hoax-model.json). */
  modelPath?: string;
}

export function createNlp(opts: NlpOptions = {}): Nlp {
  let scorer = loadHoaxScorer(opts.modelPath);
  let local: LocalVerdictExample[] = [];
  return {
    normalize: normalizeText,
    score: (text, normalized) => scorer.score(text, normalized),
    detectScam,
    newIndex: () => new MatchIndex(),
    get hoaxThreshold() {
      return scorer.threshold;
    },
    get hoaxModelVersion() {
      return scorer.version;
    },
    get localMemorySize() {
      return scorer.localMemorySize;
    },
    useModel(file) {
      const next = scorerFromFile(file, `hoax model ${file.modelVersion}`);
      // The memory is kept as vectors of the model's own TF-IDF: rebuilt under the new one.
      next.setLocalMemory(local);
      scorer = next;
    },
    setLocalMemory(examples) {
      local = examples;
      scorer.setLocalMemory(examples);
    },
  };
}

export interface TextMatch {
  /** Id the claim was indexed under. */
  id: string;
  similarity: number;
  level: MatchLevel;
}

export interface TextAnalysis {
  normalized: NormalizedText;
  /** basicNormalize(text): key for exact-duplicate clustering. */
  exactKey: string;
  hoaxScore: number;
  label: 'hoaks' | 'valid';
  band: ScoreBand;
  signals: string[];
  scam: ScamResult;
  match: TextMatch | null;
  /** Best candidates considered (for moderators' "similar claims"). */
  candidates: MatchResult[];
}

/** Normalise, score, check for scams and match against the known claims. */
export function analyzeText(
  nlp: Nlp,
  index: MatchIndex,
  text: string,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): TextAnalysis {
  const normalized = nlp.normalize(text);
  const { score, label, band, signals } = nlp.score(text, normalized);
  const scam = nlp.detectScam(text, normalized);
  const candidates = index.query(normalized, { limit: 5 });
  const best = candidates[0];
  const level = decideMatch(best, normalized.wordCount, thresholds);
  const match = best && level ? { id: best.id, similarity: round3(best.similarity), level } : null;
  const allSignals = [...scam.reasons.map((r) => `penipuan: ${r}`), ...signals];
  return {
    normalized,
    exactKey: basicNormalize(text),
    hoaxScore: round3(score),
    label,
    band,
    signals: [...new Set(allSignals)],
    scam,
    match,
    candidates,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
