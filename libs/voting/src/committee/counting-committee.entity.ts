import { Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { PollEntity } from '../polls/poll.entity.js';

/** The counting committee (ban kiểm phiếu) of a secret poll, designated by the secretary before the count. */
@Entity('counting_committees')
@Check('ck_counting_committees_custody', `"custody" IN ('server', 'committee')`)
@Check('ck_counting_committees_threshold', `("custody" = 'committee') = ("threshold" IS NOT NULL) AND ("threshold" IS NULL OR "threshold" >= 1)`)
export class CountingCommitteeEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @OneToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_counting_committees_poll' })
  poll?: PollEntity;

  /** server: the key file; committee: Shamir shares sealed to the members (threshold of them open the ballots). */
  @Column({ type: 'varchar', length: 16, default: 'server' })
  custody: 'server' | 'committee';

  @Column({ type: 'int', nullable: true })
  threshold: number | null;

  @Column({ name: 'designated_by', type: 'uuid', nullable: true })
  designatedBy: string | null;

  @Column({ name: 'designated_at', type: 'timestamptz' })
  designatedAt: Date;
}

@Entity('counting_committee_members')
@Check('ck_counting_committee_members_role', `"role" IN ('head', 'member')`)
export class CountingCommitteeMemberEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => CountingCommitteeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_counting_committee_members_committee' })
  committee?: CountingCommitteeEntity;

  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_counting_committee_members_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'varchar', length: 8 })
  role: 'head' | 'member';

  /** Position in the report (head first). */
  @Column({ type: 'int' })
  position: number;

  /** When the member confirmed the count in the app. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}

/** A member's counting key (committee custody): P-256 public key, and the private key sealed by the member's passphrase in their browser. */
@Entity('counting_member_keys')
export class CountingMemberKeyEntity {
  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_counting_member_keys_delegate' })
  delegate?: DelegateEntity;

  /** Uncompressed P-256 point (65 bytes). */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey: Buffer;

  /** PKCS#8 private key under AES-GCM with a PBKDF2 key of the member's passphrase, made in the browser; the server cannot open it. */
  @Column({ name: 'sealed_private_key', type: 'bytea' })
  sealedPrivateKey: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
