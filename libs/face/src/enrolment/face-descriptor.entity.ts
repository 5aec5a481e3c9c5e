import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { FaceConsentEntity } from '../consent/face-consent.entity.js';

/**
 * One enrolment descriptor, encrypted (AES-256-GCM, DescriptorCipher layout). Photos are never stored.
 * Tied to the consent it was given under: withdrawing deletes the rows in the same transaction, and the foreign
 * key makes a descriptor without its consent row impossible.
 */
@Entity('face_descriptors')
@Check('ck_face_descriptors_key_version', '"key_version" BETWEEN 1 AND 255')
export class FaceDescriptorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_face_descriptors_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_face_descriptors_delegate' })
  delegate?: DelegateEntity;

  @Index('ix_face_descriptors_consent_id')
  @Column({ name: 'consent_id', type: 'uuid' })
  consentId: string;

  @ManyToOne(() => FaceConsentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'fk_face_descriptors_consent' })
  consent?: FaceConsentEntity;

  /** version(1) | iv(12) | tag(16) | ciphertext(512). */
  @Column({ type: 'bytea' })
  descriptor: Buffer;

  /** Which key encrypted it (same as the blob's first byte), so a rotation can find what to re-encrypt. */
  @Column({ name: 'key_version', type: 'smallint' })
  keyVersion: number;

  /** Detection score of the enrolment photo's face (quality, not biometric). */
  @Column({ name: 'detection_score', type: 'real' })
  detectionScore: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
