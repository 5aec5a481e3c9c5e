import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { Clock, DomainError, ErrorCode, JsonLogger, compareVietnameseNames } from '#core';
import { BodyEntity, BodyMemberEntity, DelegateEntity } from '#delegates';
import { PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { InvitationKind, MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import { MeetingsErrorCode } from '../meetings.errors.js';
import { INVITATION_MAILER, type InvitationMailer } from './invitation-mailer.js';

export interface InvitationView {
  delegateId: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  kind: InvitationKind;
  canVote: boolean;
  /** A substitute's member: who they attend for. */
  substituteFor: { delegateId: string; fullName: string } | null;
  invitedAt: Date;
  notifiedAt: Date | null;
  hasEmail: boolean;
}

export interface NoticeResult {
  /** Invitations whose notice was (re)sent now: visible in the app at once. */
  notified: number;
  /** Mail: null when SMTP_URL is not set (in-app only); else how many letters were accepted / refused, and who has no address. */
  email: { sent: number; failed: number; noAddress: number } | null;
}

const view = (i: MeetingInvitationEntity): InvitationView => ({
  delegateId: i.delegateId,
  fullName: i.delegate?.fullName ?? '',
  title: i.delegate?.title ?? null,
  organization: i.delegate?.organization ?? null,
  kind: i.kind,
  canVote: i.canVote,
  substituteFor: i.substituteFor ? { delegateId: i.substituteFor, fullName: i.substituteForDelegate?.fullName ?? '' } : null,
  invitedAt: i.createdAt,
  notifiedAt: i.notifiedAt,
  hasEmail: !!i.delegate?.email,
});

const KIND_ORDER: Record<InvitationKind, number> = { [InvitationKind.Member]: 0, [InvitationKind.Substitute]: 1, [InvitationKind.Guest]: 2 };

/**
 * Who is invited: members of the body (voting right from the registry), substitutes (người dự thay: attend for a
 * named member, may speak, never vote, never count toward the quorum) and guests (khách mời, never vote).
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Optional() @Inject(INVITATION_MAILER) private readonly mailer: InvitationMailer | null,
  ) {}

  async list(meetingId: string): Promise<InvitationView[]> {
    const rows = await this.dataSource.getRepository(MeetingInvitationEntity).find({
      where: { meetingId },
      relations: { delegate: true, substituteForDelegate: true },
    });
    return rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareVietnameseNames(a.delegate?.fullName ?? '', b.delegate?.fullName ?? '')).map(view);
  }

  /**
   * Invites one delegate. A member must be an active member of the body; a substitute must not be one and must name
   * an invited member who has no other substitute; a second invitation is 409 DUPLICATE.
   */
  invite(meetingId: string, delegateId: string, kind: InvitationKind, substituteFor?: string): Promise<InvitationView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const delegate = await em.getRepository(DelegateEntity).findOne({ where: { id: delegateId } });
      if (!delegate || !delegate.active) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `Delegate ${delegateId} does not exist or is inactive`, [{ field: 'delegateId', reasons: ['no such active delegate'] }]);
      }
      const isMember = await em.getRepository(BodyMemberEntity).exists({ where: { bodyId: meeting.bodyId, delegateId } });
      if (kind === InvitationKind.Member && !isMember) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Only a member of the meeting body can be invited as a member; invite others as guests', [
          { field: 'kind', reasons: ['delegate is not a member of the body'] },
        ]);
      }
      const repo = em.getRepository(MeetingInvitationEntity);
      if (kind === InvitationKind.Substitute) {
        if (!substituteFor) throw new DomainError(MeetingsErrorCode.SUBSTITUTE_INVALID, 'A substitute must name the member they attend for (substituteFor)', { field: 'substituteFor' });
        if (isMember) throw new DomainError(MeetingsErrorCode.SUBSTITUTE_INVALID, 'A member of the body attends as a member, not as a substitute', { field: 'delegateId' });
        const member = await repo.findOne({ where: { meetingId, delegateId: substituteFor } });
        if (!member || member.kind !== InvitationKind.Member) {
          throw new DomainError(MeetingsErrorCode.SUBSTITUTE_INVALID, 'substituteFor must be a member invited to this meeting', { field: 'substituteFor' });
        }
        if (await repo.exists({ where: { meetingId, substituteFor } })) {
          throw new DomainError(MeetingsErrorCode.SUBSTITUTE_INVALID, 'This member already has a substitute', { field: 'substituteFor' });
        }
      } else if (substituteFor) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Only a substitute names a member to attend for', [{ field: 'substituteFor', reasons: ['only with kind substitute'] }]);
      }
      if (await repo.exists({ where: { meetingId, delegateId } })) {
        throw new DomainError(ErrorCode.DUPLICATE, 'This delegate is already invited', { meetingId, delegateId });
      }
      await repo.insert({
        meetingId,
        delegateId,
        kind,
        canVote: kind === InvitationKind.Member && delegate.hasVotingRight,
        substituteFor: kind === InvitationKind.Substitute ? (substituteFor ?? null) : null,
      });
      return view(await repo.findOneOrFail({ where: { meetingId, delegateId }, relations: { delegate: true, substituteForDelegate: true } }));
    });
  }

  uninvite(meetingId: string, delegateId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const result = await em.getRepository(MeetingInvitationEntity).delete({ meetingId, delegateId });
      if (!result.affected) throw DomainError.notFound('Invitation', delegateId);
    });
  }

  /**
   * Sends the invitation notice: every invitation not yet notified (or all of them with `resend`) is stamped, which
   * shows the invitation in the delegate's app; with SMTP_URL set each invitee with an address also gets a letter.
   */
  async sendNotice(meetingId: string, resend: boolean): Promise<NoticeResult> {
    const now = this.clock.now();
    const { meeting, rows } = await this.dataSource.transaction(async (em) => {
      const m = await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const repo = em.getRepository(MeetingInvitationEntity);
      const due = await repo.find({ where: resend ? { meetingId } : { meetingId, notifiedAt: IsNull() }, relations: { delegate: true, substituteForDelegate: true } });
      if (due.length > 0) await repo.update({ meetingId, delegateId: In(due.map((r) => r.delegateId)) }, { notifiedAt: now });
      return { meeting: m, rows: due };
    });
    if (!this.mailer || rows.length === 0) return { notified: rows.length, email: this.mailer ? { sent: 0, failed: 0, noAddress: 0 } : null };
    const [body, agenda] = await Promise.all([
      this.dataSource.getRepository(BodyEntity).findOne({ where: { id: meeting.bodyId } }),
      this.dataSource.getRepository(AgendaItemEntity).find({ where: { meetingId }, order: { position: 'ASC' } }),
    ]);
    const withAddress = rows.filter((r) => r.delegate?.email);
    const letters = withAddress.map((r) => ({
      fullName: r.delegate?.fullName ?? '',
      email: r.delegate?.email ?? '',
      kind: r.kind,
      substituteForName: r.substituteForDelegate?.fullName ?? null,
      bodyName: body?.name ?? '',
      title: meeting.title,
      startsAt: meeting.startsAt,
      location: meeting.location,
      agenda: agenda.map((a) => a.title),
    }));
    try {
      const { sent, failed } = await this.mailer.send(letters);
      return { notified: rows.length, email: { sent: sent.length, failed: failed.length, noAddress: rows.length - withAddress.length } };
    } catch (err: unknown) {
      // the notice stands in the app; the mail server's failure is reported, not thrown
      this.logger.write('error', 'invitation mail failed', { meetingId, error: err instanceof Error ? err.message : String(err) });
      return { notified: rows.length, email: { sent: 0, failed: letters.length, noAddress: rows.length - withAddress.length } };
    }
  }
}
