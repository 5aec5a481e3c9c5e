import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { MeetingEntity } from './meeting.entity.js';

@Entity('agenda_items')
// one item per position; a reorder moves items out of the way first (reorder-agenda.use-case.ts)
@Index('uq_agenda_items_meeting_position', ['meetingId', 'position'], { unique: true })
@Check('ck_agenda_items_position', '"position" > 0')
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
