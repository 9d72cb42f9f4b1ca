import type { Repositories } from '../db/repositories/index.js';
import type { OutgoingFile } from '../domain/chat-adapter.js';
import { clarificationUrl } from '../domain/answer-card.js';
import { id as t } from '../domain/messages/id.js';
import { VERDICT_LABELS } from '../domain/verdict.js';
import type { ServiceDeps } from './deps.js';
import type { PublicClarifications } from './public-clarifications.service.js';

export interface AnswerCard {
  claimId: number;
  file: OutgoingFile;
  /** The card's own caption when the answer is too long to be it. */
  shortCaption: string;
}

/** PNGs kept in memory per process: a broadcast to a thousand groups reads its card once. */
const MEMORY_CARDS = 32;

/**
 * The clarification card that goes with an answer or a broadcast, by verdict: rendered once per card version
 * (the public pages' cache under DATA_DIR/cards) and kept in memory. Only the verdict in force has a card —
 * an answer about an older verdict goes without one rather than beside a card that says something else — and
 * only a published claim (approved summary, not "di luar cakupan"). Never throws: without a card the text
 * still goes.
 */
export function createAnswerCards(deps: Pick<ServiceDeps, 'config' | 'logger'> & { repos: Pick<Repositories, 'verdicts'> }, parts: { site: PublicClarifications }) {
  const memory = new Map<string, Buffer>();
  const log = deps.logger.child({ svc: 'answer-card' });
  return {
    async forVerdict(verdictId: number): Promise<AnswerCard | undefined> {
      try {
        const verdict = await deps.repos.verdicts.findById(verdictId);
        if (!verdict) return undefined;
        const shown = await parts.site.detail(verdict.claimId);
        if (!shown || shown.verdictId !== verdictId) return undefined;
        const key = `${shown.id}-${shown.version}`;
        let png = memory.get(key);
        if (!png) {
          png = parts.site.cardOf(shown).png;
          if (memory.size >= MEMORY_CARDS) memory.delete(memory.keys().next().value as string);
          memory.set(key, png);
        }
        return {
          claimId: shown.id,
          file: { data: png, mime: 'image/png', filename: `klarifikasi-${shown.id}.png`, kind: 'photo', cacheKey: `card-${key}` },
          shortCaption: t.answer.cardCaption(VERDICT_LABELS[shown.verdict], clarificationUrl(deps.config.http.publicUrl, shown.id)),
        };
      } catch (err) {
        log.warn({ verdictId, err: err instanceof Error ? err.message : String(err) }, 'clarification card unavailable; the text goes alone');
        return undefined;
      }
    },
  };
}

export type AnswerCards = ReturnType<typeof createAnswerCards>;
