import type { DbOrTx } from '../db/client.js';
import type { ClaimRow, OutboundButton, VerdictRow } from '../db/schema/index.js';
import { clarificationUrl, withShareLink } from '../domain/answer-card.js';
import { id } from '../domain/messages/id.js';
import type { Messages } from '../domain/messages/id.js';
import type { ServiceDeps } from './deps.js';

/** What a verdict answer carries besides its text: the short link, the card and (in private) "did it help?". */
export interface AnswerExtras {
  body: string;
  cardVerdictId: number;
  buttons?: OutboundButton[][];
}

/** A claim has a public page (and so a card) once its summary is approved and the verdict is a checkable one. */
export function isPublished(claim: Pick<ClaimRow, 'summary'>, verdict: Pick<VerdictRow, 'verdict'>): boolean {
  return claim.summary !== null && verdict.verdict !== 'di_luar_cakupan';
}

/**
 * Dresses an answer (a verdict to a resident, or a broadcast) for travel: the public page's short link under
 * the text, the card of the verdict (attached at send time, see answer-card.service.ts) and, in a resident's
 * private chat, the 👍/👎 buttons — random tokens bound to that chat and resident, like every button.
 */
export function createAnswerExtras(deps: Pick<ServiceDeps, 'config' | 'repos'>) {
  const shareLine = (claim: Pick<ClaimRow, 'id' | 'summary'>, verdict: Pick<VerdictRow, 'verdict'>, t: Messages = id): string | null => {
    const url = isPublished(claim, verdict) ? clarificationUrl(deps.config.http.publicUrl, claim.id) : null;
    return url ? t.answer.link(url) : null;
  };
  return {
    /** "Bagikan klarifikasi ini: <PUBLIC_URL>/klarifikasi/<id>", or null when the claim has no public page. */
    shareLine,

    async dress(
      input: { body: string; claim: Pick<ClaimRow, 'id' | 'summary'>; verdict: Pick<VerdictRow, 'id' | 'verdict'>; feedback?: { residentId: number; chatId: number } },
      tx?: DbOrTx,
      t: Messages = id,
    ): Promise<AnswerExtras> {
      const extras: AnswerExtras = { body: withShareLink(input.body, shareLine(input.claim, input.verdict, t)), cardVerdictId: input.verdict.id };
      if (input.feedback) {
        const { residentId, chatId } = input.feedback;
        const [yes, no] = await Promise.all(
          [true, false].map((helpful) => deps.repos.moderation.issueToken({ kind: 'feedback', verdictId: input.verdict.id, residentId, helpful }, chatId, tx)),
        );
        extras.buttons = [[{ text: t.answer.helpfulButton, data: yes! }, { text: t.answer.unhelpfulButton, data: no! }]];
      }
      return extras;
    },
  };
}

export type AnswerExtrasService = ReturnType<typeof createAnswerExtras>;
