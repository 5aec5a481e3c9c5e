import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { PollEntity } from '../polls/poll.entity.js';
import { VoteChannel } from '../polls/poll.enums.js';

/**
 * That a delegate voted in a poll (named and secret alike): one row per delegate per poll, enforced by the
 * database, and the idempotency key of the cast. For secret polls this row and the secret ballot are written in
 * the same transaction but share nothing: no id, no time, no order.
 */
@Entity('poll_participation')
@Index('uq_poll_participation_poll_delegate', ['pollId', 'delegateId'], { unique: true })
export class PollParticipationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_participation_poll' })
  poll?: PollEntity;

  /** The member whose vote this is. */
  @Index('ix_poll_participation_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_poll_participation_delegate' })
  delegate?: DelegateEntity;

  /** Who pressed the button: the proxy holder when voting by proxy, else null. */
  @Column({ name: 'acting_delegate_id', type: 'uuid', nullable: true })
  actingDelegateId: string | null;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'acting_delegate_id', foreignKeyConstraintName: 'fk_poll_participation_acting_delegate' })
  actingDelegate?: DelegateEntity | null;

  /**
   * sha256('participation:' + ballotId) in hex: the idempotency key of the cast, unique across all polls. Not the
   * ballot id itself, so that for secret polls nobody reading the database can derive the receipt
   * (sha256('receipt:' + ballotId)) from this row; only the voter, who holds the ballot id, can.
   */
  @Index('uq_poll_participation_ballot_key', { unique: true })
  @Column({ name: 'ballot_key', type: 'varchar', length: 64 })
  ballotKey: string;

  @Column({ type: 'enum', enum: VoteChannel, enumName: 'vote_channel' })
  channel: VoteChannel;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
