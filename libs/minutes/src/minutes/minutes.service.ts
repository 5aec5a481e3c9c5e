import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { MinutesErrorCode } from '../minutes.errors.js';
import { lockedError } from './locked-error.js';
import { MeetingMinutesEntity, MinutesStatus, type MinutesContent } from './meeting-minutes.entity.js';
import { toMinutesView, type MinutesView } from './minutes.view.js';

/** Reads the minutes and applies the secretary's edits while they are a draft. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: MeetingAccess,
  ) {}

  async get(meetingId: string): Promise<MinutesView> {
    return toMinutesView(await this.mustFind(meetingId));
  }

  /** The minutes, or null while the meeting has none (the caller has checked the meeting can be seen). */
  async find(meetingId: string): Promise<MinutesView | null> {
    const row = await this.dataSource.getRepository(MeetingMinutesEntity).findOne({ where: { meetingId } });
    return row ? toMinutesView(row) : null;
  }

  /** The row, locked for update when `em` is a transaction; 404 for an unknown meeting or one without a draft. */
  async mustFind(meetingId: string, em?: EntityManager): Promise<MeetingMinutesEntity> {
    const manager = em ?? this.dataSource.manager;
    const row = await manager.getRepository(MeetingMinutesEntity).findOne({ where: { meetingId }, ...(em ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (row) return row;
    if (!(await this.access.find(meetingId, manager))) throw DomainError.notFound('Meeting', meetingId);
    throw new DomainError(MinutesErrorCode.MINUTES_NOT_FOUND, 'This meeting has no minutes yet: generate the draft first');
  }

  async edit(user: AuthUser, meetingId: string, content: MinutesContent): Promise<MinutesView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await this.mustFind(meetingId, em);
      if (row.status === MinutesStatus.Locked) throw lockedError(row);
      row.content = normalizeContent(content);
      row.editedAt = this.clock.now();
      row.editedBy = user.id;
      const out = await em.getRepository(MeetingMinutesEntity).save(row);
      await this.audit.append({ action: 'minutes.edited', entityType: 'meeting_minutes', entityId: out.id, actorId: user.id, actorRole: user.role, meetingId }, em);
      return out;
    });
    return toMinutesView(saved);
  }
}

/** NFC everywhere, so what is hashed is what any client typed, however it composed the diacritics. */
function normalizeContent(c: MinutesContent): MinutesContent {
  const n = (s: string): string => s.normalize('NFC');
  return { issuer: n(c.issuer).trim(), title: n(c.title).trim(), subtitle: n(c.subtitle).trim(), sections: c.sections.map((s) => ({ heading: n(s.heading).trim(), body: n(s.body) })) };
}
