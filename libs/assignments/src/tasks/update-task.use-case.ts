import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, ErrorCode, type AuthUser } from '#core';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { ConclusionsService } from '../conclusions/conclusions.service.js';
import { UnitsService } from '../units/units.service.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';
import { TaskCooperatorEntity } from './task-cooperator.entity.js';
import { TaskNotifier } from './task-notifier.js';
import { TaskStatus } from './task-status.js';
import type { TaskView } from './task-view.js';
import { toTaskViews } from './task-views.js';
import type { UpdateTaskDto } from './tasks.dto.js';
import { findTask } from './tasks.service.js';

/**
 * Staff correct a task or extend its deadline. A done task is closed. A new deadline or lead unit re-arms the reminder,
 * and an overdue task given a deadline still ahead goes back to open (or in progress if it was started).
 * Deadline extensions happen after the meeting, so only deletion runs the conclusion edit guards (minutes lock).
 */
@Injectable()
export class UpdateTaskUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conclusions: ConclusionsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifier: TaskNotifier,
  ) {}

  async update(user: AuthUser, taskId: string, dto: UpdateTaskDto): Promise<TaskView> {
    let leadChanged = false;
    const view = await this.dataSource.transaction(async (em) => {
      const task = await findTask(em, taskId, true);
      if (task.status === TaskStatus.Done) throw new DomainError(AssignmentsErrorCode.TASK_STATUS, 'A done task cannot be changed', { status: task.status, allowed: [TaskStatus.Open, TaskStatus.InProgress, TaskStatus.Overdue] });
      const coopRepo = em.getRepository(TaskCooperatorEntity);
      const changed: Record<string, unknown> = {};
      if (dto.title !== undefined) {
        const title = dto.title.normalize('NFC').trim();
        if (!title) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'title must not be blank', [{ field: 'title', reasons: ['must not be blank'] }]);
        task.title = title;
        changed.title = title;
      }
      if (dto.expectedOutput !== undefined) task.expectedOutput = dto.expectedOutput?.normalize('NFC').trim() || null;
      const lead = dto.leadUnitId?.toLowerCase() ?? task.leadUnitId;
      const cooperating = dto.cooperatingUnitIds
        ? [...new Set(dto.cooperatingUnitIds.map((id) => id.toLowerCase()))]
        : (await coopRepo.find({ where: { taskId } })).map((c) => c.unitId);
      if (cooperating.includes(lead)) throw new DomainError(AssignmentsErrorCode.LEAD_ALSO_COOPERATING, 'The lead unit cannot also be a cooperating unit', { leadUnitId: lead });
      if (dto.leadUnitId !== undefined || dto.cooperatingUnitIds !== undefined) await this.units.assertExist([lead, ...cooperating], em);
      if (dto.leadUnitId !== undefined && lead !== task.leadUnitId) {
        changed.leadUnitId = { from: task.leadUnitId, to: lead };
        leadChanged = true;
        task.leadUnitId = lead;
        // the new lead unit has not been reminded yet
        rearmReminder(task);
      }
      if (dto.deadline !== undefined) {
        const deadline = new Date(dto.deadline);
        if (deadline.getTime() !== task.deadline.getTime()) {
          changed.deadline = { from: task.deadline.toISOString(), to: deadline.toISOString() };
          task.deadline = deadline;
          rearmReminder(task);
          if (task.status === TaskStatus.Overdue && deadline.getTime() > this.clock.now().getTime()) {
            task.status = task.startedAt ? TaskStatus.InProgress : TaskStatus.Open;
            task.overdueAt = null;
            changed.status = { from: TaskStatus.Overdue, to: task.status };
          }
        }
      }
      if (dto.reportDeadline !== undefined) task.reportDeadline = dto.reportDeadline === null ? null : new Date(dto.reportDeadline);
      if (task.reportDeadline && task.reportDeadline.getTime() > task.deadline.getTime()) {
        throw new DomainError(AssignmentsErrorCode.INVALID_DEADLINES, 'The report deadline cannot be after the deadline', { deadline: task.deadline.toISOString(), reportDeadline: task.reportDeadline.toISOString() });
      }
      await em.getRepository(AssignmentTaskEntity).save(task);
      if (dto.cooperatingUnitIds !== undefined) {
        await coopRepo.delete({ taskId });
        if (cooperating.length) await coopRepo.insert(cooperating.map((unitId) => ({ taskId, unitId })));
        changed.cooperatingUnitIds = cooperating;
      }
      await this.audit.append(
        { action: 'task.updated', entityType: 'assignment_task', entityId: task.id, actorId: user.id, actorRole: user.role, meetingId: await meetingOf(em, task), payload: changed },
        em,
      );
      const [updated] = await toTaskViews(em, [task]);
      return updated;
    });
    if (leadChanged) await this.notifier.assigned(view);
    return view;
  }

  remove(user: AuthUser, taskId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const peek = await findTask(em, taskId);
      const meetingId = await meetingOf(em, peek);
      // meeting row first, task row second: the same order as creation, so no lock-order deadlock
      await this.conclusions.lockForEdit(em, meetingId);
      const task = await findTask(em, taskId, true);
      await em.getRepository(AssignmentTaskEntity).delete({ id: task.id });
      await this.audit.append(
        { action: 'task.deleted', entityType: 'assignment_task', entityId: task.id, actorId: user.id, actorRole: user.role, meetingId, payload: { title: task.title, leadUnitId: task.leadUnitId, status: task.status } },
        em,
      );
    });
  }
}

async function meetingOf(em: EntityManager, task: AssignmentTaskEntity): Promise<string> {
  const c = await em.getRepository(ConclusionEntity).findOneOrFail({ where: { id: task.conclusionId }, select: { id: true, meetingId: true } });
  return c.meetingId;
}

/** The next reminder (in-app and email) goes out afresh. */
function rearmReminder(task: AssignmentTaskEntity): void {
  task.reminderSentAt = null;
  task.reminderMailedAt = null;
  task.reminderMailAttempts = 0;
}
