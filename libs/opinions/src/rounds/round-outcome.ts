import type { RoundSummary } from './round-summary.js';

/** What a closed written round decided: every question adopted, or it goes to the body's next meeting. */
export type RoundOutcome = 'adopted' | 'failed' | 'undecided';

/**
 * A round is adopted when every question is; undecided when half of the voting members or fewer answered (there is
 * no majority of opinions to read) or a question has no verdict; failed otherwise. A failed or undecided round is
 * brought to the body's next meeting (Decree 314/2025/ND-CP, model working regulation of People's Committees, on
 * written opinions of members: the result is reported at the next meeting; article to verify).
 */
export function roundOutcome(summary: Pick<RoundSummary, 'respondents' | 'votingRecipients' | 'questions'>): RoundOutcome {
  if (summary.questions.length > 0 && summary.questions.every((q) => q.outcome === 'adopted')) return 'adopted';
  if (summary.respondents * 2 <= summary.votingRecipients) return 'undecided';
  if (summary.questions.some((q) => q.outcome !== 'adopted' && q.outcome !== 'rejected')) return 'undecided';
  return 'failed';
}
