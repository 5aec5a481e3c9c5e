import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '#core';
import { DelegateEntity } from '#delegates';

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
