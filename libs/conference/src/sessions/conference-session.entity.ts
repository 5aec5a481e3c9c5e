import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from '#meetings';

export enum SessionSource {
  Webhook = 'webhook',
  Reconcile = 'reconcile',
}

/**
 * One LiveKit connection (participant sid) of someone in a meeting's room: when it joined and left.
 * Webhooks can arrive late, twice or out of order, so both ends are nullable and merged (earliest join, latest leave).
 */
@Entity('conference_sessions')
@Index('ix_conference_sessions_meeting_delegate', ['meetingId', 'delegateId'])
@Check('ck_conference_sessions_left_after_joined', '"joined_at" IS NULL OR "left_at" IS NULL OR "left_at" >= "joined_at"')
export class ConferenceSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_conference_sessions_meeting' })
  meeting?: MeetingEntity;

  @Index('uq_conference_sessions_participant_sid', { unique: true })
  @Column({ name: 'participant_sid', type: 'varchar', length: 64 })
  participantSid: string;

  /** LiveKit identity: a user id, or `hall-<meetingId>` for the room camera. */
  @Column({ type: 'varchar', length: 128 })
  identity: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'delegate_id', type: 'uuid', nullable: true })
  delegateId: string | null;

  @ManyToOne(() => DelegateEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_conference_sessions_delegate' })
  delegate?: DelegateEntity;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt: Date | null;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @Index('uq_conference_sessions_join_event', { unique: true, where: '"join_event_id" IS NOT NULL' })
  @Column({ name: 'join_event_id', type: 'varchar', length: 64, nullable: true })
  joinEventId: string | null;

  @Index('uq_conference_sessions_leave_event', { unique: true, where: '"leave_event_id" IS NOT NULL' })
  @Column({ name: 'leave_event_id', type: 'varchar', length: 64, nullable: true })
  leaveEventId: string | null;

  /** Who set left_at: a webhook is exact, the reconcile job only knows "gone by now". */
  @Column({ name: 'left_source', type: 'enum', enum: SessionSource, enumName: 'conference_session_source', nullable: true })
  leftSource: SessionSource | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
