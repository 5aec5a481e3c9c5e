import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeetingEntity } from '#meetings';

/** A check-in kiosk (tablet at the hall door) bound to one meeting and, from its first use, to one device. */
@Entity('kiosk_devices')
export class KioskDeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_kiosk_devices_meeting_id')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_kiosk_devices_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index('uq_kiosk_devices_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64, select: false })
  tokenHash: string;

  /** sha256 of the id the tablet sent on first use: the token then works from that device only. */
  @Column({ name: 'device_hash', type: 'char', length: 64, nullable: true, select: false })
  deviceHash: string | null;

  @Column({ name: 'bound_at', type: 'timestamptz', nullable: true })
  boundAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
