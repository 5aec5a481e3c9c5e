import { Injectable } from '@nestjs/common';
import { RealtimeService, type TypedEmitter } from '#realtime';
import type { AssignmentsServerEvents } from '../assignments.events.js';
import { UnitsService } from '../units/units.service.js';
import type { TaskView } from './task-view.js';

/** Tells a lead unit's people, over socket.io, that a task is now theirs (best effort, after commit). */
@Injectable()
export class TaskNotifier {
  private readonly events: TypedEmitter<AssignmentsServerEvents>;

  constructor(
    realtime: RealtimeService,
    private readonly units: UnitsService,
  ) {
    this.events = realtime.typed<AssignmentsServerEvents>();
  }

  async assigned(task: TaskView): Promise<void> {
    const notice = { taskId: task.id, meetingId: task.meetingId, title: task.title, leadUnitId: task.leadUnit.id, deadline: task.deadline, status: task.status };
    for (const delegateId of await this.units.memberDelegateIds(task.leadUnit.id)) this.events.toDelegate(delegateId, 'task:assigned', notice);
  }
}
