import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity, UserEntity } from '#core';

export enum SignerKeyStore {
  P12 = 'p12',
  Pkcs11 = 'pkcs11',
  Remote = 'remote',
}

/**
 * Where a user's signing key lives. A PKCS#12 file is kept encrypted (AES-256-GCM, SIGN_KEY or DATA_DIR/sign.key, as
 * face descriptors are) and still needs its own password at each signature; a token keeps its key, we keep only
 * where to find it. The certificate is public and stored in clear for display and checks.
 */
@Entity('signer_credentials')
@Check('ck_signer_credentials_p12', `(key_store = 'p12') = (p12_encrypted IS NOT NULL)`)
export class SignerCredentialEntity extends BaseEntity {
  @Index('uq_signer_credentials_user', { unique: true })
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_signer_credentials_user' })
  user?: UserEntity;

  @Column({ name: 'key_store', type: 'enum', enum: SignerKeyStore, enumName: 'signer_key_store' })
  keyStore: SignerKeyStore;

  @Column({ name: 'p12_encrypted', type: 'bytea', nullable: true, select: false })
  p12Encrypted: Buffer | null;

  @Column({ name: 'key_version', type: 'smallint', nullable: true })
  keyVersion: number | null;

  @Column({ name: 'token_label', type: 'varchar', length: 64, nullable: true })
  tokenLabel: string | null;

  @Column({ name: 'key_id', type: 'varchar', length: 128, nullable: true })
  keyId: string | null;

  /** Signer certificate then issuers, DER. */
  @Column({ name: 'chain', type: 'bytea', array: true })
  chain: Buffer[];

  @Column({ type: 'varchar', length: 1000 })
  subject: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter: Date;

  @Column({ name: 'configured_by', type: 'uuid' })
  configuredBy: string;
}

/** A root CA certificate the verify page trusts (e.g. the national root CA), added by the administrator. */
@Entity('trusted_roots')
export class TrustedRootEntity extends BaseEntity {
  @Index('uq_trusted_roots_fingerprint', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'varchar', length: 1000 })
  subject: string;

  @Column({ type: 'bytea' })
  der: Buffer;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy: string;
}
