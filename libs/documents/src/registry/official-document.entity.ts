import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BaseEntity } from '#core';
import { BodyEntity } from '#delegates';
import type { SignerKeyStore } from '../signers/signer-credential.entity.js';

/** Per issuing body and calendar year, the last number given (Decree 30/2020, Art. 15: numbers restart each year). */
@Entity('document_counters')
export class DocumentCounterEntity {
  @PrimaryColumn({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber: number;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_document_counters_body' })
  body?: BodyEntity;
}

export enum OfficialDocumentStatus {
  /** Registered and rendered; some signature blocks are still empty. */
  Signing = 'signing',
  /** Every block signed. */
  Signed = 'signed',
}

/** A signature block of a registered document, and who is to sign it. */
export interface DocumentSlot {
  key: string;
  position: string;
  fullName: string;
  userId: string;
  page: number;
  rect: [number, number, number, number];
}

/**
 * A registered administrative document (minutes, count report, ...): its number, the PDF as issued and then as
 * signed. The file only grows: each signature is an incremental update, and a trigger refuses any other change.
 */
@Entity('official_documents')
@Index('uq_official_documents_number', ['bodyId', 'year', 'number'], { unique: true })
@Index('uq_official_documents_source', ['kind', 'sourceId'], { unique: true })
@Check('ck_official_documents_number', `number > 0`)
export class OfficialDocumentEntity extends BaseEntity {
  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_official_documents_body' })
  body?: BodyEntity;

  @Index('ix_official_documents_meeting')
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  /** `minutes`, `count_report`, `attendance`, `results`... */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** The record it was made from (the minutes row, the poll...), one registered document per record and kind. */
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  number: number;

  /** `BB-UBND`. */
  @Column({ type: 'varchar', length: 40 })
  symbol: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'bytea', select: false })
  pdf: Buffer;

  @Column({ name: 'issued_sha256', type: 'varchar', length: 64 })
  issuedSha256: string;

  @Column({ name: 'current_sha256', type: 'varchar', length: 64 })
  currentSha256: string;

  @Column({ type: 'jsonb' })
  slots: DocumentSlot[];

  @Column({ type: 'enum', enum: OfficialDocumentStatus, enumName: 'official_document_status', default: OfficialDocumentStatus.Signing })
  status: OfficialDocumentStatus;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy: string;
}

/** One signature on a registered document: who, with which certificate, when, and the file's hash after it. */
@Entity('document_signatures')
@Index('uq_document_signatures_slot', ['documentId', 'slotKey'], { unique: true })
export class DocumentSignatureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @ManyToOne(() => OfficialDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_signatures_document' })
  document?: OfficialDocumentEntity;

  @Column({ name: 'slot_key', type: 'varchar', length: 40 })
  slotKey: string;

  @Column({ name: 'signer_user_id', type: 'uuid' })
  signerUserId: string;

  @Column({ name: 'signer_name', type: 'varchar', length: 200 })
  signerName: string;

  @Column({ name: 'certificate_subject', type: 'varchar', length: 1000 })
  certificateSubject: string;

  @Column({ name: 'certificate_sha256', type: 'varchar', length: 64 })
  certificateSha256: string;

  /** `p12`, `pkcs11` or `remote` (a SignerKeyStore, kept as text). */
  @Column({ name: 'key_store', type: 'varchar', length: 16 })
  keyStore: `${SignerKeyStore}`;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ name: 'sha256_before', type: 'varchar', length: 64 })
  sha256Before: string;

  @Column({ name: 'sha256_after', type: 'varchar', length: 64 })
  sha256After: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
