import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, JsonLogger, type AppConfig } from '#core';
import { DelegateEntity } from '#delegates';
import { RealtimeService, type TypedEmitter } from '#realtime';
import type { AssignmentsServerEvents, TaskNotice } from '../assignments.events.js';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { UnitMemberEntity } from '../units/unit-member.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { TASK_MAILER, type TaskMailer, type TaskReminder } from './task-mailer.js';
import { TaskStatus } from './task-status.js';

interface DueRow {
  id: string;
  title: string;
  lead_unit_id: string;
  conclusion_id: string;
  deadline: Date;
  status: TaskStatus;
}

interface MailRow extends DueRow {
  expected_output: string | null;
  report_deadline: Date | null;
  reminder_mail_attempts: number;
}

const DAY_MS = 86_400_000;
/** A reminder email is tried on at most this many job ticks (the first with the in-app reminder). */
export const REMINDER_MAIL_ATTEMPTS = 3;

/**
 * One pass over deadlines: open/in-progress tasks past their deadline become overdue, and tasks due within
 * TASK_REMINDER_DAYS_BEFORE days get one reminder. Each row is claimed by an UPDATE ... RETURNING, so a
 * task is flipped or reminded once even if two passes race. With a mailer (SMTP_URL set), reminded tasks are
 * then mailed: the outcome is kept apart from reminder_sent_at (reminder_mailed_at, reminder_mail_attempts), so
 * a failed email never repeats the in-app reminder and is retried on later ticks up to REMINDER_MAIL_ATTEMPTS.
 */
@Injectable()
export class TaskDeadlinesService implements OnApplicationBootstrap {
  private readonly events: TypedEmitter<AssignmentsServerEvents>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    realtime: RealtimeService,
    @Optional() @Inject(TASK_MAILER) private readonly mailer?: TaskMailer | null,
  ) {
    this.events = realtime.typed<AssignmentsServerEvents>();
  }

  onApplicationBootstrap(): void {
    this.logger.write('info', this.mailer ? 'task reminders: in-app and email' : 'task reminders: in-app only (SMTP_URL unset)', {});
  }

  async tick(): Promise<{ overdue: number; reminded: number; mailed: number }> {
    const now = this.clock.now();
    const overdue = await this.flipOverdue(now);
    const reminded = await this.remind(now);
    const mailed = await this.mailPending(now);
    return { overdue, reminded, mailed };
  }

  private async flipOverdue(now: Date): Promise<number> {
    const rows = await this.dataSource.transaction(async (em) => {
      // a CTE so both drivers (pg, PGlite) answer plain rows
      const claimed = await em.query<DueRow[]>(
        `WITH t AS (UPDATE assignment_tasks SET status = 'overdue', overdue_at = $1, updated_at = now()
           WHERE status IN ('open', 'in_progress') AND deadline < $1
           RETURNING id, title, lead_unit_id, conclusion_id, deadline, status)
         SELECT * FROM t`,
        [now],
      );
      if (claimed.length === 0) return [];
      const meetings = await this.meetingsOf(claimed, em);
      await this.audit.appendMany(
        claimed.map((r) => ({ action: 'task.overdue', entityType: 'assignment_task', entityId: r.id, meetingId: meetings.get(r.conclusion_id) ?? null, payload: { deadline: new Date(r.deadline).toISOString() } })),
        em,
      );
      return claimed.map((r) => notice(r, meetings));
    });
    for (const n of rows) for (const delegateId of await this.leadPeople(n.leadUnitId)) this.events.toDelegate(delegateId, 'task:overdue', n);
    return rows.length;
  }

  private async remind(now: Date): Promise<number> {
    const days = this.config.tasks.reminderDaysBefore;
    if (days <= 0) return 0;
    const claimed = await this.dataSource.query<DueRow[]>(
      `WITH t AS (UPDATE assignment_tasks SET reminder_sent_at = $1, updated_at = now()
         WHERE status IN ('open', 'in_progress') AND reminder_sent_at IS NULL AND deadline >= $1 AND deadline <= $2
         RETURNING id, title, lead_unit_id, conclusion_id, deadline, status)
       SELECT * FROM t`,
      [now, new Date(now.getTime() + days * DAY_MS)],
    );
    if (claimed.length === 0) return 0;
    const meetings = await this.meetingsOf(claimed);
    for (const r of claimed) {
      const n = { ...notice(r, meetings), daysLeft: daysLeft(r.deadline, now) };
      const people = await this.leadPeople(r.lead_unit_id);
      for (const delegateId of people) this.events.toDelegate(delegateId, 'task:reminder', n);
    }
    return claimed.length;
  }

  /**
   * Mails reminded tasks whose email has not gone out yet, still before their deadline. Each try is claimed by
   * bumping reminder_mail_attempts (the job's lease keeps one runner); success, or no one with an address,
   * sets reminder_mailed_at. A failure is logged and left for the next tick; the in-app reminder is unaffected.
   */
  private async mailPending(now: Date): Promise<number> {
    const mailer = this.mailer;
    if (!mailer) return 0;
    const claimed = await this.dataSource.query<MailRow[]>(
      `WITH t AS (UPDATE assignment_tasks SET reminder_mail_attempts = reminder_mail_attempts + 1
         WHERE status IN ('open', 'in_progress') AND reminder_sent_at IS NOT NULL AND reminder_mailed_at IS NULL
           AND reminder_mail_attempts < $2 AND deadline >= $1
         RETURNING id, title, lead_unit_id, conclusion_id, deadline, status, expected_output, report_deadline, reminder_mail_attempts)
       SELECT * FROM t`,
      [now, REMINDER_MAIL_ATTEMPTS],
    );
    if (claimed.length === 0) return 0;
    const meetings = await this.meetingsOf(claimed);
    const units = await this.dataSource.getRepository(UnitEntity).find({ where: { id: In([...new Set(claimed.map((r) => r.lead_unit_id))]) }, select: { id: true, name: true } });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    let mailed = 0;
    for (const r of claimed) {
      const reminder: TaskReminder = {
        ...notice(r, meetings),
        daysLeft: daysLeft(r.deadline, now),
        leadUnitName: unitName.get(r.lead_unit_id) ?? '',
        expectedOutput: r.expected_output,
        reportDeadline: r.report_deadline ? new Date(r.report_deadline).toISOString() : null,
      };
      const ids = await this.leadPeople(r.lead_unit_id);
      const people = ids.length ? await this.dataSource.getRepository(DelegateEntity).find({ where: { id: In(ids), active: true } }) : [];
      const to = people.flatMap((p) => (p.email ? [{ delegateId: p.id, email: p.email, fullName: p.fullName }] : []));
      try {
        if (to.length) await mailer.sendReminder(to, reminder);
        await this.dataSource.query(`UPDATE assignment_tasks SET reminder_mailed_at = $2 WHERE id = $1`, [r.id, this.clock.now()]);
        if (to.length) mailed++;
      } catch (err: unknown) {
        const attempt = Number(r.reminder_mail_attempts);
        this.logger.write('warn', attempt >= REMINDER_MAIL_ATTEMPTS ? 'task reminder mail failed; giving up' : 'task reminder mail failed; retried on the next tick', {
          taskId: r.id,
          attempt,
          maxAttempts: REMINDER_MAIL_ATTEMPTS,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    return mailed;
  }

  private async meetingsOf(rows: DueRow[], em: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.conclusion_id))];
    const found = await em.getRepository(ConclusionEntity).find({ where: { id: In(ids) }, select: { id: true, meetingId: true } });
    return new Map(found.map((c) => [c.id, c.meetingId]));
  }

  private async leadPeople(unitId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(UnitMemberEntity).find({ where: { unitId }, select: { delegateId: true } });
    return rows.map((r) => r.delegateId);
  }
}

function notice(r: DueRow, meetings: Map<string, string>): TaskNotice {
  return { taskId: r.id, meetingId: meetings.get(r.conclusion_id) ?? '', title: r.title, leadUnitId: r.lead_unit_id, deadline: new Date(r.deadline).toISOString(), status: r.status };
}

function daysLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.ceil((new Date(deadline).getTime() - now.getTime()) / DAY_MS));
}
