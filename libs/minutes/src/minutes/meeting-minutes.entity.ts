import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { MeetingEntity } from '#meetings';

export enum MinutesStatus {
  Draft = 'draft',
  Locked = 'locked',
}

export interface MinutesSection {
  heading: string;
  /** Plain text; one paragraph per line. */
  body: string;
}

/** The editable content of the minutes; the lock hash covers exactly this (canonical JSON) and the meeting id. */
export interface MinutesContent {
  /** The issuing body, printed in the national heading. */
  issuer: string;
  title: string;
  subtitle: string;
  sections: MinutesSection[];
}

/** The minutes (biên bản) of one meeting: generated from the data, edited by the secretary, then locked with a hash. */
@Entity('meeting_minutes')
@Check('ck_meeting_minutes_lock', `(status = 'locked') = (sha256 IS NOT NULL AND locked_at IS NOT NULL)`)
@Check('ck_meeting_minutes_sha256', `sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'`)
export class MeetingMinutesEntity extends BaseEntity {
  @Index('uq_meeting_minutes_meeting', { unique: true })
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_minutes_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'jsonb' })
  content: MinutesContent;

  @Column({ type: 'enum', enum: MinutesStatus, enumName: 'minutes_status', default: MinutesStatus.Draft })
  status: MinutesStatus;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt: Date;

  @Column({ name: 'generated_by', type: 'uuid', nullable: true })
  generatedBy: string | null;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'edited_by', type: 'uuid', nullable: true })
  editedBy: string | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'locked_by', type: 'uuid', nullable: true })
  lockedBy: string | null;

  /** SHA-256 (hex) of minutesCanonical(meetingId, content), set at lock. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;
}
