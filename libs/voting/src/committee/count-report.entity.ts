import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { PollEntity } from '../polls/poll.entity.js';

/** The count report (biên bản kiểm phiếu) of a secret poll: written at the count, final once the committee confirmed. */
@Entity('count_reports')
export class CountReportEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @OneToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_count_reports_poll' })
  poll?: PollEntity;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** sha256 of the canonical content; chained into the audit log when final. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finalised_at', type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;
}
