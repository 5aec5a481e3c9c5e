import { RoundAnswerChoice } from './round-answer.entity.js';

export interface QuestionResult {
  questionId: string;
  position: number;
  text: string;
  agree: number;
  disagree: number;
  other: number;
  notAnswered: number;
  outcome: string;
  arithmetic: string;
  comments: { delegateId: string; choice: string; comment: string }[];
}

export interface RoundSummary {
  recipients: number;
  votingRecipients: number;
  respondents: number;
  questions: QuestionResult[];
}

export type RoundEvaluator = (input: {
  rule: Record<string, unknown>;
  members: number;
  /** Members with a voting right who answered anything: the "present" of a written round. */
  respondents: number;
  counts: { for: number; against: number; abstain: number };
}) => { outcome: string; arithmetic: string };

interface Inputs {
  rule: Record<string, unknown>;
  questions: { id: string; position: number; text: string }[];
  recipients: { delegateId: string; canVote: boolean }[];
  answers: { questionId: string; delegateId: string; choice: RoundAnswerChoice; comment: string | null }[];
  evaluate: RoundEvaluator;
}

/** Counts each question's answers (only members with voting right count toward the result) and applies the rule. */
export function summarizeRound({ rule, questions, recipients, answers, evaluate }: Inputs): RoundSummary {
  const voters = new Set(recipients.filter((r) => r.canVote).map((r) => r.delegateId));
  const respondents = new Set(answers.map((a) => a.delegateId));
  const votingRespondents = [...respondents].filter((d) => voters.has(d)).length;
  return {
    recipients: recipients.length,
    votingRecipients: voters.size,
    respondents: respondents.size,
    questions: questions.map((q) => {
      const mine = answers.filter((a) => a.questionId === q.id);
      const counted = mine.filter((a) => voters.has(a.delegateId));
      const count = (c: RoundAnswerChoice): number => counted.filter((a) => a.choice === c).length;
      const agree = count(RoundAnswerChoice.Agree);
      const disagree = count(RoundAnswerChoice.Disagree);
      const other = count(RoundAnswerChoice.Other);
      const verdict = evaluate({ rule, members: voters.size, respondents: votingRespondents, counts: { for: agree, against: disagree, abstain: other } });
      return {
        questionId: q.id,
        position: q.position,
        text: q.text,
        agree,
        disagree,
        other,
        notAnswered: voters.size - counted.length,
        outcome: verdict.outcome,
        arithmetic: verdict.arithmetic,
        comments: mine.filter((a) => a.comment).map((a) => ({ delegateId: a.delegateId, choice: a.choice, comment: a.comment ?? '' })),
      };
    }),
  };
}
