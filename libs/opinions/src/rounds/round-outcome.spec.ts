import { describe, expect, it } from '@jest/globals';
import { roundOutcome } from './round-outcome.js';

const q = (outcome: string) => ({ questionId: 'q', position: 1, text: 'Q', agree: 0, disagree: 0, other: 0, notAnswered: 0, outcome, arithmetic: '', comments: [] });

describe('roundOutcome: which written rounds go to the next meeting', () => {
  it.each([
    ['every question adopted', 8, 15, ['adopted', 'adopted'], 'adopted'],
    ['one question rejected with most members answering', 12, 15, ['adopted', 'rejected'], 'failed'],
    ['all rejected', 15, 15, ['rejected'], 'failed'],
    ['half of the members or fewer answered', 7, 15, ['rejected'], 'undecided'],
    ['exactly half answered', 5, 10, ['rejected'], 'undecided'],
    ['a question without a verdict', 12, 15, ['adopted', 'no_quorum'], 'undecided'],
    ['nobody answered', 0, 15, ['rejected'], 'undecided'],
  ])('%s', (_name, respondents, votingRecipients, outcomes, expected) => {
    expect(roundOutcome({ respondents, votingRecipients, questions: outcomes.map(q) })).toBe(expected);
  });

  it('a round adopted on every question is adopted even when few answered (the rule counts all members)', () => {
    expect(roundOutcome({ respondents: 8, votingRecipients: 15, questions: [q('adopted')] })).toBe('adopted');
  });
});
