import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

/**
 * The receipts of a secret poll's counted ballots, written at the count in one statement, sorted: they prove that a
 * ballot was counted and nothing else. No row here says which ballot (choices) a receipt belongs to.
 */
@Entity('secret_receipts')
export class SecretReceiptEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_secret_receipts_poll' })
  poll?: PollEntity;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  receipt: string;
}
