import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { DomainError, ErrorCode, STAFF_ROLES, type AuthUser } from '#core';
import { MeetingAccess, MeetingsErrorCode, MeetingStatus } from '#meetings';
import { OpinionsErrorCode } from '../opinions.errors.js';
import { OpinionsNotifier } from '../opinions.notifier.js';
import { OpinionEntity, OpinionStatus } from './opinion.entity.js';
import { SpeakerRequestEntity, SpeakerRequestStatus } from './speaker-request.entity.js';

const ACTIVE: MeetingStatus[] = [MeetingStatus.Open, MeetingStatus.InSession];
const OPEN_HAND = [SpeakerRequestStatus.Waiting, SpeakerRequestStatus.Speaking];

/** Opinions and the speaker queue inside a meeting. */
export interface SpeakerRequestView {
  id: string;
  delegateId: string;
  delegateName: string;
  status: SpeakerRequestStatus;
  position: number;
  requestedAt: Date;
  grantedAt: Date | null;
}

/** A speaker request as clients see it (the queue, and the raise and grant answers); the delegate relation is loaded. */
function speakerView(r: SpeakerRequestEntity): SpeakerRequestView {
  return { id: r.id, delegateId: r.delegateId, delegateName: r.delegate?.fullName ?? '', status: r.status, position: r.queuePosition, requestedAt: r.requestedAt, grantedAt: r.grantedAt };
}

@Injectable()
export class OpinionsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OpinionEntity) private readonly opinions: Repository<OpinionEntity>,
    @InjectRepository(SpeakerRequestEntity) private readonly requests: Repository<SpeakerRequestEntity>,
    private readonly access: MeetingAccess,
    private readonly notifier: OpinionsNotifier,
  ) {}

  /** The caller's delegate id, after checking they are invited to an active meeting (MeetingAccess: 404 when not visible). */
  private async activeInvitedDelegate(user: AuthUser, meetingId: string): Promise<string> {
    const { meeting, invitation } = await this.access.assertCanView(user, meetingId);
    if (!user.delegateId) throw new DomainError(OpinionsErrorCode.NOT_A_DELEGATE, 'Only a delegate account can do this');
    // only staff reach here uninvited (a delegate who is not invited got 404 above)
    if (!invitation) throw new DomainError(MeetingsErrorCode.NOT_INVITED, 'You are not invited to this meeting');
    this.access.assertStatus(meeting, ACTIVE, OpinionsErrorCode.MEETING_NOT_ACTIVE);
    return user.delegateId;
  }

  private async assertAgendaItem(meetingId: string, agendaItemId: string | undefined): Promise<void> {
    if (agendaItemId && !(await this.access.agendaItem(meetingId, agendaItemId))) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'agendaItemId is not an item of this meeting', [{ field: 'agendaItemId', reasons: ['not in this meeting'] }]);
    }
  }

  async submit(user: AuthUser, meetingId: string, content: string, agendaItemId?: string): Promise<ReturnType<OpinionsService['view']>> {
    const delegateId = await this.activeInvitedDelegate(user, meetingId);
    await this.assertAgendaItem(meetingId, agendaItemId);
    const saved = await this.opinions.save(
      this.opinions.create({ meetingId, delegateId, agendaItemId: agendaItemId ?? null, content: content.normalize('NFC').trim(), status: OpinionStatus.Submitted }),
    );
    const full = await this.opinions.findOneOrFail({ where: { id: saved.id }, relations: { delegate: true } });
    const view = this.view(full);
    this.notifier.toStaff(meetingId, 'opinion:submitted', view);
    return view;
  }

  async list(user: AuthUser, meetingId: string): Promise<ReturnType<OpinionsService['view']>[]> {
    await this.access.assertCanView(user, meetingId);
    const staff = STAFF_ROLES.includes(user.role);
    if (!staff && !user.delegateId) return [];
    const rows = await this.opinions.find({
      where: staff ? { meetingId } : { meetingId, delegateId: user.delegateId ?? undefined },
      relations: { delegate: true },
      order: { createdAt: 'ASC' },
    });
    return rows.map((o) => this.view(o));
  }

  async markAddressed(user: AuthUser, meetingId: string, opinionId: string): Promise<ReturnType<OpinionsService['view']>> {
    const opinion = await this.opinions.findOne({ where: { id: opinionId, meetingId }, relations: { delegate: true } });
    if (!opinion) throw DomainError.notFound('Opinion', opinionId);
    if (opinion.status !== OpinionStatus.Addressed) {
      await this.opinions.update({ id: opinionId }, { status: OpinionStatus.Addressed, addressedBy: user.id, addressedAt: new Date() });
    }
    const updated = this.view(await this.opinions.findOneOrFail({ where: { id: opinionId }, relations: { delegate: true } }));
    this.notifier.toStaff(meetingId, 'opinion:addressed', updated);
    return updated;
  }

  private view(o: OpinionEntity): {
    id: string; meetingId: string; agendaItemId: string | null; delegateId: string; delegateName: string | null;
    content: string; status: OpinionStatus; createdAt: Date; addressedAt: Date | null;
  } {
    const delegate = o.delegate as { fullName?: string } | undefined;
    return {
      id: o.id, meetingId: o.meetingId, agendaItemId: o.agendaItemId, delegateId: o.delegateId, delegateName: delegate?.fullName ?? null,
      content: o.content, status: o.status, createdAt: o.createdAt, addressedAt: o.addressedAt,
    };
  }

  // ---- speaker queue ----

  async raiseHand(user: AuthUser, meetingId: string, agendaItemId?: string): Promise<SpeakerRequestView> {
    const delegateId = await this.activeInvitedDelegate(user, meetingId);
    await this.assertAgendaItem(meetingId, agendaItemId);
    try {
      await this.dataSource.transaction(async (em) => {
        const { max } = (await em
          .createQueryBuilder(SpeakerRequestEntity, 'r')
          .select('COALESCE(MAX(r.queuePosition), 0)', 'max')
          .where('r.meetingId = :meetingId', { meetingId })
          .getRawOne<{ max: string | number }>()) ?? { max: 0 };
        await em.insert(SpeakerRequestEntity, {
          meetingId, delegateId, agendaItemId: agendaItemId ?? null, status: SpeakerRequestStatus.Waiting, queuePosition: Number(max) + 1,
        });
      });
    } catch (err: unknown) {
      // the partial unique index says this delegate already has an open hand
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new DomainError(OpinionsErrorCode.HAND_ALREADY_RAISED, 'Your hand is already raised');
      }
      throw err;
    }
    const created = await this.requests.findOneOrFail({ where: { meetingId, delegateId, status: In(OPEN_HAND) }, relations: { delegate: true } });
    await this.broadcastQueue(meetingId);
    return speakerView(created);
  }

  async withdraw(user: AuthUser, meetingId: string): Promise<void> {
    await this.access.assertCanView(user, meetingId);
    if (!user.delegateId) throw new DomainError(OpinionsErrorCode.NOT_A_DELEGATE, 'Only a delegate account can do this');
    await this.requests.update({ meetingId, delegateId: user.delegateId, status: SpeakerRequestStatus.Waiting }, { status: SpeakerRequestStatus.Withdrawn, endedAt: new Date() });
    await this.broadcastQueue(meetingId);
  }

  /** Grants the floor; whoever was speaking is done, so only one person holds it. */
  async grant(user: AuthUser, meetingId: string, requestId: string): Promise<SpeakerRequestView> {
    await this.dataSource.transaction(async (em) => {
      const request = await em.findOne(SpeakerRequestEntity, { where: { id: requestId, meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw DomainError.notFound('Speaker request', requestId);
      if (request.status !== SpeakerRequestStatus.Waiting) {
        throw new DomainError(ErrorCode.CONFLICT, `This request is ${request.status}, only a waiting one can be granted`);
      }
      await em.update(SpeakerRequestEntity, { meetingId, status: SpeakerRequestStatus.Speaking }, { status: SpeakerRequestStatus.Done, endedAt: new Date() });
      await em.update(SpeakerRequestEntity, { id: requestId }, { status: SpeakerRequestStatus.Speaking, grantedBy: user.id, grantedAt: new Date() });
    });
    const granted = await this.requests.findOneOrFail({ where: { id: requestId }, relations: { delegate: true } });
    this.notifier.floorChanged(meetingId, { requestId, delegateId: granted.delegateId, speaking: true });
    await this.broadcastQueue(meetingId);
    return speakerView(granted);
  }

  async endFloor(meetingId: string, requestId: string): Promise<void> {
    const result = await this.requests.update({ id: requestId, meetingId, status: SpeakerRequestStatus.Speaking }, { status: SpeakerRequestStatus.Done, endedAt: new Date() });
    if (!result.affected) throw new DomainError(ErrorCode.CONFLICT, 'This request does not hold the floor');
    const request = await this.requests.findOneOrFail({ where: { id: requestId } });
    this.notifier.floorChanged(meetingId, { requestId, delegateId: request.delegateId, speaking: false });
    await this.broadcastQueue(meetingId);
  }

  async reorder(meetingId: string, requestIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const waiting = await em.find(SpeakerRequestEntity, { where: { meetingId, status: SpeakerRequestStatus.Waiting } });
      const ids = new Set(waiting.map((r) => r.id));
      if (requestIds.length !== ids.size || new Set(requestIds).size !== requestIds.length || !requestIds.every((id) => ids.has(id))) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'requestIds must list every waiting request exactly once', { waiting: [...ids] });
      }
      for (const [i, id] of requestIds.entries()) await em.update(SpeakerRequestEntity, { id }, { queuePosition: i + 1 });
    });
    await this.broadcastQueue(meetingId);
  }

  /** The speaker queue, for a caller who may see the meeting (names and ids: 404 to anyone else). */
  async queueFor(user: AuthUser, meetingId: string): ReturnType<OpinionsService['queue']> {
    await this.access.assertCanView(user, meetingId);
    return this.queue(meetingId);
  }

  async queue(meetingId: string): Promise<SpeakerRequestView[]> {
    const rows = await this.requests.find({ where: { meetingId, status: In(OPEN_HAND) }, relations: { delegate: true }, order: { queuePosition: 'ASC' } });
    return rows
      .sort((a, b) => (a.status === b.status ? a.queuePosition - b.queuePosition : a.status === SpeakerRequestStatus.Speaking ? -1 : 1))
      .map(speakerView);
  }

  private async broadcastQueue(meetingId: string): Promise<void> {
    this.notifier.toMeeting(meetingId, 'speakers:updated', { meetingId, queue: await this.queue(meetingId) });
  }
}
