import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeetingEntity } from '#meetings';

/**
 * Someone the chair or secretary removed from a meeting's online room: no new token, and a join with a token issued
 * before is removed again, until they are readmitted (readmitted_at). One open removal per identity and meeting.
 */
@Entity('conference_removals')
@Index('uq_conference_removals_open', ['meetingId', 'identity'], { unique: true, where: '"readmitted_at" IS NULL' })
export class ConferenceRemovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_conference_removals_meeting' })
  meeting?: MeetingEntity;

  /** LiveKit identity: a user id, or hall-<meetingId>. */
  @Column({ type: 'varchar', length: 128 })
  identity: string;

  /** The name shown in the room when removed, for the moderator's list. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'removed_by', type: 'uuid', nullable: true })
  removedBy: string | null;

  @CreateDateColumn({ name: 'removed_at', type: 'timestamptz' })
  removedAt: Date;

  @Column({ name: 'readmitted_by', type: 'uuid', nullable: true })
  readmittedBy: string | null;

  @Column({ name: 'readmitted_at', type: 'timestamptz', nullable: true })
  readmittedAt: Date | null;
}
