import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { PollEntity } from './poll.entity.js';

/**
 * The poll's roll, frozen at open: every invited voter counted in eligible_count, either checked in (acting null)
 * or represented by a checked-in proxy holder (acting = that holder). A ballot for someone not on the roll (late
 * check-in, proxy registered later) is refused, so ballots never outnumber the frozen counts checked at close.
 */
@Entity('poll_roll')
export class PollRollEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_roll_poll' })
  poll?: PollEntity;

  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  @Index('ix_poll_roll_delegate_id')
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_poll_roll_delegate' })
  delegate?: DelegateEntity;

  /** The proxy holder through whom the member was counted; null when checked in themselves. */
  @Column({ name: 'acting_delegate_id', type: 'uuid', nullable: true })
  actingDelegateId: string | null;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'acting_delegate_id', foreignKeyConstraintName: 'fk_poll_roll_acting_delegate' })
  actingDelegate?: DelegateEntity | null;
}
