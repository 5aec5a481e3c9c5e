import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { RoundQuestionEntity } from './round-question.entity.js';

export enum RoundAnswerChoice {
  Agree = 'agree',
  Disagree = 'disagree',
  Other = 'other',
}

@Entity('opinion_round_answers')
@Index('uq_round_answers_question_delegate', ['questionId', 'delegateId'], { unique: true })
export class RoundAnswerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_round_answers_round_id')
  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => RoundQuestionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'fk_round_answers_question' })
  question?: RoundQuestionEntity;

  @Column({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_round_answers_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'enum', enum: RoundAnswerChoice, enumName: 'round_answer_choice' })
  choice: RoundAnswerChoice;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @UpdateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
