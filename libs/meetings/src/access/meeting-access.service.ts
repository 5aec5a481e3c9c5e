import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, Role, type AuthUser } from '#core';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import type { MeetingMode, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import { MeetingsErrorCode } from '../meetings.errors.js';
import { canReadDocuments, canViewMeeting, seesAllMeetings } from './meeting-rules.js';

/** What the caller may do in a meeting they may see. */
export interface MeetingGrant {
  meeting: MeetingEntity;
  /** admin, secretary or chair: sees everything of every meeting */
  staff: boolean;
  /** The caller's invitation (delegates and chairs with a delegate record), null when none. */
  invitation: MeetingInvitationEntity | null;
}

/**
 * The one answer to "who may see or change this meeting", for HTTP and sockets, in every library.
 * Policy: a meeting the caller may not see answers 404 NOT_FOUND, exactly as a meeting that does not exist
 * (a delegate not invited, anyone but staff for a draft), so ids cannot be probed for existence.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingInvitationEntity) private readonly invitations: Repository<MeetingInvitationEntity>,
    @InjectRepository(AgendaItemEntity) private readonly agendaItems: Repository<AgendaItemEntity>,
  ) {}

  /** The meeting, or 404. For system callers (schedulers, webhooks, kiosks); a user's request goes through assertCanView. */
  async getOrFail(meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.meetings.findOne({ where: { id: meetingId } });
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    return meeting;
  }

  /** The meeting and the caller's standing in it when they may see it; 404 otherwise. */
  async assertCanView(user: AuthUser, meetingId: string): Promise<MeetingGrant> {
    const meeting = await this.getOrFail(meetingId);
    const staff = seesAllMeetings(user.role);
    const invitation = user.delegateId ? await this.invitations.findOne({ where: { meetingId, delegateId: user.delegateId } }) : null;
    const invited = !staff && user.role === Role.Delegate && invitation !== null;
    if (!canViewMeeting(user.role, meeting.status, invited)) throw DomainError.notFound('Meeting', meetingId);
    return { meeting, staff, invitation };
  }

  /** Whether the caller may see the meeting (for things of a meeting that answer their own 404, such as its official documents). */
  async canView(user: AuthUser, meetingId: string): Promise<boolean> {
    try {
      await this.assertCanView(user, meetingId);
      return true;
    } catch (err: unknown) {
      if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND) return false;
      throw err;
    }
  }

  /** As assertCanView, then 403 when the caller sees the meeting but may not read its documents (an observer). */
  async assertCanReadDocuments(user: AuthUser, meetingId: string): Promise<MeetingGrant> {
    const grant = await this.assertCanView(user, meetingId);
    const invited = user.role === Role.Delegate && grant.invitation !== null;
    if (!canReadDocuments(user.role, grant.meeting.status, invited)) throw DomainError.forbidden('Only staff and invited delegates may read meeting documents');
    return grant;
  }

  /** 409 (MEETING_LOCKED, or the caller's code) when the meeting is not in one of these statuses. */
  assertStatus(meeting: MeetingEntity, allowed: readonly MeetingStatus[], code: string = MeetingsErrorCode.MEETING_LOCKED): void {
    if (!allowed.includes(meeting.status)) {
      throw new DomainError(code, `The meeting is ${meeting.status}; this needs it ${allowed.join(' or ')}`, { status: meeting.status, allowed });
    }
  }

  /** The delegate's invitation to the meeting, null when not invited (for rules about a delegate other than the caller). */
  invitationOf(meetingId: string, delegateId: string): Promise<MeetingInvitationEntity | null> {
    return this.invitations.findOne({ where: { meetingId, delegateId } });
  }

  isInvited(meetingId: string, delegateId: string): Promise<boolean> {
    return this.invitations.exists({ where: { meetingId, delegateId } });
  }

  /** The meeting, or null (for callers that ignore a meeting that is gone, such as LiveKit webhooks). */
  find(meetingId: string, em?: EntityManager): Promise<MeetingEntity | null> {
    return (em ? em.getRepository(MeetingEntity) : this.meetings).findOne({ where: { id: meetingId } });
  }

  /** Inside a transaction: the meeting row locked (a concurrent status change waits), or 404. */
  async lock(em: EntityManager, meetingId: string): Promise<MeetingEntity> {
    const meeting = await em.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    return meeting;
  }

  /** Meetings in these statuses, optionally not in one mode (the conference reconciler: online meetings under way). */
  inStatus(statuses: readonly MeetingStatus[], exceptMode?: MeetingMode): Promise<MeetingEntity[]> {
    return this.meetings.find({ where: { status: In([...statuses]), ...(exceptMode ? { mode: Not(exceptMode) } : {}) } });
  }

  /** Titles by id, for lists that name their meetings. */
  async titles(meetingIds: string[]): Promise<Map<string, string>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await this.meetings.find({ where: { id: In(meetingIds) }, select: { id: true, title: true } });
    return new Map(rows.map((m) => [m.id, m.title]));
  }

  invitedCount(meetingId: string): Promise<number> {
    return this.invitations.count({ where: { meetingId } });
  }

  /** The meeting's agenda in order. */
  agenda(meetingId: string, em?: EntityManager): Promise<AgendaItemEntity[]> {
    return (em ? em.getRepository(AgendaItemEntity) : this.agendaItems).find({ where: { meetingId }, order: { position: 'ASC' } });
  }

  /** An agenda item of this meeting, or null (an item of another meeting is not one). */
  agendaItem(meetingId: string, itemId: string, em?: EntityManager): Promise<AgendaItemEntity | null> {
    return (em ? em.getRepository(AgendaItemEntity) : this.agendaItems).findOne({ where: { id: itemId, meetingId } });
  }

  /** Agenda items by id, whatever their meeting (the caller checks they belong). */
  agendaItemsById(itemIds: string[], em?: EntityManager): Promise<AgendaItemEntity[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return (em ? em.getRepository(AgendaItemEntity) : this.agendaItems).find({ where: { id: In(itemIds) } });
  }
}
