import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { AgendaItemEntity, MeetingEntity } from '#meetings';

/** A conclusion of the meeting (kết luận), optionally about one agenda item; tasks hang off it. */
@Entity('conclusions')
@Index('uq_conclusions_meeting_position', ['meetingId', 'position'], { unique: true })
@Check('ck_conclusions_position', '"position" > 0')
export class ConclusionEntity extends BaseEntity {
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_conclusions_meeting' })
  meeting?: MeetingEntity;

  @Index('ix_conclusions_agenda_item_id')
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  // an agenda item removed later leaves its conclusions standing as general ones
  @ManyToOne(() => AgendaItemEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'fk_conclusions_agenda_item' })
  agendaItem?: AgendaItemEntity | null;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
