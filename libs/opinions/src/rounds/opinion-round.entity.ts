import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BodyEntity } from '#delegates';
import type { RoundSummary } from './round-summary.js';

export enum RoundStatus {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
}

/** A written opinion round (phiếu lấy ý kiến thành viên): members answer questions by a deadline, without a meeting. */
@Entity('opinion_rounds')
@Index('ix_opinion_rounds_status_deadline', ['status', 'deadline'])
export class OpinionRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_opinion_rounds_body' })
  body?: BodyEntity;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: RoundStatus, enumName: 'opinion_round_status', default: RoundStatus.Draft })
  status: RoundStatus;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  /** Remind members who have not answered this many hours before the deadline. */
  @Column({ name: 'remind_hours_before', type: 'int', default: 24 })
  remindHoursBefore: number;

  @Column({ name: 'reminders_sent_at', type: 'timestamptz', nullable: true })
  remindersSentAt: Date | null;

  /** Majority rule for each question, the same rule language as polls. */
  @Column({ type: 'jsonb' })
  rule: Record<string, unknown>;

  @Column({ name: 'members_count', type: 'int', nullable: true })
  membersCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  summary: RoundSummary | null;

  /** A round that failed or was not decided, or a decided one to report, taken onto a meeting's agenda. */
  @Column({ name: 'carried_meeting_id', type: 'uuid', nullable: true })
  carriedMeetingId: string | null;

  @Column({ name: 'carried_agenda_item_id', type: 'uuid', nullable: true })
  carriedAgendaItemId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
