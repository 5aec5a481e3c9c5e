import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from '#meetings';

export enum AttendanceStatus {
  Present = 'present',
  /** Checked out or left before the end. */
  Left = 'left',
  /** Absent with a reason the secretary recorded. */
  Excused = 'excused',
}

export enum CheckInMethod {
  Face = 'face',
  Manual = 'manual',
  Qr = 'qr',
  Online = 'online',
}

/** One row per delegate per meeting: check-in is idempotent by this unique key. */
@Entity('attendance_records')
@Index('uq_attendance_meeting_delegate', ['meetingId', 'delegateId'], { unique: true })
export class AttendanceRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_attendance_meeting' })
  meeting?: MeetingEntity;

  @Index('ix_attendance_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_attendance_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'enum', enum: AttendanceStatus, enumName: 'attendance_status' })
  status: AttendanceStatus;

  /** How presence was established; null for an excused absence. */
  @Column({ type: 'enum', enum: CheckInMethod, enumName: 'checkin_method', nullable: true })
  method: CheckInMethod | null;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_out_at', type: 'timestamptz', nullable: true })
  checkedOutAt: Date | null;

  @Column({ name: 'absence_reason', type: 'varchar', length: 500, nullable: true })
  absenceReason: string | null;

  /** Face match distance and detection score, kept to audit automatic check-ins. */
  @Column({ type: 'real', nullable: true })
  distance: number | null;

  @Column({ type: 'real', nullable: true })
  score: number | null;

  @Column({ name: 'kiosk_id', type: 'uuid', nullable: true })
  kioskId: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
