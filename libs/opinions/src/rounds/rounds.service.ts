import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import type { RoundNotAnswered } from '#contracts';
import { Clock, DomainError, ErrorCode, STAFF_ROLES, type AuthUser } from '#core';
import { BodyEntity, BodyMemberEntity } from '#delegates';
import { OpinionsErrorCode } from '../opinions.errors.js';
import { OpinionsNotifier } from '../opinions.notifier.js';
import { evaluateMotion, ruleFromJson, type MajorityRule } from '#voting';
import { ProposalResult, RoundProposalEntity } from '../proposals/round-proposal.entity.js';
import { roundOutcome } from './round-outcome.js';
import { summarizeRound, type RoundEvaluator, type RoundSummary } from './round-summary.js';
import { RoundAnswerEntity, type RoundAnswerChoice } from './round-answer.entity.js';
import { OpinionRoundEntity, RoundStatus } from './opinion-round.entity.js';
import { RoundQuestionEntity } from './round-question.entity.js';
import { RoundRecipientEntity } from './round-recipient.entity.js';
import type { AnswerRoundDto, CreateRoundDto } from './rounds.dto.js';

/** A written round passes when more than half of ALL members with a voting right agree; no quorum, a tie fails. */
export const DEFAULT_ROUND_RULE: MajorityRule = { base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, quorum: null, tie: 'fails' };

/** The poll rule engine applied to one question: agree = for, disagree = against, other = abstain. */
const evaluateQuestion: RoundEvaluator = ({ rule, members, respondents, counts }) => {
  const result = evaluateMotion({ members, present: respondents, counts, chairVote: null, rule: ruleFromJson(rule) });
  return { outcome: result.outcome, arithmetic: result.arithmetic };
};

export interface RoundView {
  id: string;
  bodyId: string;
  title: string;
  description: string | null;
  status: RoundStatus;
  deadline: Date;
  questions: { id: string; position: number; text: string }[];
  recipients: number;
  answered: number;
  myAnswers?: { questionId: string; choice: `${RoundAnswerChoice}`; comment: string | null }[];
  summary: RoundSummary | null;
}

/** Written opinion rounds: create, send (open), answer until the deadline, remind, close with a summary. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OpinionRoundEntity) private readonly rounds: Repository<OpinionRoundEntity>,
    @InjectRepository(RoundQuestionEntity) private readonly questions: Repository<RoundQuestionEntity>,
    @InjectRepository(RoundRecipientEntity) private readonly recipients: Repository<RoundRecipientEntity>,
    @InjectRepository(RoundAnswerEntity) private readonly answers: Repository<RoundAnswerEntity>,
    private readonly notifier: OpinionsNotifier,
    private readonly clock: Clock,
  ) {}

  private now(): Date {
    return this.clock.now();
  }

  async create(user: AuthUser, dto: CreateRoundDto): Promise<RoundView> {
    const deadline = new Date(dto.deadline);
    if (deadline.getTime() <= this.now().getTime()) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'deadline must be in the future', [{ field: 'deadline', reasons: ['must be in the future'] }]);
    }
    const id = await this.dataSource.transaction(async (em) => {
      if (!(await em.exists(BodyEntity, { where: { id: dto.bodyId } }))) throw DomainError.notFound('Body', dto.bodyId);
      const round = await em.save(
        em.create(OpinionRoundEntity, {
          bodyId: dto.bodyId,
          title: dto.title.normalize('NFC').trim(),
          description: dto.description?.normalize('NFC') ?? null,
          deadline,
          remindHoursBefore: dto.remindHoursBefore ?? 24,
          rule: { ...(dto.rule ? ruleFromJson(dto.rule) : DEFAULT_ROUND_RULE) },
          status: RoundStatus.Draft,
          createdBy: user.id,
        }),
      );
      await em.insert(
        RoundQuestionEntity,
        dto.questions.map((text, i) => ({ roundId: round.id, position: i + 1, text: text.normalize('NFC').trim() })),
      );
      return round.id;
    });
    return this.get(user, id);
  }

  /** Sends the round to the body's current active members; the recipient list is frozen from here on. */
  async open(user: AuthUser, roundId: string): Promise<RoundView> {
    await this.dataSource.transaction(async (em) => {
      const round = await this.lockRound(em, roundId);
      if (round.status !== RoundStatus.Draft) throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `The round is ${round.status}; only a draft can be sent`);
      if (round.deadline.getTime() <= this.now().getTime()) throw new DomainError(OpinionsErrorCode.DEADLINE_PASSED, 'The deadline has already passed');
      const members = await em
        .createQueryBuilder(BodyMemberEntity, 'm')
        .innerJoinAndSelect('m.delegate', 'd')
        .where('m.bodyId = :bodyId AND d.active = true', { bodyId: round.bodyId })
        .getMany();
      if (members.length === 0) throw new DomainError(ErrorCode.CONFLICT, 'The body has no active members to send the round to');
      await em.insert(
        RoundRecipientEntity,
        members.map((m) => ({ roundId, delegateId: m.delegateId, canVote: m.delegate?.hasVotingRight ?? true, remindedAt: null })),
      );
      await em.update(OpinionRoundEntity, { id: roundId }, { status: RoundStatus.Open, openedAt: this.now(), membersCount: members.length });
    });
    const view = await this.get(user, roundId);
    for (const r of await this.recipients.find({ where: { roundId } })) {
      this.notifier.toDelegate(r.delegateId, 'round:opened', { roundId, title: view.title, deadline: view.deadline });
    }
    return view;
  }

  async answer(user: AuthUser, roundId: string, dto: AnswerRoundDto): Promise<RoundView> {
    if (!user.delegateId) throw new DomainError(OpinionsErrorCode.NOT_A_DELEGATE, 'Only a delegate account can answer');
    const delegateId = user.delegateId;
    await this.dataSource.transaction(async (em) => {
      // a shared lock: answers run in parallel, but never interleave with closing
      const round = await em.findOne(OpinionRoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_read' } });
      if (!round) throw DomainError.notFound('Opinion round', roundId);
      if (round.status === RoundStatus.Closed) throw new DomainError(OpinionsErrorCode.ROUND_CLOSED, 'The round is closed; answers are no longer accepted');
      if (round.status !== RoundStatus.Open) throw new DomainError(OpinionsErrorCode.ROUND_NOT_OPEN, 'The round has not been sent yet');
      if (round.deadline.getTime() <= this.now().getTime()) {
        throw new DomainError(OpinionsErrorCode.DEADLINE_PASSED, `The deadline (${round.deadline.toISOString()}) has passed; late answers are refused`);
      }
      if (!(await em.exists(RoundRecipientEntity, { where: { roundId, delegateId } }))) {
        throw new DomainError(OpinionsErrorCode.NOT_RECIPIENT, 'This round was not sent to you');
      }
      const questionIds = new Set((await em.find(RoundQuestionEntity, { where: { roundId } })).map((q) => q.id));
      const seen = new Set<string>();
      for (const a of dto.answers) {
        if (!questionIds.has(a.questionId)) {
          throw new DomainError(ErrorCode.VALIDATION_FAILED, `Question ${a.questionId} is not part of this round`, [{ field: 'answers.questionId', reasons: ['not in this round'] }]);
        }
        if (seen.has(a.questionId)) throw new DomainError(ErrorCode.VALIDATION_FAILED, `Question ${a.questionId} is answered twice`);
        seen.add(a.questionId);
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(RoundAnswerEntity)
        .values(dto.answers.map((a) => ({ roundId, questionId: a.questionId, delegateId, choice: a.choice, comment: a.comment?.normalize('NFC') ?? null })))
        .orUpdate(['choice', 'comment', 'answered_at'], ['question_id', 'delegate_id'])
        .execute();
    });
    return this.get(user, roundId);
  }

  /** Closes the round (manually or at the deadline) and stores its summary; closing twice is a no-op. */
  async close(roundId: string): Promise<RoundSummary | null> {
    const summary = await this.dataSource.transaction(async (em) => {
      const round = await this.lockRound(em, roundId);
      if (round.status === RoundStatus.Closed) return null;
      if (round.status !== RoundStatus.Open) throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, 'Only a sent round can be closed');
      const result = await this.computeSummary(em, round);
      await em.update(OpinionRoundEntity, { id: roundId }, { status: RoundStatus.Closed, closedAt: this.now(), summary: result });
      // Decree 314/2025/ND-CP (model UBND working regulation, written opinions of members; article to verify): a round not adopted goes to the next meeting
      const outcome = roundOutcome(result);
      if (outcome !== 'adopted') {
        await em.insert(RoundProposalEntity, { roundId, bodyId: round.bodyId, result: outcome === 'failed' ? ProposalResult.Failed : ProposalResult.Undecided });
      }
      return result;
    });
    if (summary) {
      for (const r of await this.recipients.find({ where: { roundId } })) this.notifier.toDelegate(r.delegateId, 'round:closed', { roundId, summary });
    }
    return summary;
  }

  /** Reminds every recipient who has not answered all questions; returns how many were reminded. */
  async remind(roundId: string): Promise<{ reminded: number }> {
    const round = await this.rounds.findOne({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('Opinion round', roundId);
    if (round.status !== RoundStatus.Open) throw new DomainError(OpinionsErrorCode.ROUND_NOT_OPEN, 'Only an open round can be reminded');
    const pending = await this.pendingRecipients(roundId);
    const at = this.now();
    for (const delegateId of pending) {
      this.notifier.toDelegate(delegateId, 'round:reminder', { roundId, title: round.title, deadline: round.deadline });
    }
    if (pending.length > 0) await this.recipients.update({ roundId, delegateId: In(pending) }, { remindedAt: at });
    await this.rounds.update({ id: roundId }, { remindersSentAt: at });
    return { reminded: pending.length };
  }

  /** Who has not answered yet, for the staff's confirmation before closing a round early. */
  async notAnswered(roundId: string): Promise<RoundNotAnswered> {
    if (!(await this.rounds.exists({ where: { id: roundId } }))) throw DomainError.notFound('Opinion round', roundId);
    const pending = await this.pendingRecipients(roundId);
    if (pending.length === 0) return { count: 0, names: [] };
    const rows = await this.dataSource.query<{ full_name: string }[]>(`SELECT full_name FROM delegates WHERE id = ANY($1::uuid[])`, [pending]);
    const names = rows.map((r) => r.full_name).sort(new Intl.Collator('vi').compare);
    return { count: names.length, names };
  }

  /** One scheduler pass: send due reminders, close rounds whose deadline passed. */
  async tick(): Promise<{ closed: number; reminded: number }> {
    const now = this.now();
    let closed = 0;
    let reminded = 0;
    const open = await this.rounds.find({ where: { status: RoundStatus.Open } });
    for (const round of open) {
      if (round.deadline.getTime() <= now.getTime()) {
        if (await this.close(round.id)) closed++;
      } else if (!round.remindersSentAt && round.deadline.getTime() - round.remindHoursBefore * 3600_000 <= now.getTime()) {
        reminded += (await this.remind(round.id)).reminded;
      }
    }
    return { closed, reminded };
  }

  async list(user: AuthUser): Promise<RoundView[]> {
    const staff = STAFF_ROLES.includes(user.role);
    let ids: string[];
    if (staff) ids = (await this.rounds.find({ select: { id: true }, order: { deadline: 'DESC' } })).map((r) => r.id);
    else if (user.delegateId) ids = (await this.recipients.find({ where: { delegateId: user.delegateId } })).map((r) => r.roundId);
    else ids = [];
    return Promise.all(ids.map((id) => this.get(user, id)));
  }

  async get(user: AuthUser, roundId: string): Promise<RoundView> {
    const round = await this.rounds.findOne({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('Opinion round', roundId);
    const staff = STAFF_ROLES.includes(user.role);
    const isRecipient = !!user.delegateId && (await this.recipients.exists({ where: { roundId, delegateId: user.delegateId } }));
    if (!staff && !isRecipient) throw DomainError.notFound('Opinion round', roundId);
    const questions = await this.questions.find({ where: { roundId }, order: { position: 'ASC' } });
    const recipients = await this.recipients.count({ where: { roundId } });
    const answered = recipients - (await this.pendingRecipients(roundId)).length;
    const view: RoundView = {
      id: round.id,
      bodyId: round.bodyId,
      title: round.title,
      description: round.description,
      status: round.status,
      deadline: round.deadline,
      questions: questions.map((q) => ({ id: q.id, position: q.position, text: q.text })),
      recipients,
      answered: round.status === RoundStatus.Draft ? 0 : answered,
      summary: round.summary,
    };
    if (user.delegateId && isRecipient) {
      const mine = await this.answers.find({ where: { roundId, delegateId: user.delegateId } });
      view.myAnswers = mine.map((a) => ({ questionId: a.questionId, choice: a.choice, comment: a.comment }));
    }
    return view;
  }

  private async pendingRecipients(roundId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ delegate_id: string }[]>(
      `SELECT r.delegate_id FROM opinion_round_recipients r
        WHERE r.round_id = $1
          AND (SELECT count(*) FROM opinion_round_answers a WHERE a.round_id = r.round_id AND a.delegate_id = r.delegate_id)
            < (SELECT count(*) FROM opinion_round_questions q WHERE q.round_id = r.round_id)`,
      [roundId],
    );
    return rows.map((r) => r.delegate_id);
  }

  private async lockRound(em: EntityManager, roundId: string): Promise<OpinionRoundEntity> {
    const round = await em.findOne(OpinionRoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw DomainError.notFound('Opinion round', roundId);
    return round;
  }

  private async computeSummary(em: EntityManager, round: OpinionRoundEntity): Promise<RoundSummary> {
    const questions = await em.find(RoundQuestionEntity, { where: { roundId: round.id }, order: { position: 'ASC' } });
    const recipients = await em.find(RoundRecipientEntity, { where: { roundId: round.id } });
    const answers = await em.find(RoundAnswerEntity, { where: { roundId: round.id } });
    return summarizeRound({ rule: round.rule, questions, recipients, answers, evaluate: evaluateQuestion });
  }
}
