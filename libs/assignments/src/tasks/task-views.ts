import { In, type EntityManager } from 'typeorm';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';
import { TaskCooperatorEntity } from './task-cooperator.entity.js';
import type { TaskView, UnitRef } from './task-view.js';

/** Builds views for tasks in a few queries (units and cooperators loaded once for the whole batch). */
export async function toTaskViews(em: EntityManager, tasks: AssignmentTaskEntity[]): Promise<TaskView[]> {
  if (tasks.length === 0) return [];
  const taskIds = tasks.map((t) => t.id);
  const cooperators = await em.getRepository(TaskCooperatorEntity).find({ where: { taskId: In(taskIds) } });
  const unitIds = [...new Set([...tasks.map((t) => t.leadUnitId), ...cooperators.map((c) => c.unitId)])];
  const units = new Map((await em.getRepository(UnitEntity).find({ where: { id: In(unitIds) } })).map((u) => [u.id, ref(u)]));
  const conclusionIds = [...new Set(tasks.map((t) => t.conclusionId))];
  const meetings = new Map(
    (await em.getRepository(ConclusionEntity).find({ where: { id: In(conclusionIds) }, select: { id: true, meetingId: true } })).map((c) => [c.id, c.meetingId]),
  );
  return tasks.map((t) => ({
    id: t.id,
    conclusionId: t.conclusionId,
    meetingId: meetings.get(t.conclusionId) ?? '',
    title: t.title,
    expectedOutput: t.expectedOutput,
    leadUnit: units.get(t.leadUnitId) ?? { id: t.leadUnitId, code: '', name: '' },
    cooperatingUnits: cooperators
      .filter((c) => c.taskId === t.id)
      .map((c) => units.get(c.unitId) ?? { id: c.unitId, code: '', name: '' })
      .sort((a, b) => a.code.localeCompare(b.code)),
    deadline: t.deadline.toISOString(),
    reportDeadline: t.reportDeadline?.toISOString() ?? null,
    status: t.status,
    report: t.report,
    reportedAt: t.reportedAt?.toISOString() ?? null,
    late: t.reportedAt !== null && t.reportedAt.getTime() > t.deadline.getTime(),
    startedAt: t.startedAt?.toISOString() ?? null,
    overdueAt: t.overdueAt?.toISOString() ?? null,
    reminderSentAt: t.reminderSentAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  }));
}

function ref(u: UnitEntity): UnitRef {
  return { id: u.id, code: u.code, name: u.name };
}
