/**
 * How an answer travels with its clarification card (pure; the outbound service does the sending).
 *
 * Telegram refuses a caption over 1024 characters and WhatsApp cuts long captions in its previews, so one rule
 * serves both: an answer that fits is ONE message, the card with the whole text as its caption (a forward
 * carries both). A longer answer is two messages from one ledger row: the card first with a short caption,
 * then the whole text, which carries the buttons. Card first, because the text (with "did it help?") is then
 * the last thing in the chat, next to the reply box, and nothing of it is cut; the ledger marks the card part
 * done before the text goes, so a retry after a crash sends only what is left.
 */
export const CAPTION_MAX = 1024;

export type CardStep =
  /** No card (none for this row, none to be had, or its part already settled): the text alone. */
  | 'text'
  /** One message: the card with the whole body as its caption. */
  | 'captioned'
  /** The card alone with a short caption now; the text is the row's next step. */
  | 'card-first';

export function nextCardStep(input: { wantsCard: boolean; cardDone: boolean; hasCard: boolean; body: string }): CardStep {
  if (!input.wantsCard || input.cardDone || !input.hasCard) return 'text';
  return input.body.length <= CAPTION_MAX ? 'captioned' : 'card-first';
}

/** `/klarifikasi/:id` on the public address; null without one (no link rather than a wrong one). */
export function clarificationUrl(publicUrl: string | undefined, claimId: number): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/klarifikasi/${claimId}` : null;
}

/** The answer with the short link under it (when there is a public page to link to). */
export function withShareLink(body: string, linkLine: string | null): string {
  return linkLine ? `${body}\n\n${linkLine}` : body;
}
