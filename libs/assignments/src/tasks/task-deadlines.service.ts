import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, JsonLogger, type AppConfig } from '#core';
import { DelegateEntity } from '#delegates';
import { RealtimeService, type TypedEmitter } from '#realtime';
import type { AssignmentsServerEvents, TaskNotice } from '../assignments.events.js';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { UnitMemberEntity } from '../units/unit-member.entity.js';
import { TASK_MAILER, type TaskMailer } from './task-mailer.js';
import { TaskStatus } from './task-status.js';

interface DueRow {
  id: string;
  title: string;
  lead_unit_id: string;
  conclusion_id: string;
  deadline: Date;
  status: TaskStatus;
}

const DAY_MS = 86_400_000;

/**
 * One pass over deadlines: open/in-progress tasks past their deadline become overdue, and tasks due within
 * TASK_REMINDER_DAYS_BEFORE days get one reminder. Each row is claimed by an UPDATE ... RETURNING, so a
 * task is flipped or reminded once even if two passes race.
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
    @Optional() @Inject(TASK_MAILER) private readonly mailer?: TaskMailer,
  ) {
    this.events = realtime.typed<AssignmentsServerEvents>();
  }

  onApplicationBootstrap(): void {
    if (this.config.tasks.smtpUrl && !this.mailer) {
      this.logger.write('warn', 'SMTP_URL is set but no mailer is installed: task reminders are in-app only (see libs/assignments task-mailer.ts)', {});
    }
  }

  async tick(): Promise<{ overdue: number; reminded: number }> {
    const now = this.clock.now();
    const overdue = await this.flipOverdue(now);
    const reminded = await this.remind(now);
    return { overdue, reminded };
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
      const n = { ...notice(r, meetings), daysLeft: Math.max(0, Math.ceil((new Date(r.deadline).getTime() - now.getTime()) / DAY_MS)) };
      const people = await this.leadPeople(r.lead_unit_id);
      for (const delegateId of people) this.events.toDelegate(delegateId, 'task:reminder', n);
      if (this.mailer && this.config.tasks.smtpUrl) await this.mail(people, n);
    }
    return claimed.length;
  }

  private async mail(delegateIds: string[], n: TaskNotice & { daysLeft: number }): Promise<void> {
    if (!this.mailer || delegateIds.length === 0) return;
    const people = await this.dataSource.getRepository(DelegateEntity).find({ where: { id: In(delegateIds), active: true } });
    const to = people.filter((p) => p.email).map((p) => ({ delegateId: p.id, email: p.email as string, fullName: p.fullName }));
    if (to.length === 0) return;
    try {
      await this.mailer.sendReminder(to, n);
    } catch (err: unknown) {
      // the in-app reminder went out; a mail failure is logged, not retried (reminder_sent_at is already set)
      this.logger.write('error', 'task reminder mail failed', { taskId: n.taskId, error: err instanceof Error ? err.message : String(err) });
    }
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
