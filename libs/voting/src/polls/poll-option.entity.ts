import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import type { ConfidenceGrade } from '../rules/evaluate-confidence.js';
import { MotionOptionCode } from './poll.enums.js';
import { PollEntity } from './poll.entity.js';

/** An answer a ballot can mark. Motions have exactly the three MOTION_OPTIONS, identified by `code`. */
@Entity('poll_options')
@Index('uq_poll_options_position', ['pollId', 'position'], { unique: true })
@Index('uq_poll_options_code', ['pollId', 'code'], { unique: true })
@Check('ck_poll_options_position', '"position" >= 1')
@Index('uq_poll_options_subject_grade', ['pollId', 'subject', 'grade'], { unique: true })
@Check('ck_poll_options_subject', `("subject" IS NULL) = ("grade" IS NULL) AND ("subject" IS NULL OR "subject" >= 1)`)
export class PollOptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_options_poll' })
  poll?: PollEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  label: string;

  /** for / against / abstain on motions; null on choice and election options. */
  @Column({ type: 'enum', enum: MotionOptionCode, enumName: 'motion_option_code', nullable: true })
  code: MotionOptionCode | null;

  /** Confidence polls: the official this option rates (1..n, one official per subject) and their name and office. */
  @Column({ type: 'int', nullable: true })
  subject: number | null;

  @Column({ name: 'subject_name', type: 'varchar', length: 500, nullable: true })
  subjectName: string | null;

  /** Confidence polls: high / medium / low (lấy phiếu) or trust / no_trust (bỏ phiếu). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  grade: ConfidenceGrade | null;

  /** The candidate, when an election candidate is a registered delegate, or the official rated in a confidence poll. */
  @Column({ name: 'delegate_id', type: 'uuid', nullable: true })
  delegateId: string | null;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_poll_options_delegate' })
  delegate?: DelegateEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
