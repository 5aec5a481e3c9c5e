import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { PollEntity } from '../polls/poll.entity.js';

/** What a delegate voted in a named poll; updated in place when the poll allows changes. */
@Entity('named_ballots')
@Index('uq_named_ballots_poll_delegate', ['pollId', 'delegateId'], { unique: true })
@Check('ck_named_ballots_choices_array', `jsonb_typeof("choices") = 'array'`)
export class NamedBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_named_ballots_poll' })
  poll?: PollEntity;

  @Index('ix_named_ballots_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_named_ballots_delegate' })
  delegate?: DelegateEntity;

  /** poll_options ids marked, at most polls.max_choices; [] = a blank ballot. */
  @Column({ type: 'jsonb' })
  choices: string[];

  /** The participation's ballot_id (idempotency key). */
  @Index('uq_named_ballots_ballot_id', { unique: true })
  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  /** Shown to the voter as proof the ballot was counted. */
  @Index('uq_named_ballots_receipt', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  receipt: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
