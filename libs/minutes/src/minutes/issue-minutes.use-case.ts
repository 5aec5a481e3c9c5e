import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, Role, UserEntity, type AuthUser } from '#core';
import { DocumentsService, type OfficialDocumentView } from '#documents';
import { MeetingAccess } from '#meetings';
import { MinutesErrorCode } from '../minutes.errors.js';
import { MinutesStatus } from './meeting-minutes.entity.js';
import { minutesOfficialPdf, minutesSlots, minutesSymbol } from './minutes-render.js';
import { MinutesService } from './minutes.service.js';

export const MINUTES_DOCUMENT_KIND = 'minutes';

/**
 * Registers locked minutes as an official document: a number of the body for the year, the PDF rendered once with
 * it, and the two signature blocks (secretary, chair) assigned to users who will sign with their keys.
 */
@Injectable()
export class IssueMinutesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly minutes: MinutesService,
    private readonly documents: DocumentsService,
    private readonly access: MeetingAccess,
  ) {}

  async execute(user: AuthUser, meetingId: string, signers: { secretaryUserId?: string; chairUserId?: string }): Promise<OfficialDocumentView> {
    const m = await this.minutes.get(meetingId);
    if (m.status !== MinutesStatus.Locked) throw new DomainError(MinutesErrorCode.MINUTES_NOT_LOCKED, 'Lock the minutes before registering them for signature');
    const meeting = await this.access.getOrFail(meetingId);
    const users = this.dataSource.getRepository(UserEntity);
    const secretary = await users.findOne({ where: { id: signers.secretaryUserId ?? user.id, active: true } });
    const chair = signers.chairUserId ? await users.findOne({ where: { id: signers.chairUserId, active: true } }) : await users.findOne({ where: { role: Role.Chair, active: true }, order: { username: 'ASC' } });
    if (!secretary || !chair) throw new DomainError(MinutesErrorCode.MINUTES_SIGNER_UNKNOWN, 'Both the secretary and the chair must be active users');
    const slots = minutesSlots(secretary.displayName, chair.displayName);
    return this.documents.issue(user, {
      bodyId: meeting.bodyId,
      meetingId,
      kind: MINUTES_DOCUMENT_KIND,
      sourceId: m.id,
      title: `${m.content.title} ${m.content.subtitle}`.slice(0, 500),
      symbol: minutesSymbol(m),
      signers: [
        { ...slots[0], userId: secretary.id },
        { ...slots[1], userId: chair.id },
      ],
      render: (number, date) => minutesOfficialPdf(m, { number, date, signers: slots }),
    });
  }
}
