import { describe, expect, it } from 'vitest';
import { CAPTION_MAX, clarificationUrl, nextCardStep, withShareLink } from '../../src/domain/answer-card.js';
import { decideFeedback, feedbackRate } from '../../src/domain/answer-feedback.js';
import { renderClaimCard } from '../../src/domain/claim-card.js';
import { id as t } from '../../src/domain/messages/id.js';

describe('how an answer travels with its card', () => {
  const short = 'x'.repeat(CAPTION_MAX);
  const long = 'x'.repeat(CAPTION_MAX + 1);

  it('is one captioned card when the whole text fits a caption, else the card first and the text after', () => {
    expect(nextCardStep({ wantsCard: true, cardDone: false, hasCard: true, body: short })).toBe('captioned');
    expect(nextCardStep({ wantsCard: true, cardDone: false, hasCard: true, body: long })).toBe('card-first');
  });

  it('sends the text alone without a card to be had, or once the card part is settled', () => {
    expect(nextCardStep({ wantsCard: true, cardDone: false, hasCard: false, body: short })).toBe('text');
    expect(nextCardStep({ wantsCard: true, cardDone: true, hasCard: true, body: long })).toBe('text');
    expect(nextCardStep({ wantsCard: false, cardDone: false, hasCard: true, body: short })).toBe('text');
  });

  it('links the public page from PUBLIC_URL only, and adds nothing without one', () => {
    expect(clarificationUrl('https://saring.example.go.id/', 12)).toBe('https://saring.example.go.id/klarifikasi/12');
    expect(clarificationUrl(undefined, 12)).toBeNull();
    expect(withShareLink('Jawaban', t.answer.link('https://s.id/klarifikasi/1'))).toBe('Jawaban\n\nBagikan klarifikasi ini: https://s.id/klarifikasi/1');
    expect(withShareLink('Jawaban', null)).toBe('Jawaban');
  });

  it('keeps the short caption of a long answer within the limit', () => {
    expect(t.answer.cardCaption('[HOAKS]', 'https://saring.example.go.id/klarifikasi/123456').length).toBeLessThan(CAPTION_MAX);
  });
});

describe('"did it help?"', () => {
  const base = { helpful: false, recorded: true, current: true, unhelpfulCount: 1, threshold: 3, claimVerified: true };

  it('counts the first tap only', () => {
    expect(decideFeedback({ ...base, recorded: false, unhelpfulCount: 5 })).toEqual({ reply: 'alreadyRated', reopen: false });
  });

  it('re-opens the claim when the threshold of 👎 on the verdict in force is reached, once', () => {
    expect(decideFeedback({ ...base, unhelpfulCount: 2 })).toEqual({ reply: 'thanksUnhelpful', reopen: false });
    expect(decideFeedback({ ...base, unhelpfulCount: 3 })).toEqual({ reply: 'thanksUnhelpful', reopen: true });
    // Already back in review: a fourth 👎 does not re-open it again.
    expect(decideFeedback({ ...base, unhelpfulCount: 4, claimVerified: false })).toEqual({ reply: 'thanksUnhelpful', reopen: false });
  });

  it('never re-opens for 👍, nor for an answer whose verdict was replaced since', () => {
    expect(decideFeedback({ ...base, helpful: true, unhelpfulCount: 9 })).toEqual({ reply: 'thanksHelpful', reopen: false });
    expect(decideFeedback({ ...base, current: false, unhelpfulCount: 9 })).toEqual({ reply: 'outdated', reopen: false });
  });

  it('has a rate only when something was answered', () => {
    expect(feedbackRate(0, 0)).toBeNull();
    expect(feedbackRate(8, 2)).toBe(25);
    expect(feedbackRate(3, 5)).toBe(100);
  });

  it('puts the note on the moderators card of a re-opened claim, with the verdict choices again', () => {
    const card = renderClaimCard({
      claimId: 7,
      text: 'Pajak ayam peliharaan',
      reportCount: 3,
      desaCount: 1,
      score: null,
      signals: [],
      scamCandidate: false,
      similar: [],
      verdict: { verdict: 'hoaks', kind: 'community' },
      feedbackNote: t.feedbackCardNote(3),
    });
    expect(card).toContain('3 warga menilai jawaban ini tidak membantu');
    expect(card).toContain('Pilih hasil pemeriksaan:');
  });
});
