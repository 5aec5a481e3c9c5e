import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, type AuthUser } from '#core';
import { OpinionsService } from '#opinions';
import { ExportDataService } from '../exports/export-data.service.js';
import { lockedError } from './locked-error.js';
import { MINUTES_CONCLUSIONS, type ConclusionsSource } from './conclusions.port.js';
import { MeetingMinutesEntity, MinutesStatus } from './meeting-minutes.entity.js';
import { buildMinutesDraft } from './minutes-draft.js';
import { toMinutesView, type MinutesView } from './minutes.view.js';

/** Writes (or rewrites, while still a draft) the minutes from the meeting's current data. */
@Injectable()
export class DraftMinutesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly data: ExportDataService,
    private readonly opinions: OpinionsService,
    @Inject(MINUTES_CONCLUSIONS) private readonly conclusions: ConclusionsSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, meetingId: string): Promise<MinutesView> {
    const attendance = await this.data.attendanceData(meetingId);
    const [polls, opinions, conclusions, speakers] = await Promise.all([
      this.data.pollResults(meetingId),
      this.opinions.list(user, meetingId),
      this.conclusions.forMeeting(meetingId),
      // everyone the chair gave the floor, in the order they spoke
      this.dataSource.query<{ full_name: string; agenda_item_id: string | null; granted_at: Date }[]>(
        `SELECT d.full_name, s.agenda_item_id, s.granted_at FROM speaker_requests s JOIN delegates d ON d.id = s.delegate_id
          WHERE s.meeting_id = $1 AND s.granted_at IS NOT NULL ORDER BY s.granted_at`,
        [meetingId],
      ),
    ]);
    const countReports = await this.data.countReports(polls);
    const content = buildMinutesDraft({
      attendance,
      polls,
      countReports,
      opinions: opinions.map((o) => ({ delegateName: o.delegateName ?? '', agendaItemId: o.agendaItemId, content: o.content })),
      conclusions,
      speakers: speakers.map((sp) => ({ delegateName: sp.full_name, agendaItemId: sp.agenda_item_id, grantedAt: new Date(sp.granted_at) })),
    });
    const saved = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(MeetingMinutesEntity);
      const existing = await repo.findOne({ where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === MinutesStatus.Locked) throw lockedError(existing);
      const now = this.clock.now();
      const row = existing ?? repo.create({ meetingId, status: MinutesStatus.Draft });
      Object.assign(row, { content, generatedAt: now, generatedBy: user.id, editedAt: null, editedBy: null });
      const out = await repo.save(row);
      await this.audit.append(
        { action: 'minutes.drafted', entityType: 'meeting_minutes', entityId: out.id, actorId: user.id, actorRole: user.role, meetingId, payload: { regenerated: !!existing } },
        em,
      );
      return out;
    });
    return toMinutesView(saved);
  }
}
