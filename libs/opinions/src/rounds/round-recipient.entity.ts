import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Index } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { OpinionRoundEntity } from './opinion-round.entity.js';

/** Members the round was sent to, frozen when it opens so later membership changes do not move the base. */
@Entity('opinion_round_recipients')
export class RoundRecipientEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Index('ix_round_recipients_delegate_id')
  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => OpinionRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_recipients_round' })
  round?: OpinionRoundEntity;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_round_recipients_delegate' })
  delegate?: DelegateEntity;

  @Column({ name: 'can_vote', type: 'boolean' })
  canVote: boolean;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;
}
