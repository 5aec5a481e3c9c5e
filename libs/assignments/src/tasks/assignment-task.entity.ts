import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { TaskStatus } from './task-status.js';

/** A task given by a conclusion: exactly one lead unit (a NOT NULL column), a deadline and a report. */
@Entity('assignment_tasks')
@Index('ix_assignment_tasks_status_deadline', ['status', 'deadline'])
@Check('ck_assignment_tasks_report_deadline', '"report_deadline" IS NULL OR "report_deadline" <= "deadline"')
@Check('ck_assignment_tasks_done_has_report', `"status" <> 'done' OR ("report" IS NOT NULL AND "reported_at" IS NOT NULL)`)
export class AssignmentTaskEntity extends BaseEntity {
  @Index('ix_assignment_tasks_conclusion_id')
  @Column({ name: 'conclusion_id', type: 'uuid' })
  conclusionId: string;

  @ManyToOne(() => ConclusionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conclusion_id', foreignKeyConstraintName: 'fk_assignment_tasks_conclusion' })
  conclusion?: ConclusionEntity;

  @Column({ type: 'varchar', length: 1000 })
  title: string;

  @Column({ name: 'expected_output', type: 'text', nullable: true })
  expectedOutput: string | null;

  @Index('ix_assignment_tasks_lead_unit_id')
  @Column({ name: 'lead_unit_id', type: 'uuid' })
  leadUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id', foreignKeyConstraintName: 'fk_assignment_tasks_lead_unit' })
  leadUnit?: UnitEntity;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  /** When the lead unit must report back (báo cáo kết quả); not after the deadline. */
  @Column({ name: 'report_deadline', type: 'timestamptz', nullable: true })
  reportDeadline: Date | null;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'assignment_task_status', default: TaskStatus.Open })
  status: TaskStatus;

  @Column({ type: 'text', nullable: true })
  report: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ name: 'reminder_sent_at', type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  /** When the reminder email was accepted by SMTP (or there was no one to mail); null = not yet. */
  @Column({ name: 'reminder_mailed_at', type: 'timestamptz', nullable: true })
  reminderMailedAt: Date | null;

  /** Reminder email tries so far; retries stop at a bound (TaskDeadlinesService). */
  @Column({ name: 'reminder_mail_attempts', type: 'smallint', default: 0 })
  reminderMailAttempts: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
