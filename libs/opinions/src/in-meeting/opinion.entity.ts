import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { AgendaItemEntity, MeetingEntity } from '#meetings';

export enum OpinionStatus {
  Submitted = 'submitted',
  Addressed = 'addressed',
}

/** A written opinion a delegate gives on an agenda item during a meeting. */
@Entity('opinions')
@Index('ix_opinions_meeting_created', ['meetingId', 'createdAt'])
export class OpinionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_opinions_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'fk_opinions_agenda_item' })
  agendaItem?: AgendaItemEntity;

  @Index('ix_opinions_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_opinions_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'enum', enum: OpinionStatus, enumName: 'opinion_status', default: OpinionStatus.Submitted })
  status: OpinionStatus;

  @Column({ name: 'addressed_by', type: 'uuid', nullable: true })
  addressedBy: string | null;

  @Column({ name: 'addressed_at', type: 'timestamptz', nullable: true })
  addressedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
