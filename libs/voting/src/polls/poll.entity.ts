import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { AgendaItemEntity, MeetingEntity } from '#meetings';
import type { MajorityRule } from '../rules/rule-spec.js';
import { BallotMode, PollKind, PollStatus } from './poll.enums.js';

/**
 * A vote on a motion, a choice or an election within a meeting. Counts that decide the result (members, present,
 * eligible) are frozen when the poll opens, so late arrivals or departures never change an open poll's base.
 */
@Entity('polls')
@Index('ix_polls_meeting_status', ['meetingId', 'status'])
@Check('ck_polls_max_choices', '"max_choices" >= 1')
@Check('ck_polls_motion_single', `"kind" <> 'motion' OR "max_choices" = 1`)
@Check('ck_polls_election_seats', `("kind" = 'election') = ("seats" IS NOT NULL) AND ("seats" IS NULL OR "seats" >= 1)`)
@Check('ck_polls_countdown', '"countdown_seconds" IS NULL OR "countdown_seconds" BETWEEN 5 AND 86400')
@Check('ck_polls_counts', '"members_count" >= 0 AND "present_count" >= 0 AND "eligible_count" >= 0 AND "present_count" <= "members_count"')
@Check('ck_polls_opened', `"status" = 'draft' OR ("opened_at" IS NOT NULL AND "members_count" IS NOT NULL AND "present_count" IS NOT NULL AND "eligible_count" IS NOT NULL)`)
@Check('ck_polls_closed', `"status" NOT IN ('closed', 'published') OR "closed_at" IS NOT NULL`)
@Check('ck_polls_published', `"status" <> 'published' OR ("published_at" IS NOT NULL AND "result" IS NOT NULL)`)
@Check('ck_polls_live_tallies_named', `NOT "live_tallies" OR "ballot_mode" = 'named'`)
@Check('ck_polls_rule_object', `jsonb_typeof("rule") = 'object'`)
@Check('ck_polls_override', `("override_basis" IS NULL) = ("override_by" IS NULL)`)
// Resolution 96/2023/QH15: confidence ratings and no-confidence votes are secret ballots
@Check('ck_polls_confidence_secret', `"kind"::text NOT IN ('confidence', 'no_confidence') OR "ballot_mode" = 'secret'`)
export class PollEntity extends BaseEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  /** A meeting that has held votes keeps them: deleting it is refused. */
  @ManyToOne(() => MeetingEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_polls_meeting' })
  meeting?: MeetingEntity;

  @Index('ix_polls_agenda_item_id')
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'fk_polls_agenda_item' })
  agendaItem?: AgendaItemEntity | null;

  @Column({ type: 'enum', enum: PollKind, enumName: 'poll_kind' })
  kind: PollKind;

  @Column({ name: 'ballot_mode', type: 'enum', enum: BallotMode, enumName: 'ballot_mode' })
  ballotMode: BallotMode;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'enum', enum: PollStatus, enumName: 'poll_status', default: PollStatus.Draft })
  status: PollStatus;

  /** The normalised rule (parseRule output); see libs/voting/src/rules/rule-spec.ts. */
  @Column({ type: 'jsonb' })
  rule: MajorityRule;

  /** The profile's decision type (#legal) whose rule the poll applies; null on polls from before profiles. */
  @Column({ name: 'decision_type', type: 'varchar', length: 60, nullable: true })
  decisionType: string | null;

  /** The document and article the rule comes from, copied at creation, printed on screens and in the minutes. */
  @Column({ name: 'legal_basis', type: 'varchar', length: 1000, nullable: true })
  legalBasis: string | null;

  /** An administrator's override of the profile rule: the legal basis given (document and article). */
  @Column({ name: 'override_basis', type: 'varchar', length: 1000, nullable: true })
  overrideBasis: string | null;

  @Column({ name: 'override_by', type: 'uuid', nullable: true })
  overrideBy: string | null;

  /** Whether a voter may change their ballot while the poll is open. */
  @Column({ name: 'allow_change', type: 'boolean', default: false })
  allowChange: boolean;

  /** Named polls only: staff see running tallies while the poll is open. Secret polls never show partial tallies. */
  @Column({ name: 'live_tallies', type: 'boolean', default: false })
  liveTallies: boolean;

  /** Options a ballot may mark (and, for choice polls, how many can win); 1 for motions. */
  @Column({ name: 'max_choices', type: 'int', default: 1 })
  maxChoices: number;

  /** Seats to fill; elections only. */
  @Column({ type: 'int', nullable: true })
  seats: number | null;

  @Column({ name: 'countdown_seconds', type: 'int', nullable: true })
  countdownSeconds: number | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  /** opened_at + countdown; the scheduler closes the poll then. */
  @Index('ix_polls_closes_at')
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Members of the body with a voting right, frozen at open (the `members` base). */
  @Column({ name: 'members_count', type: 'int', nullable: true })
  membersCount: number | null;

  /** Of them, present or represented at open (quorum and the `present` base). */
  @Column({ name: 'present_count', type: 'int', nullable: true })
  presentCount: number | null;

  /** Who may cast a ballot, frozen at open (present voting members, plus proxies). */
  @Column({ name: 'eligible_count', type: 'int', nullable: true })
  eligibleCount: number | null;

  /** User who created the poll. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Counts and the evaluateMotion / evaluateChoice / evaluateElection result, written at close. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;
}
