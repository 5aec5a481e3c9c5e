import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { PollEntity } from '../polls/poll.entity.js';

/** Committee custody: one Shamir share of a poll's private key, sealed to one member's counting key (P-256 ECIES). */
@Entity('poll_key_shares')
export class PollKeyShareEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_key_shares_poll' })
  poll?: PollEntity;

  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_poll_key_shares_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'bytea' })
  sealed: Buffer;
}
