import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { DomainError, STAFF_ROLES, type AuthUser } from '#core';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { UnitEntity } from '../units/unit.entity.js';
import { UnitsService } from '../units/units.service.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';
import { TaskCooperatorEntity } from './task-cooperator.entity.js';
import { TaskStatus } from './task-status.js';
import type { TaskView, UnitRef } from './task-view.js';
import { toTaskViews } from './task-views.js';
import type { ListTasksQueryDto, UnitTaskCounts } from './tasks.dto.js';

export interface MyTasks {
  /** The caller's unit; null when their delegate record belongs to none (then both lists are empty). */
  unit: UnitRef | null;
  /** Tasks the unit leads: it may start and complete them. */
  lead: TaskView[];
  /** Tasks the unit cooperates on: read only. */
  cooperating: TaskView[];
}

/** Reads of tasks: a unit's own list, staff lists, the dashboard; and who may update a task. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  async mine(user: AuthUser): Promise<MyTasks> {
    const unitId = await this.units.unitOfDelegate(user.delegateId);
    if (!unitId) return { unit: null, lead: [], cooperating: [] };
    const unit = await this.units.getOrFail(unitId);
    const em = this.dataSource.manager;
    const lead = await em.getRepository(AssignmentTaskEntity).find({ where: { leadUnitId: unitId }, order: { deadline: 'ASC', id: 'ASC' } });
    const coopIds = (await em.getRepository(TaskCooperatorEntity).find({ where: { unitId } })).map((c) => c.taskId);
    const cooperating = coopIds.length ? await em.getRepository(AssignmentTaskEntity).find({ where: { id: In(coopIds) }, order: { deadline: 'ASC', id: 'ASC' } }) : [];
    return { unit: { id: unit.id, code: unit.code, name: unit.name }, lead: await toTaskViews(em, lead), cooperating: await toTaskViews(em, cooperating) };
  }

  async list(query: ListTasksQueryDto): Promise<TaskView[]> {
    const where: FindOptionsWhere<AssignmentTaskEntity> = {};
    if (query.status) where.status = query.status;
    if (query.unitId) where.leadUnitId = query.unitId;
    const rows = await this.dataSource.getRepository(AssignmentTaskEntity).find({ where, order: { deadline: 'ASC', id: 'ASC' } });
    return toTaskViews(this.dataSource.manager, rows);
  }

  /** Staff, the lead unit and cooperating units may read a task; others get 403. */
  async get(user: AuthUser, taskId: string): Promise<TaskView> {
    const em = this.dataSource.manager;
    const task = await findTask(em, taskId);
    if (!isTaskStaff(user)) {
      const unitId = await this.units.unitOfDelegate(user.delegateId);
      const cooperates = unitId ? await em.getRepository(TaskCooperatorEntity).exists({ where: { taskId, unitId } }) : false;
      if (!unitId || (unitId !== task.leadUnitId && !cooperates)) throw DomainError.forbidden('Only staff and the units on this task may see it');
    }
    const [view] = await toTaskViews(em, [task]);
    return view;
  }

  /** Inside an update's transaction: staff or a person of the lead unit, else 403 NOT_LEAD_UNIT. */
  async assertCanUpdate(em: EntityManager, user: AuthUser, task: AssignmentTaskEntity): Promise<void> {
    if (isTaskStaff(user)) return;
    const unitId = await this.units.unitOfDelegate(user.delegateId, em);
    if (unitId !== task.leadUnitId) {
      throw new DomainError(AssignmentsErrorCode.NOT_LEAD_UNIT, 'Only staff and people of the lead unit may update this task', { leadUnitId: task.leadUnitId });
    }
  }

  /** Task counts per lead unit (every unit listed, zeros included), by unit code. */
  async dashboard(): Promise<UnitTaskCounts[]> {
    const units = await this.dataSource.getRepository(UnitEntity).find({ order: { code: 'ASC' } });
    const rows = await this.dataSource
      .getRepository(AssignmentTaskEntity)
      .createQueryBuilder('t')
      .select('t.lead_unit_id', 'unitId')
      .addSelect('t.status', 'status')
      .addSelect('COUNT(*)::int', 'n')
      .groupBy('t.lead_unit_id')
      .addGroupBy('t.status')
      .getRawMany<{ unitId: string; status: TaskStatus; n: number }>();
    return units.map((u) => {
      const count = (s: TaskStatus): number => Number(rows.find((r) => r.unitId === u.id && r.status === s)?.n ?? 0);
      const c = { open: count(TaskStatus.Open), inProgress: count(TaskStatus.InProgress), done: count(TaskStatus.Done), overdue: count(TaskStatus.Overdue) };
      return { unit: { id: u.id, code: u.code, name: u.name }, ...c, total: c.open + c.inProgress + c.done + c.overdue };
    });
  }
}

export async function findTask(em: EntityManager, taskId: string, lock = false): Promise<AssignmentTaskEntity> {
  const task = await em.getRepository(AssignmentTaskEntity).findOne({ where: { id: taskId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!task) throw DomainError.notFound('Task', taskId);
  return task;
}

/** Staff see and update every task; everybody else only through their unit. */
function isTaskStaff(user: AuthUser): boolean {
  return STAFF_ROLES.includes(user.role);
}
