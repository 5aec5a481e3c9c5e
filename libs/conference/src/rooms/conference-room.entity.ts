import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { MeetingEntity } from '#meetings';

/** The LiveKit room of a meeting, as this system created it; closedAt set once it was deleted. */
@Entity('conference_rooms')
export class ConferenceRoomEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @OneToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_conference_rooms_meeting' })
  meeting?: MeetingEntity;

  @Index('uq_conference_rooms_room_name', { unique: true })
  @Column({ name: 'room_name', type: 'varchar', length: 100 })
  roomName: string;

  /** LiveKit's room sid, when its API answered one. */
  @Column({ name: 'room_sid', type: 'varchar', length: 64, nullable: true })
  roomSid: string | null;

  @Column({ name: 'max_participants', type: 'int' })
  maxParticipants: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
