import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, ErrorCode, type AuthUser } from '#core';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';
import { TaskStatus } from './task-status.js';
import type { TaskView } from './task-view.js';
import { toTaskViews } from './task-views.js';
import { findTask, TasksService } from './tasks.service.js';

/** What each move needs the task to be in. Completing an overdue task is allowed: the view then says `late`. */
const FROM: Record<'start' | 'complete', TaskStatus[]> = {
  start: [TaskStatus.Open],
  complete: [TaskStatus.Open, TaskStatus.InProgress, TaskStatus.Overdue],
};

/** The lead unit (or staff) starts a task, or completes it with a report; both audited. */
@Injectable()
export class ChangeTaskStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  start(user: AuthUser, taskId: string): Promise<TaskView> {
    return this.move(user, taskId, 'start', (task, now) => {
      task.status = TaskStatus.InProgress;
      task.startedAt = now;
      return {};
    });
  }

  complete(user: AuthUser, taskId: string, report: string): Promise<TaskView> {
    const text = report.normalize('NFC').trim();
    if (!text) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'report must not be blank', [{ field: 'report', reasons: ['must not be blank'] }]);
    return this.move(user, taskId, 'complete', (task, now) => {
      const late = now.getTime() > task.deadline.getTime();
      task.status = TaskStatus.Done;
      task.report = text;
      task.reportedAt = now;
      return { late };
    });
  }

  private move(user: AuthUser, taskId: string, action: 'start' | 'complete', apply: (task: AssignmentTaskEntity, now: Date) => Record<string, unknown>): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const task = await findTask(em, taskId, true);
      await this.tasks.assertCanUpdate(em, user, task);
      if (!FROM[action].includes(task.status)) {
        throw new DomainError(AssignmentsErrorCode.TASK_STATUS, `A ${task.status} task cannot be ${action === 'start' ? 'started' : 'completed'}`, { status: task.status, allowed: FROM[action] });
      }
      const from = task.status;
      const extra = apply(task, this.clock.now());
      await em.getRepository(AssignmentTaskEntity).save(task);
      const conclusion = await em.getRepository(ConclusionEntity).findOneOrFail({ where: { id: task.conclusionId }, select: { id: true, meetingId: true } });
      await this.audit.append(
        {
          action: action === 'start' ? 'task.started' : 'task.completed',
          entityType: 'assignment_task',
          entityId: task.id,
          actorId: user.id,
          actorRole: user.role,
          meetingId: conclusion.meetingId,
          payload: { from, to: task.status, ...extra },
        },
        em,
      );
      const [view] = await toTaskViews(em, [task]);
      return view;
    });
  }
}
