import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '#core';
import { DelegateEntity } from '#delegates';

/** Why a consent stopped authorising check-in. */
export enum ConsentEndReason {
  Withdrawn = 'withdrawn',
  /** Replaced by a consent to a newer notice. */
  Superseded = 'superseded',
  /** Deactivated, left every body, or idle past FACE_RETENTION_DAYS. */
  Retention = 'retention',
  /** Older notice, no re-consent within FACE_NOTICE_GRACE_DAYS. */
  NoticeExpired = 'notice_expired',
  /** The person asked for their biometric data to be erased. */
  Erasure = 'erasure',
}

/** What the person was told, stored with the consent (Law 91/2025/QH15 Art. 9). */
export interface ConsentEvidence {
  sensitiveStatement: string;
  rights: string;
  withdrawal: string;
  contact: string;
}

export interface ConsentPurpose {
  bodyId: string;
  bodyName: string;
}

export enum ConsentMethod {
  /** The delegate agreed themself (signed in). */
  Self = 'self',
  /** An admin recorded a signed paper form on the delegate's behalf. */
  Paper = 'paper',
}

/**
 * Opt-in consent to biometric check-in, one row per grant. A withdrawn row stays as the record of what was agreed
 * and when; at most one row per delegate is active (partial unique index).
 */
@Entity('face_consents')
@Index('uq_face_consents_active', ['delegateId'], { unique: true, where: '"withdrawn_at" IS NULL' })
@Check('ck_face_consents_paper_reference', `("method" = 'paper') = ("paper_reference" IS NOT NULL)`)
export class FaceConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_face_consents_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_face_consents_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'enum', enum: ConsentMethod, enumName: 'face_consent_method' })
  method: ConsentMethod;

  /** Number of the signed paper form (method paper only). */
  @Column({ name: 'paper_reference', type: 'varchar', length: 100, nullable: true })
  paperReference: string | null;

  /** Version of the notice text the delegate was shown, e.g. 2026-11. */
  @Column({ name: 'notice_version', type: 'varchar', length: 32 })
  noticeVersion: string;

  /** SHA-256 of the notice text of that version (face_notices); null for consents recorded before it was kept. */
  @Column({ name: 'notice_sha256', type: 'char', length: 64, nullable: true })
  noticeSha256: string | null;

  /** Check-in at meetings of these bodies (the delegate's bodies when they agreed). */
  @Column({ type: 'jsonb', nullable: true })
  purposes: ConsentPurpose[] | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  controller: string | null;

  @Column({ type: 'jsonb', nullable: true })
  evidence: ConsentEvidence | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 20, nullable: true })
  endReason: ConsentEndReason | null;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_face_consents_recorded_by' })
  recorder?: UserEntity;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'withdrawn_by', foreignKeyConstraintName: 'fk_face_consents_withdrawn_by' })
  withdrawer?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
