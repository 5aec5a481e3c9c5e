import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingEntity } from './meeting.entity.js';

/** An electronic document replacing paper; content lives in the database so every instance can serve it. */
@Entity('meeting_documents')
@Check('ck_meeting_documents_size', '"size_bytes" > 0')
@Check('ck_meeting_documents_sha256', 'char_length("sha256") = 64')
export class MeetingDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_meeting_documents_meeting_id')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_documents_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'fk_meeting_documents_agenda_item' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
