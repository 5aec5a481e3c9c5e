import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConclusionEditGuards, ConclusionsService, type TaskView } from '#assignments';
import { formatVnDateTime } from '../render/format.js';
import type { ConclusionsSource, MinutesConclusion } from './conclusions.port.js';
import { lockedError } from './locked-error.js';
import { MeetingMinutesEntity, MinutesStatus } from './meeting-minutes.entity.js';

export function taskLine(t: TaskView): string {
  const coop = t.cooperatingUnits.length > 0 ? `; phối hợp: ${t.cooperatingUnits.map((u) => u.name).join(', ')}` : '';
  return `${t.title} (chủ trì: ${t.leadUnit.name}${coop}; thời hạn: ${formatVnDateTime(t.deadline)})`;
}

/** The minutes' conclusions come from #assignments; once the minutes are locked, the conclusions are frozen too. */
@Injectable()
export class AssignmentsConclusionsSource implements ConclusionsSource, OnModuleInit {
  constructor(
    private readonly conclusions: ConclusionsService,
    private readonly guards: ConclusionEditGuards,
  ) {}

  onModuleInit(): void {
    // runs inside the conclusion write's transaction, after it locked the meeting row (lock-minutes takes it too)
    this.guards.add(async (em, meetingId) => {
      const minutes = await em.getRepository(MeetingMinutesEntity).findOne({ where: { meetingId } });
      if (minutes?.status === MinutesStatus.Locked) throw lockedError(minutes);
    });
  }

  async forMeeting(meetingId: string): Promise<MinutesConclusion[]> {
    return (await this.conclusions.listForMeeting(meetingId)).map((c) => ({
      text: c.text,
      agendaItemTitle: c.agendaItem?.title ?? null,
      tasks: c.tasks.map(taskLine),
    }));
  }
}
