import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

/**
 * A secret ballot while its poll is open: choices and receipt sealed to the poll's public key (X25519 + AES-256-GCM,
 * secrecy/ballot-crypto.ts), padded to one size per poll. Written with its participation row (so they share xmin:
 * harmless, the bytes open only with the poll's private key, which is never in the database). Deleted at the
 * count, then the table is vacuumed.
 */
@Entity('secret_ballot_envelopes')
@Index('ix_secret_ballot_envelopes_poll_id', ['pollId'])
export class SecretBallotEnvelopeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_secret_ballot_envelopes_poll' })
  poll?: PollEntity;

  @Column({ type: 'bytea' })
  sealed: Buffer;
}
