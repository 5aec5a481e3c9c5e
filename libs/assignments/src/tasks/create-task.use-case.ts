import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, ErrorCode, type AuthUser } from '#core';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { ConclusionsService, findConclusion } from '../conclusions/conclusions.service.js';
import { UnitsService } from '../units/units.service.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';
import { TaskCooperatorEntity } from './task-cooperator.entity.js';
import { TaskNotifier } from './task-notifier.js';
import type { TaskView } from './task-view.js';
import { toTaskViews } from './task-views.js';
import type { CreateTaskDto } from './tasks.dto.js';

/** A conclusion assigns a task: one lead unit, any cooperating units, a deadline; audited. */
@Injectable()
export class CreateTaskUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conclusions: ConclusionsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly notifier: TaskNotifier,
  ) {}

  async execute(user: AuthUser, meetingId: string, conclusionId: string, dto: CreateTaskDto): Promise<TaskView> {
    const deadline = new Date(dto.deadline);
    const reportDeadline = dto.reportDeadline ? new Date(dto.reportDeadline) : null;
    if (reportDeadline && reportDeadline.getTime() > deadline.getTime()) {
      throw new DomainError(AssignmentsErrorCode.INVALID_DEADLINES, 'The report deadline cannot be after the deadline', { deadline: dto.deadline, reportDeadline: dto.reportDeadline });
    }
    const leadUnitId = dto.leadUnitId.toLowerCase();
    const cooperating = [...new Set((dto.cooperatingUnitIds ?? []).map((id) => id.toLowerCase()))];
    if (cooperating.includes(leadUnitId)) throw new DomainError(AssignmentsErrorCode.LEAD_ALSO_COOPERATING, 'The lead unit cannot also be a cooperating unit', { leadUnitId });
    const title = dto.title.normalize('NFC').trim();
    if (!title) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'title must not be blank', [{ field: 'title', reasons: ['must not be blank'] }]);

    const view = await this.dataSource.transaction(async (em) => {
      await this.conclusions.lockForEdit(em, meetingId);
      await findConclusion(em, meetingId, conclusionId);
      await this.units.assertExist([leadUnitId, ...cooperating], em);
      const repo = em.getRepository(AssignmentTaskEntity);
      const task = await repo.save(
        repo.create({ conclusionId, title, expectedOutput: dto.expectedOutput?.normalize('NFC').trim() || null, leadUnitId, deadline, reportDeadline, createdBy: user.id }),
      );
      if (cooperating.length) await em.getRepository(TaskCooperatorEntity).insert(cooperating.map((unitId) => ({ taskId: task.id, unitId })));
      await this.audit.append(
        {
          action: 'task.created',
          entityType: 'assignment_task',
          entityId: task.id,
          actorId: user.id,
          actorRole: user.role,
          meetingId,
          payload: { conclusionId, leadUnitId, cooperatingUnitIds: cooperating, deadline: deadline.toISOString() },
        },
        em,
      );
      const [created] = await toTaskViews(em, [task]);
      return created;
    });
    await this.notifier.assigned(view);
    return view;
  }
}
