import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeetingEntity } from '#meetings';

/** A LiveKit egress (room composite recording) of a meeting; at most one running per meeting. */
@Entity('conference_recordings')
@Index('uq_conference_recordings_running', ['meetingId'], { unique: true, where: '"stopped_at" IS NULL' })
export class ConferenceRecordingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_conference_recordings_meeting' })
  meeting?: MeetingEntity;

  @Index('uq_conference_recordings_egress_id', { unique: true })
  @Column({ name: 'egress_id', type: 'varchar', length: 64 })
  egressId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  filepath: string | null;

  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'stopped_by', type: 'uuid', nullable: true })
  stoppedBy: string | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;
}
