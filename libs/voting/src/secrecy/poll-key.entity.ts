import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

export enum KeyCustody {
  /** The private key is in a key file outside the database (BALLOT_KEY_DIR), wrapped by BALLOT_KEY, deleted at the count. */
  Server = 'server',
  /** The private key exists only as Shamir shares sealed to the counting committee's members (k of n open it). */
  Committee = 'committee',
}

/** A secret poll's public key (made at open) and who holds the private key; the private key is never stored here. */
@Entity('poll_keys')
@Check('ck_poll_keys_custody', `"custody" IN ('server', 'committee')`)
@Check('ck_poll_keys_threshold', `("custody" = 'committee') = ("threshold" IS NOT NULL) AND ("threshold" IS NULL OR "threshold" >= 1)`)
export class PollKeyEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @OneToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_keys_poll' })
  poll?: PollEntity;

  /** Raw X25519 public key (32 bytes). */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey: Buffer;

  @Column({ type: 'varchar', length: 16 })
  custody: KeyCustody;

  /** Committee custody: shares needed to open the ballots. */
  @Column({ type: 'int', nullable: true })
  threshold: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the private key was destroyed (after the count). */
  @Column({ name: 'destroyed_at', type: 'timestamptz', nullable: true })
  destroyedAt: Date | null;
}
