import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

/**
 * What was voted in a secret poll, and nothing that could say by whom: no voter or delegate id, no ballot_id,
 * no timestamp, no serial. The primary key is a random uuid, so no column orders these rows against
 * poll_participation. Residual leaks to keep in mind when casting: the physical (heap) order of rows follows
 * insertion, and the audit log must not record secret ballots one by one with their time (chain them in one
 * batch at close, sorted by receipt: AuditService.appendMany).
 */
@Entity('secret_ballots')
@Index('ix_secret_ballots_poll_id', ['pollId'])
@Check('ck_secret_ballots_choices_array', `jsonb_typeof("choices") = 'array'`)
export class SecretBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_secret_ballots_poll' })
  poll?: PollEntity;

  /** poll_options ids marked; [] = a blank ballot. */
  @Column({ type: 'jsonb' })
  choices: string[];

  /**
   * Handed only to the voter: the first 16 hex digits of sha256('receipt:' + ballotId), where the ballot id is a
   * random uuid only the voter's client knows. The server recomputes it on a retry; the participation row keeps a
   * different hash of the ballot id, so the two tables cannot be joined without it.
   */
  @Index('uq_secret_ballots_receipt_code', { unique: true })
  @Column({ name: 'receipt_code', type: 'varchar', length: 32 })
  receiptCode: string;
}
