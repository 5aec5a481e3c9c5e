import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from '#meetings';

export enum SpeakerRequestStatus {
  Waiting = 'waiting',
  Speaking = 'speaking',
  Done = 'done',
  Withdrawn = 'withdrawn',
}

/** A raised hand; the chair orders the queue and grants the floor. */
@Entity('speaker_requests')
@Index('ix_speaker_requests_meeting_status', ['meetingId', 'status'])
// one open hand per delegate per meeting; the database enforces it against double taps
@Index('uq_speaker_requests_open', ['meetingId', 'delegateId'], { unique: true, where: `"status" IN ('waiting', 'speaking')` })
export class SpeakerRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_speaker_requests_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_speaker_requests_delegate' })
  delegate?: DelegateEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ type: 'enum', enum: SpeakerRequestStatus, enumName: 'speaker_request_status', default: SpeakerRequestStatus.Waiting })
  status: SpeakerRequestStatus;

  /** Queue order; the chair may reorder. Lower speaks first. */
  @Column({ name: 'queue_position', type: 'int' })
  queuePosition: number;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz', nullable: true })
  grantedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;
}
