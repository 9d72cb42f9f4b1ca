/**
 * "Did it help?" — what one tap on 👍/👎 under an answer does (pure; feedback.service does the I/O).
 * Only the first tap of a resident on a verdict counts. 👎 from `threshold` different residents on the verdict
 * in force sends the claim back to review, once: a claim already back in review is not re-opened again.
 */
export type FeedbackReply = 'thanksHelpful' | 'thanksUnhelpful' | 'alreadyRated' | 'outdated';

export interface FeedbackInput {
  helpful: boolean;
  /** This tap was stored (false: the resident had rated this answer already). */
  recorded: boolean;
  /** The tapped answer's verdict is still the claim's verdict in force. */
  current: boolean;
  /** 👎 on that verdict from distinct residents, this tap included. */
  unhelpfulCount: number;
  threshold: number;
  /** The claim is verified now (not already back in review). */
  claimVerified: boolean;
}

export function decideFeedback(input: FeedbackInput): { reply: FeedbackReply; reopen: boolean } {
  if (!input.recorded) return { reply: 'alreadyRated', reopen: false };
  if (!input.current) return { reply: 'outdated', reopen: false };
  if (input.helpful) return { reply: 'thanksHelpful', reopen: false };
  return { reply: 'thanksUnhelpful', reopen: input.claimVerified && input.unhelpfulCount >= input.threshold };
}

/** The share of answers that got a tap, as a whole percentage; null when nothing was answered. */
export function feedbackRate(answered: number, rated: number): number | null {
  return answered > 0 ? Math.round((Math.min(rated, answered) / answered) * 100) : null;
}
