import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { MeetingEntity } from './meeting.entity.js';

@Entity('agenda_items')
@Index('ix_agenda_items_meeting_position', ['meetingId', 'position'])
export class AgendaItemEntity extends BaseEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_agenda_items_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  presenter: string | null;
}
