import type { DataSource } from 'typeorm';
import type { DelegateEntity } from '#delegates';
import { InvitationKind, MeetingEntity, MeetingInvitationEntity, MeetingStatus } from '#meetings';
import { createBody, createDelegate, createMeeting } from './registry.factory.js';

export interface AttendanceFixture {
  meeting: MeetingEntity;
  /** members of the body, all invited */
  members: DelegateEntity[];
  /** invited but not members of the body (never count toward the quorum) */
  guests: DelegateEntity[];
  /** a delegate (not a member of this body) who is not invited */
  uninvited: DelegateEntity;
}

/** A meeting (open by default) of a body with `members` invited members, `guests` invited guests, and one uninvited delegate. */
export async function createAttendanceMeeting(
  ds: DataSource,
  opts: { members?: number; guests?: number; status?: MeetingStatus } = {},
): Promise<AttendanceFixture> {
  const { body, delegates } = await createBody(ds, opts.members ?? 3);
  const { meeting } = await createMeeting(ds, body.id, delegates, { status: opts.status ?? MeetingStatus.Open }, 0);
  const guests: DelegateEntity[] = [];
  for (let i = 0; i < (opts.guests ?? 0); i++) {
    const guest = await createDelegate(ds, { title: 'Khách mời' });
    await ds.getRepository(MeetingInvitationEntity).save({ meetingId: meeting.id, delegateId: guest.id, kind: InvitationKind.Guest, canVote: false });
    guests.push(guest);
  }
  const uninvited = await createDelegate(ds);
  return { meeting, members: delegates, guests, uninvited };
}
