import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OpinionRoundEntity } from './opinion-round.entity.js';

@Entity('opinion_round_questions')
@Index('uq_round_questions_position', ['roundId', 'position'], { unique: true })
export class RoundQuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => OpinionRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_questions_round' })
  round?: OpinionRoundEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  text: string;
}
