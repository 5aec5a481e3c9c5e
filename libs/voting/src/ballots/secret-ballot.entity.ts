import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

/**
 * The plaintext of a secret poll's ballots, written only at the count, all in one statement and in a random order
 * (so every row has the count's transaction id and no order): choices only. No voter, ballot id, receipt, time or
 * serial. While the poll is open, ballots exist only sealed (secret_ballot_envelopes); see docs/secret-ballots.md.
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
}
