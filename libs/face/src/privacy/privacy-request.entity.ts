import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';

export enum PrivacyRequestKind {
  /** Everything held about the person (done at once). */
  Export = 'export',
  /** Delete biometric data (done at once). */
  BiometricErasure = 'biometric_erasure',
  /** Handled by the admin within the legal deadline. */
  Correction = 'correction',
  Restriction = 'restriction',
  Objection = 'objection',
  ProfileErasure = 'profile_erasure',
}

export enum PrivacyRequestStatus {
  Pending = 'pending',
  Done = 'done',
  Rejected = 'rejected',
}

/** A data subject request and what became of it (Law 91/2025/QH15 Art. 4; Decree 356/2025/ND-CP deadlines). */
@Entity('privacy_requests')
@Index('ix_privacy_requests_status_due', ['status', 'dueAt'])
export class PrivacyRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_privacy_requests_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_privacy_requests_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'enum', enum: PrivacyRequestKind, enumName: 'privacy_request_kind' })
  kind: PrivacyRequestKind;

  @Column({ type: 'enum', enum: PrivacyRequestStatus, enumName: 'privacy_request_status' })
  status: PrivacyRequestStatus;

  /** What the person asks for, in their words (not for export/erasure). */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  details: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  /** Answer due (acknowledge, say how it will be handled). */
  @Column({ name: 'response_due_at', type: 'timestamptz' })
  responseDueAt: Date;

  /** Request carried out at the latest. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcome: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
